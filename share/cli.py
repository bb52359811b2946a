"""`koanshare` command line: evaluate, families, generate, share ...

Errors the user can fix (bad files, unknown tasks, misbehaving plugins) print one
`error: ...` line and exit 2; nothing is written.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from share.koans.koan import SPLITS, SchemaError

log = logging.getLogger("koanshare")


class UsageError(Exception):
    """Bad input the user can fix; the message says what and how."""


def cmd_evaluate(args) -> int:
    import subprocess

    from share.judge.evaluate import evaluate_answers
    from share.judge.sandbox import rustc_version
    from share.koans.koan import read_answers, read_koans, write_records
    from share.koans.plugins import load_registry

    if bool(args.answers) + args.reference + args.broken != 1:
        raise UsageError("give exactly one of: an ANSWERS.jsonl file, --reference, --broken")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: must be at least 1")
    if not args.timeout > 0:
        raise UsageError(f"--timeout {args.timeout}: must be a positive number of seconds")
    koans = read_koans(args.koans)
    if args.answers:
        answers = read_answers(args.answers)
        by_id = {k.id: k for k in koans}
        missing = [a.id for a in answers if a.id not in by_id]
        if missing:
            raise UsageError(f"{args.answers}: answer id {missing[0]!r} is not in {args.koans} ({len(missing)} unknown ids)")
        koans = [by_id[a.id] for a in answers]
        texts = [a.answer for a in answers]
    else:
        texts = [k.reference if args.reference else k.broken for k in koans]
    registry = load_registry()
    checks = {t.name: t.checks for t in registry.tasks.values() if t.checks}
    try:
        rustc_version()
    except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
        raise UsageError(f"cannot run rustc: {e}") from e
    results = evaluate_answers(koans, texts, workers=args.jobs, timeout=args.timeout, checks=checks)
    write_records(args.output, results)
    passed = sum(r.status == "pass" for r in results)
    failed = sum(r.status == "sandbox_error" for r in results)
    print(f"{passed}/{len(results) - failed} passed -> {args.output}"
          + (f" ({failed} not judged: the judge itself failed on them; see their detail and re-run)" if failed else ""))
    return 0


def cmd_answer(args) -> int:
    from share.cycle.methods import folded, load_answerer
    from share.koans.koan import read_koans
    from share.model.generation import GenerationConfig, answer_koans, write_answers
    from share.model.modeling import ModelError
    from share.model.prompt import PromptConfig

    if args.task is not None and args.share is None:
        raise UsageError("--task names a task of a Share; give --share DIR too")
    if args.batch_size < 1 or args.max_new_tokens < 1:
        raise UsageError(f"--batch-size {args.batch_size} and --max-new-tokens {args.max_new_tokens} must be at least 1")
    koans = read_koans(args.koans)
    try:
        model, tokenizer = load_answerer(args.model, adapter=args.adapter, share_dir=args.share, task=args.task,
                                         model_kwargs={"dtype": args.dtype})
    except (ModelError, ValueError, KeyError) as e:
        raise UsageError(str(e)) from e
    cfg = GenerationConfig(max_new_tokens=args.max_new_tokens, batch_size=args.batch_size, bf16=args.bf16)
    answers = answer_koans(folded(model), tokenizer, koans, PromptConfig.load(args.model), cfg)
    write_answers(args.output, koans, answers)
    print(f"{len(answers)} answers -> {args.output}; judge them with `koanshare evaluate {args.koans} {args.output} -o ...`")
    return 0


def cmd_families(args) -> int:
    from share.koans.plugins import load_registry

    registry = load_registry()
    for family, (description, plugin) in registry.families.items():
        print(f"{family}  ({plugin}): {description}")
        for task in registry.family_tasks(family):
            print(f"  {task.name:24s} edition {task.edition}  [{task.plugin}]  {task.description.splitlines()[0]}")
    print(f"{len(registry.families)} families, {len(registry.tasks)} tasks")
    return 0


def cmd_generate(args) -> int:
    from share.koans.generate import generate_tasks, resolve_tasks
    from share.koans.koan import write_records
    from share.koans.plugins import load_registry

    tasks = resolve_tasks(load_registry(), args.tasks)
    out = Path(args.output)
    started = time.perf_counter()
    made = generate_tasks(tasks, args.split, args.n, args.seed, workers=args.jobs, timeout=args.timeout)
    seconds = time.perf_counter() - started
    for task, (koans, stats) in zip(tasks, made):
        write_records(out / task.name / f"{args.split}.jsonl", koans)  # the stages' layout: splits side by side
        print(stats.line())
    total = sum(len(koans) for koans, _ in made)
    print(f"{len(tasks)} tasks: {total} verified koans in {seconds:.0f} s ({total / max(seconds, 1e-9):.1f} koans/s)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="koanshare", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each step does")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("evaluate", help="compile and run answers (or a koan file's own code) with rustc")
    p.add_argument("koans", help="a koan file (JSON lines, the koan schema of docs/design.md)")
    p.add_argument("answers", nargs="?", help="answers to judge: JSON lines of {id, answer}")
    p.add_argument("-o", "--output", required=True, help="where to write one result per koan (JSON lines)")
    p.add_argument("--reference", action="store_true", help="evaluate each koan's reference code")
    p.add_argument("--broken", action="store_true", help="evaluate each koan's broken code")
    p.add_argument("--jobs", type=int, default=None, help="parallel workers (default: the machine's cores + 1)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per compile and per run")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("answer", help="a model's answers to koans (ANSWERS.jsonl for `koanshare evaluate`)")
    p.add_argument("koans", help="KOANS.jsonl: the koans to answer (any koan file, your own included)")
    p.add_argument("--model", required=True, help="a Hugging Face causal-LM directory (e.g. models/base)")
    p.add_argument("--adapter", help="a PEFT LoRA adapter directory to apply (e.g. models/lora/bc_move)")
    p.add_argument("--share", help="a Share directory (e.g. models/share/step_3) whose coefficients to apply")
    p.add_argument("--task", help="with --share: the task whose coefficients answer (default: their average)")
    p.add_argument("-o", "--output", required=True, help="ANSWERS.jsonl to write")
    p.add_argument("--batch-size", type=int, default=16, help="prompts generated together")
    p.add_argument("--max-new-tokens", type=int, default=256, help="the longest answer, in tokens")
    p.add_argument("--dtype", default="float32", choices=("float32", "bfloat16", "float16"), help="weights' dtype")
    p.add_argument("--bf16", action="store_true", help="bf16 autocast (fast only where the device has native bf16)")
    p.set_defaults(func=cmd_answer)

    p = sub.add_parser("families", help="list task families, tasks and the plugin that gave each")
    p.set_defaults(func=cmd_families)

    p = sub.add_parser("generate", help="generate verified koans for tasks (`all` = every task)")
    p.add_argument("tasks", nargs="+", help="task names, family names (all their tasks) or `all` (see `koanshare families`)")
    p.add_argument("--split", choices=SPLITS, required=True, help="train, eval (held out) or dev (for choosing recipes)")
    p.add_argument("--n", type=int, required=True, help="verified koans per task")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same koans")
    p.add_argument("-o", "--output", required=True, help="folder: writes OUTPUT/<task>/<split>.jsonl")
    p.add_argument("--jobs", type=int, default=None, help="rustc workers (default: cores + 1)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per compile or run")
    p.set_defaults(func=cmd_generate)

    try:
        from share.subspace.cli import add_commands
    except ImportError:  # the Share library is optional for koan-only use
        pass
    else:
        add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from share.koans.plugins import PluginError

    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except (UsageError, SchemaError, PluginError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
