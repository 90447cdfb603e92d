"""Entry point for `python3 -m clinrank_trainer`."""
import sys

from clinrank_trainer.cli import main

sys.exit(main())
