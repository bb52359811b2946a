"""The evaluation path of two checkouts of this project, side by side (prints figures; not a test).

Runs `share.cycle.measure.evaluate_model` as one checkout's code has it (--code) on the
eval koans of some tasks and of core, answered by the cycle's base (models/base, in this
directory) with the evaluate section's generation settings, and prints its seconds,
passes and token accuracy. With --against (the records an earlier run wrote with -o) it
also counts the koans whose verdict or teacher-forced score differ. Run the two one
after the other on a quiet machine:

    git worktree add /tmp/before 753cb2f
    .venv/bin/python benchmarks/ab_evaluate.py --code /tmp/before -o /tmp/before.json
    .venv/bin/python benchmarks/ab_evaluate.py --code . -o /tmp/after.json --against /tmp/before.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", required=True, help="a checkout of this project whose share/ package runs")
    parser.add_argument("--tasks", nargs="+", default=["bc_move", "tb_derive", "bc_mut"])
    parser.add_argument("-o", "--out", required=True, help="where to write the per-koan records (JSON)")
    parser.add_argument("--against", help="records of an earlier run, to compare verdicts and scores with")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.code).resolve()))  # before share is imported: that checkout's code runs
    import share
    from share.cycle import params as P
    from share.cycle.measure import evaluate_model
    from share.cycle.methods import folded, load_answerer
    from share.koans.koan import read_koans
    from share.model.generation import GenerationConfig
    from share.model.prompt import PromptConfig

    section = P.section(P.load(), "evaluate")
    koans = [k for t in [*args.tasks, "core"] for k in read_koans(f"data/koans/{t}/eval.jsonl")]
    model, tokenizer = load_answerer("models/base")
    cfg = dataclasses.replace(GenerationConfig.from_params(section), progress=False)
    start = time.perf_counter()
    records = evaluate_model(folded(model), tokenizer, koans, PromptConfig.load("models/base"), cfg,
                             timeout=section["timeout"])
    seconds = time.perf_counter() - start
    Path(args.out).write_text(json.dumps(records))
    passed = sum(r["status"] == "pass" for r in records)
    accuracy = sum(r["correct"] for r in records) / sum(r["tokens"] for r in records)
    print(f"{Path(share.__file__).parent.parent}: {len(records)} koans ({', '.join(args.tasks)}, core) in {seconds:.1f} s; "
          f"{passed} passed; reference token accuracy {accuracy:.4f}")
    if args.against:
        before = {r["id"]: r for r in json.loads(Path(args.against).read_text())}
        verdicts = [(r["id"], before[r["id"]]["status"], r["status"]) for r in records if r["status"] != before[r["id"]]["status"]]
        scores = sum(r["correct"] != before[r["id"]]["correct"] for r in records)
        print(f"against {args.against}: {len(verdicts)} verdicts differ {verdicts}; {scores} koans' correctly "
              f"predicted reference tokens differ")


if __name__ == "__main__":
    main()
