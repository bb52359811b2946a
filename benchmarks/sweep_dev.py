"""Choose a training recipe on the dev split (prints figures; not a test): a task's LoRA
budget, or Share phase 2's recipe for an arriving task.

For each task and recipe, train as the stage does (`train_lora`, or `train_coefficients`
against the frozen basis of the task's predecessor step) into a temp folder and judge the
answers to the task's *dev* koans, seen and new shapes apart: the eval koans the report
uses stay unseen by every choice.

    .venv/bin/python benchmarks/sweep_dev.py lora --tasks tb_derive --recipes 30:1e-3 60:1e-3
    .venv/bin/python benchmarks/sweep_dev.py coefficients --tasks bc_mut --recipes 1:2:30:1e-2 4:2:30:1e-2
    .venv/bin/python benchmarks/sweep_dev.py lora --tasks bc_move --recipes 30:1e-3 --diagnostics hints
    .venv/bin/python benchmarks/sweep_dev.py lora --tasks bc_move --recipes 30:1e-3 --edit-order rustc
    .venv/bin/python benchmarks/sweep_dev.py lora --tasks adv_newtype --recipes 60:1e-3 --dev-n 96
    .venv/bin/python benchmarks/sweep_dev.py lora --tasks bc_mut --recipes 30:1e-3 --train-seed 1

`--diagnostics hints` is an ablation of the prompt, not of the recipe: each train and dev
koan's diagnostic is clipped to the same `max_diagnostic_chars` keeping rustc's help:
lines (and the code they suggest), then its note: lines, before the source-context lines,
where the stages keep the first lines (share.model.prompt.clip_diagnostic), which often
cut the note or help that names the fix. `--edit-order rustc` is an ablation of the
training target: a reference of several SEARCH/REPLACE blocks lists them nearest the line
rustc's diagnostic points at first, where the stages list them in file order (it swaps
share.model.prompt.target in this process: training and scoring see the new order).

`--train-seed S` trains on the task's training split drawn with seed S instead of the
cycle's (the LoRA's initialisation and batch shuffle keep params' seed): how much a
recipe's dev passes owe to which training koans were drawn.
`--dev-n N` judges N dev-side koans instead of the dev split's `generate.n_dev`, drawn as
that split is but with n=N and verified here (a draw of its own: it holds the split's seen
koans, not its new ones; never an eval koan), for more koans per template where a few decide.

A LoRA recipe is STEPS:LR, a coefficient recipe P:PHI:STEPS:LR; every other setting comes
from params.yaml (`lora`, `coefficients`). A task whose chosen budget differs from the
section's steps carries it as `tasks.<task>.train_steps`. Needs the tasks' koans and
models/base, and for coefficients the cycle's Share up to the task's basis (`dvc repro` up
to `merge@PREV`).
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from dataclasses import replace

import share.model.prompt
from share.cycle import params as P
from share.cycle import paths
from share.cycle.measure import evaluate_saved
from share.cycle.metrics import headline
from share.judge.answers import apply_edits
from share.koans.generate import generate_tasks, resolve_tasks
from share.koans.koan import read_koans
from share.koans.plugins import load_registry
from share.model.generation import GenerationConfig
from share.model.prompt import CLIP_MARK, PromptConfig, compact_diagnostic
from share.model.train import LoraParams, TrainConfig, train_coefficients, train_lora

from probe_edits import edit_blocks  # benchmarks/, the script's folder


def trainer(method: str, params: dict, task: str, recipe: str, koans: list, prompt: PromptConfig):
    """A function out_dir -> TrainStats that trains `task` with `recipe` as the method's stage does."""
    cfg = P.section(params, method)
    *shape, steps, lr = recipe.split(":")
    prev = {s["task"]: s["prev"] for s in P.protocol(params)["steps"]}
    if method == "coefficients" and task not in prev:
        raise P.ParamsError(f"{task} is not an arriving task of params.yaml `steps` ({', '.join(prev)})")
    train_cfg = replace(TrainConfig(**cfg["train"], seed=params["seed"]), steps=int(steps), lr=float(lr))
    if method == "lora":
        return lambda out: train_lora(paths.BASE, koans, out, LoraParams(**cfg["adapter"]), train_cfg, prompt)
    p, phi = map(int, shape)
    return lambda out: train_coefficients(paths.BASE, paths.share_step(prev[task]), koans, out, train_cfg, prompt,
                                          p=p, phi=phi)


CODE = re.compile(r"^\d+\s*\|")


