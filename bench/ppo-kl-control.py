#!/usr/bin/env python3
"""PPO's KL control on LiveQA-Med with the built-in CPU models: KL band, reward rise and wall time per configuration.

Usage: /usr/bin/python3 bench/ppo-kl-control.py [--only low,high,defaults] [--parallel 2]
Trains the built-in reward model on a 75/25 question split (seed 0), then runs `python -m clinrank_trainer ppo`
(what `npx clinrank train ppo` runs) with seed 2, one torch thread per run:
  low:      --steps 200 --adaptive-kl --target-kl 3 --kl-coef 0.005
  high:     --steps 200 --adaptive-kl --target-kl 3 --kl-coef 0.5
  defaults: no options
Prints one JSON object: per configuration, the last-quarter KL and the band, beta's path, the first- and last-quarter
normalised score, and the wall time.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRAINER = Path(__file__).resolve().parents[1] / "libs" / "trainer"
sys.path[:0] = [str(TRAINER), str(TRAINER / "scripts")]

from learning_check import compare_on_split, write_split  # noqa: E402
from liveqa import default_liveqa_dir, load_liveqa_rankings, split_by_question  # noqa: E402

CONFIGS = {
    "low": ["--steps", "200", "--adaptive-kl", "--target-kl", "3", "--kl-coef", "0.005"],
    "high": ["--steps", "200", "--adaptive-kl", "--target-kl", "3", "--kl-coef", "0.5"],
    "defaults": [],
}
KEYS = ("kl_last_quarter", "kl_band_low", "kl_band_high", "kl_last_quarter_in_band", "kl_max", "initial_kl_coef",
        "final_kl_coef", "min_kl_coef", "max_kl_coef", "scores_first_quarter", "scores_last_quarter",
        "raw_scores_first_quarter", "raw_scores_last_quarter", "sft_loss")


def launch(name, prompts, reward_model, work):
    command = [sys.executable, "-m", "clinrank_trainer", "ppo", "--prompts", str(prompts), "--reward-model",
               str(reward_model), "--output", str(work / name), "--seed", "2", *CONFIGS[name]]
    env = {**os.environ, "PYTHONPATH": str(TRAINER), "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env), time.time()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="low,high,defaults")
    parser.add_argument("--parallel", type=int, default=2)
    args = parser.parse_args()
    names = [name for name in args.only.split(",") if name]
    if unknown := set(names) - set(CONFIGS):
        print(f"ppo-kl-control: error: unknown configuration {sorted(unknown)}", file=sys.stderr)
        return 2
    data = default_liveqa_dir()
    if not (data / "judgments.jsonl").is_file():
        print(f"ppo-kl-control: error: LiveQA-Med data not found in {data}", file=sys.stderr)
        return 2
    rows, _ = load_liveqa_rankings(data)
    train, held_out = split_by_question(rows, 0.25, 0)
    results = {}
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        compare_on_split(train, held_out, work, 0)
        prompts = write_split(train, work, "prompts")
        pending = list(names)
        while pending:
            batch, pending = pending[:args.parallel], pending[args.parallel:]
            running = {name: launch(name, prompts, work / "reward-model", work) for name in batch}
            for name, (process, started) in running.items():
                _, stderr = process.communicate()
                if process.returncode != 0:
                    print(f"ppo-kl-control: {name} failed:\n{stderr}", file=sys.stderr)
                    return 1
                metrics = json.loads((work / name / "metrics.json").read_text())
                results[name] = {"options": " ".join(CONFIGS[name]) or "(defaults)",
                                 **{key: metrics.get(key) for key in KEYS},
                                 "wall_seconds": round(time.time() - started, 1)}
    print(json.dumps({"dataset": "liveqa-med-2017", "seed": 2, "parallel": args.parallel, "runs": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
