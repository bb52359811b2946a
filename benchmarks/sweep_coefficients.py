"""Choose Share phase 2's recipe on the dev split (prints figures; not a test).

For each arriving task and recipe (p, phi, steps, lr), train the task's coefficients
against the frozen basis of its predecessor step as `train_coefficients` does, into a temp
folder, and judge its answers to the task's *dev* koans, seen and new shapes apart: the
eval koans the report uses stay unseen by the choice. Its LoRA's dev figures come from
`benchmarks/sweep_lora.py` with the same steps and lr.

    .venv/bin/python benchmarks/sweep_coefficients.py --tasks adv_newtype bc_mut --recipes 1:2:30:1e-2 4:2:30:1e-2

A recipe is P:PHI:STEPS:LR; every other setting comes from params.yaml `coefficients`.
Needs a cycle's outputs up to the task's basis (`dvc repro` up to `merge@PREV`).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace

from share.cycle import params as P
from share.cycle.measure import evaluate_model
from share.cycle.methods import folded, load_answerer
from share.cycle.metrics import headline
from share.cycle.paths import BASE
from share.koans.koan import read_koans
from share.model.generation import GenerationConfig
from share.model.prompt import PromptConfig
from share.model.train import TrainConfig, train_coefficients


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", nargs="+", required=True, help="arriving tasks of the protocol")
    parser.add_argument("--recipes", nargs="+", required=True, help="P:PHI:STEPS:LR each")
    args = parser.parse_args()
    params = P.load()
    cfg, ev = P.section(params, "coefficients"), P.section(params, "evaluate")
    prev = {s["task"]: s["prev"] for s in P.protocol(params)["steps"]}
    prompt = PromptConfig.load(BASE)
    gen = GenerationConfig(max_new_tokens=ev["max_new_tokens"], batch_size=ev["batch_size"], bf16=ev["bf16"])
    for task in args.tasks:
        if task not in prev:
            parser.error(f"{task} is not an arriving task of params.yaml `steps` ({', '.join(prev)})")
        train, dev = (read_koans(f"data/koans/{task}/{split}.jsonl") for split in ("train", "dev"))
        for recipe in args.recipes:
            p, phi, steps, lr = recipe.split(":")
            train_cfg = replace(TrainConfig(**cfg["train"], seed=params["seed"]), steps=int(steps), lr=float(lr))
            started = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                stats = train_coefficients(BASE, f"models/share/step_{prev[task]}", train, f"{tmp}/pending", train_cfg,
                                           prompt, p=int(p), phi=int(phi))
                model, tokenizer = load_answerer(BASE, adapter=f"{tmp}/pending")
                records = evaluate_model(folded(model), tokenizer, dev, prompt, gen, timeout=ev["timeout"])
            print(f"{task} {recipe}: dev {headline(records)}; {stats.trainable_params:,} trainable, "
                  f"{stats.seconds_per_step:.2f} s/step, final loss {stats.final_loss:.3f}, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