def hints_first(diagnostic: str, limit: int) -> str:
    """The compacted diagnostic in at most `limit` characters, in rustc's order: its first
    line, every help: line and the code it suggests, then the note: lines, then the other
    lines from the top while they fit; a CLIP_MARK stands where lines were left out."""
    lines = compact_diagnostic(diagnostic).splitlines(keepends=True)
    if sum(map(len, lines)) <= limit:
        return "".join(lines)
    rank, under_help = [], False
    for i, line in enumerate(lines):
        under_help = line.startswith("help:") or (under_help and bool(CODE.match(line)))
        rank.append(0 if i == 0 or under_help else 1 if line.startswith("note:") else 2)

    def shown(kept: set) -> str:
        out = [line if i in kept else CLIP_MARK for i, line in enumerate(lines)]
        return "".join(x for i, x in enumerate(out) if x != CLIP_MARK or i == 0 or out[i - 1] != CLIP_MARK)

    kept: set = set()
    for i in sorted(range(len(lines)), key=lambda i: (rank[i], i)):
        if len(shown(kept | {i})) <= limit:
            kept.add(i)
    return shown(kept)


FILE_ORDER = share.model.prompt.target
SPAN = re.compile(r"--> main\.rs:(\d+):")


def rustc_order(koan, fmt: str) -> str:
    """The reference answer with its edit blocks nearest the line of rustc's first span
    first (the file order where that would change what the edits make)."""
    answer, span = FILE_ORDER(koan, fmt), SPAN.search(koan.diagnostic)
    blocks = edit_blocks(answer)
    if fmt != "edits" or len(blocks) < 2 or not span:
        return answer
    lines = [line.strip() for line in koan.broken.splitlines()]
    first_line = lambda block: lines.index(block.splitlines()[1].strip()) + 1  # noqa: E731
    ordered = "".join(sorted(blocks, key=lambda b: abs(first_line(b) - int(span.group(1)))))
    return ordered if apply_edits(koan.broken, ordered).code == koan.reference else answer


def drawn(task: str, split: str, n: int, seed: int, timeout: float) -> list:
    """n verified koans of one split of a task, drawn as the generate stage draws them."""
    [(koans, _)] = generate_tasks(resolve_tasks(load_registry(), [task]), split, n, seed, timeout=timeout)
    return koans


def by_template(records: list[dict]) -> dict[str, tuple[int, int]]:
    """(passed, n) per template (the last part of a koan id), in first-seen order."""
    out: dict[str, tuple[int, int]] = {}
    for r in records:
        template = r["id"].rsplit("/", 1)[-1]
        passed, n = out.get(template, (0, 0))
        out[template] = (passed + (r["status"] == "pass"), n + 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("method", choices=["lora", "coefficients"])
    parser.add_argument("--tasks", nargs="+", required=True)
    parser.add_argument("--recipes", nargs="+", required=True, help="STEPS:LR (lora) or P:PHI:STEPS:LR (coefficients)")
    parser.add_argument("--diagnostics", choices=["clipped", "hints"], default="clipped",
                        help="clipped: as the stages prompt; hints: clipped keeping help: lines and their code, then note: lines, first")
    parser.add_argument("--edit-order", choices=["file", "rustc"], default="file",
                        help="file: as the stages teach; rustc: a reference's edit blocks nearest rustc's first span first")
    parser.add_argument("--dev-n", type=int, help="judge N dev-side koans drawn with n=N instead of the dev split (never an eval koan)")
    parser.add_argument("--train-seed", type=int,
                        help="train on the training split drawn with this seed instead of the cycle's (params seed)")
    args = parser.parse_args()
    params = P.load()
    if args.edit_order == "rustc":
        share.model.prompt.target = rustc_order
    ev, koans_cfg = P.section(params, "evaluate"), P.section(params, "generate")
    prompt = PromptConfig.load(paths.BASE)
    gen = GenerationConfig.from_params(ev)
    train_seed = params["seed"] if args.train_seed is None else args.train_seed
    for task in args.tasks:
        train, dev = (read_koans(paths.koans(task, split)) for split in ("train", "dev"))
        if args.train_seed is not None:
            train = drawn(task, "train", koans_cfg["n_train"], train_seed, koans_cfg["timeout"])
        if args.dev_n:
            dev = drawn(task, "dev", args.dev_n, params["seed"], koans_cfg["timeout"])
        if args.diagnostics == "hints":
            train, dev = ([replace(k, diagnostic=hints_first(k.diagnostic, prompt.max_diagnostic_chars)) for k in ks]
                          for ks in (train, dev))
        for recipe in args.recipes:
            run = trainer(args.method, params, task, recipe, train, prompt)
            started = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                stats = run(f"{tmp}/adapter")
                records = evaluate_saved(paths.BASE, dev, prompt, gen, timeout=ev["timeout"], adapter=f"{tmp}/adapter")
            print(f"{task} {args.method} {recipe} (training koans of seed {train_seed}, {args.diagnostics} diagnostics, {args.edit_order} order): dev {headline(records)}; {stats.trainable_params:,} trainable, "
                  f"{stats.seconds_per_step:.2f} s/step, final loss {stats.final_loss:.3f}, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
            print("  passed per template: " + ", ".join(f"{t} {n}/{of}" for t, (n, of) in by_template(records).items()))


if __name__ == "__main__":
    P.run_stage(main)
