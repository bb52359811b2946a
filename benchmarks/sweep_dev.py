"""Choose a training recipe on the dev split (prints figures; not a test): a task's LoRA
budget, or Share phase 2's recipe for an arriving task.

For each task and recipe, train as the stage does (`train_lora`, or `train_coefficients`
against the frozen basis of the task's predecessor step) into a temp folder and judge the
answers to the task's *dev* koans, seen and new shapes apart: the eval koans the report
uses stay unseen by every choice.

    .venv/bin/python benchmarks/sweep_dev.py lora --tasks tb_derive --recipes 30:1e-3 60:1e-3
    .venv/bin/python benchmarks/sweep_dev.py coefficients --tasks bc_mut --recipes 1:2:30:1e-2 4:2:30:1e-2

A LoRA recipe is STEPS:LR, a coefficient recipe P:PHI:STEPS:LR; every other setting comes
from params.yaml (`lora`, `coefficients`). A task whose chosen budget differs from the
section's steps carries it as `tasks.<task>.train_steps`. Needs the tasks' koans and
models/base, and for coefficients the cycle's Share up to the task's basis (`dvc repro` up
to `merge@PREV`).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace

from share.cycle import params as P
from share.cycle import paths
from share.cycle.measure import evaluate_saved
from share.cycle.metrics import headline
from share.koans.koan import read_koans
from share.model.generation import GenerationConfig
from share.model.prompt import PromptConfig
from share.model.train import LoraParams, TrainConfig, train_coefficients, train_lora


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("method", choices=["lora", "coefficients"])
    parser.add_argument("--tasks", nargs="+", required=True)
    parser.add_argument("--recipes", nargs="+", required=True, help="STEPS:LR (lora) or P:PHI:STEPS:LR (coefficients)")
    args = parser.parse_args()
    params = P.load()
    ev = P.section(params, "evaluate")
    prompt = PromptConfig.load(paths.BASE)
    gen = GenerationConfig.from_params(ev)
    for task in args.tasks:
        train, dev = (read_koans(paths.koans(task, split)) for split in ("train", "dev"))
        for recipe in args.recipes:
            run = trainer(args.method, params, task, recipe, train, prompt)
            started = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                stats = run(f"{tmp}/adapter")
                records = evaluate_saved(paths.BASE, dev, prompt, gen, timeout=ev["timeout"], adapter=f"{tmp}/adapter")
            print(f"{task} {args.method} {recipe}: dev {headline(records)}; {stats.trainable_params:,} trainable, "
                  f"{stats.seconds_per_step:.2f} s/step, final loss {stats.final_loss:.3f}, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    P.run_stage(main)
