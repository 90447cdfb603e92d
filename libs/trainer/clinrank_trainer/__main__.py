"""Entry point for `python3 -m clinrank_trainer`."""
import sys

from clinrank_trainer.cli import main
from clinrank_trainer.lifetime import silent_phase, watch_agent

watch_agent()
silent_phase()
sys.exit(main())
