"""Build the embedded base model from nothing and print what its targets ask for: the
steps, the wall time (target: under 15 minutes on 2 cores) and the held-out `core` pass
rate (target: at least 25%) and loss it reaches.

    .venv/bin/python benchmarks/bench_base.py [--params params.yaml] [--steps N] [--n-train N]

"From nothing" is what a fresh clone does with `dvc repro` once the committed base is
unfrozen: the evaluator cache is a new empty folder (KOANSHARE_CACHE), so the held-out
koans (the `core_koans` stage) and the training koans are generated and verified with
rustc before pre-training. Everything is written to a temp folder, never to models/base.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from share import params as P  # noqa: E402
from stages.base_model import build, read_params  # noqa: E402
from stages.generate import generate_split  # noqa: E402

TARGET_SECONDS, TARGET_PASS_RATE = 15 * 60, 0.25


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", default="params.yaml", help="params file with base_model and generate sections")
    parser.add_argument("--steps", type=int, help="override base_model.train.steps")
    parser.add_argument("--n-train", type=int, help="override base_model.n_train (training koans per task)")
    args = parser.parse_args(argv)
    params = read_params(args.params)
    if args.steps:
        params["train"] = {**params["train"], "steps": args.steps}
    if args.n_train:
        params["n_train"] = args.n_train
    with tempfile.TemporaryDirectory(prefix="bench-base-") as tmp, mock.patch.dict(os.environ):
        tmp = Path(tmp)
        os.environ["KOANSHARE_CACHE"] = str(tmp / "cache")  # nothing verified before
        params.update(out=str(tmp / "base"), metrics=str(tmp / "metrics.json"), live_dir=str(tmp / "dvclive"),
                      koans_dir=str(tmp / "koans"))
        start = time.perf_counter()
        n_eval = generate_split(params["family"], "eval", P.load(args.params), tmp / "koans")  # as `core_koans` does
        eval_seconds = time.perf_counter() - start
        metrics = build(params)
        total = time.perf_counter() - start
    pre, ev = metrics["pretrain"], metrics["eval"]
    koan_seconds = total - eval_seconds - metrics["seconds"]  # build() times itself from after loading the koans
    print(f"\nbase model from nothing ({metrics['params']:,} parameters, {os.cpu_count()} cores):")
    print(f"  held-out koans ({n_eval}), generated and verified   {eval_seconds:7.0f} s")
    print(f"  training koans ({params['n_train']} per task), generated and verified {koan_seconds:7.0f} s")
    print(f"  pre-training, {pre['steps']:,} steps ({pre['seconds_per_step']:.3f} s/step)   {pre['seconds']:7.0f} s")
    print(f"  tokenizer, saving, held-out measurement       {metrics['seconds'] - pre['seconds']:7.0f} s")
    met = lambda ok: "met" if ok else "NOT met"
    print(f"  total {total:.0f} s = {total / 60:.1f} min (target under {TARGET_SECONDS // 60} min: "
          f"{met(total < TARGET_SECONDS)})")
    print(f"held-out {params['family']}: {ev['passed']}/{ev['n']} = {ev['pass_rate']:.1%} "
          f"(95% interval {ev['ci95'][0]:.1%}-{ev['ci95'][1]:.1%}; target at least "
          f"{TARGET_PASS_RATE:.0%}: {met(ev['pass_rate'] >= TARGET_PASS_RATE)}), teacher-forced loss "
          f"{ev['loss']:.3f}, token accuracy {ev['token_accuracy']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
