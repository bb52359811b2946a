"""Compare two evaluators' verdicts on every task's koan programs (prints figures; not a test).

A change to the judge must leave verdicts on real programs as they were, except where a
rule changes them on purpose. Three steps, so each evaluator runs from its own checkout
(PYTHONPATH picks it; an older one may lack the koan context a Job now carries):

    .venv/bin/python benchmarks/judge_equivalence.py programs --n 12 --seed 0 -o /tmp/programs.json
    PYTHONPATH=/tmp/oldjudge .venv/bin/python benchmarks/judge_equivalence.py judge /tmp/programs.json -o /tmp/old.json
    .venv/bin/python benchmarks/judge_equivalence.py judge /tmp/programs.json -o /tmp/new.json
    .venv/bin/python benchmarks/judge_equivalence.py compare /tmp/old.json /tmp/new.json

`programs` draws n koans per task and split (train and eval) and keeps the reference and
broken program of each, as generation judges them; `judge` runs them through `run_jobs`
(shared builds included, no cache, no plugin checks); `compare` counts identical verdicts
(status, error codes, detail, diagnostic), lists the others and every reference that fails.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from dataclasses import fields


def programs(args) -> None:
    from share.koans.generate import draft_job, drafts_of
    from share.koans.plugins import load_registry

    rows = []
    for task in load_registry().tasks.values():
        for split in ("train", "eval"):
            for i, draft in enumerate(drafts_of(task, split, args.n, args.seed)):
                for kind in ("reference", "broken"):
                    job = draft_job(task, f"{task.name}/{split}/{i}", draft, kind)
                    rows.append({"id": job.id, "kind": kind, "code": job.code, "tests": job.tests, "mode": job.mode,
                                 "edition": job.edition, "task": job.task, "compiles": job.compiles,
                                 "reference": draft["reference"], "broken": draft["broken"]})
    write(args.output, rows)
    print(f"{len(rows)} programs -> {args.output}")


def judge(args) -> None:
    from share.judge import sandbox
    from share.judge.evaluate import Job, run_jobs

    os.environ["KOANSHARE_CACHE"] = "off"
    context = {"reference", "broken"} & {f.name for f in fields(Job)}  # what this evaluator's Job takes
    rows = json.load(open(args.programs, encoding="utf-8"))
    jobs = [Job(r["id"], r["code"], r["tests"], r["mode"], r["edition"], r["task"], compiles=r["compiles"],
                **{name: r[name] for name in context}) for r in rows]
    started = time.perf_counter()
    results = run_jobs(jobs, workers=args.jobs, timeout=args.timeout, progress=False)
    seconds = time.perf_counter() - started
    write(args.output, [{"id": r.id, "kind": row["kind"], "verdict": [r.status, r.error_codes, r.detail, r.diagnostic]}
                        for row, r in zip(rows, results)])
    print(f"{len(jobs)} programs judged in {seconds:.0f} s by {sys.modules['share.judge.evaluate'].__file__} "
          f"({sandbox.rustc_version()}) -> {args.output}")


def compare(args) -> None:
    old, new = (json.load(open(path, encoding="utf-8")) for path in (args.old, args.new))
    assert [r["id"] for r in old] == [r["id"] for r in new], "the two files judge different programs"
    same = [o["verdict"] == n["verdict"] for o, n in zip(old, new)]
    print(f"{sum(same)}/{len(same)} verdicts identical")
    print(f"by kind: {dict(Counter((o['kind'], s) for o, s in zip(old, same)))}")
    print(f"new statuses: {dict(Counter((n['kind'], n['verdict'][0]) for n in new))}")
    failing = [n["id"] for n in new if n["kind"] == "reference" and n["verdict"][0] != "pass"]
    print(f"references that do not pass: {len(failing)} {failing[:10]}")
    changed = [(o, n) for o, n, s in zip(old, new, same) if not s]
    for (was, now, detail), count in Counter((o["verdict"][0], n["verdict"][0], n["verdict"][2][:100])
                                             for o, n in changed).most_common():
        print(f"  {count:4d} x {was} -> {now}: {detail}")
    for o, n in changed[:args.show]:
        print(f"\n{o['id']}")
        for label, row in (("old", o), ("new", n)):
            print(f"  {label}: {row['verdict'][:3]} {row['verdict'][3][-400:]!r}")


def write(path: str, rows: list) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(rows, f)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("programs")
    p.add_argument("--n", type=int, default=12, help="koans per task and split")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(step_fn=programs)
    p = sub.add_parser("judge")
    p.add_argument("programs")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--jobs", type=int, default=None)
    p.add_argument("--timeout", type=float, default=10.0)
    p.set_defaults(step_fn=judge)
    p = sub.add_parser("compare")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--show", type=int, default=5, help="changed verdicts to print in full")
    p.set_defaults(step_fn=compare)
    args = parser.parse_args()
    args.step_fn(args)


if __name__ == "__main__":
    main()
