"""Choose the per-task LoRA budget on the dev split (prints figures; not a test).

For each task and recipe (steps, lr), train a LoRA on models/base as `train_lora` does
into a temp folder and judge its answers to the task's *dev* koans, seen and new shapes
apart: the eval koans the report uses stay unseen by the choice.

    .venv/bin/python benchmarks/sweep_lora.py --tasks bc_move tb_derive --recipes 30:1e-3 60:1e-3

Every other setting comes from params.yaml `lora`. A task whose chosen budget differs from
`lora.train.steps` carries it as `tasks.<task>.train_steps` (for every method that trains on it). Needs models/base and the tasks' koans
(`dvc repro models/dvc.yaml:base_model data/dvc.yaml`).
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
from share.model.train import LoraParams, TrainConfig, train_lora


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", nargs="+", required=True)
    parser.add_argument("--recipes", nargs="+", required=True, help="STEPS:LR each")
    args = parser.parse_args()
    params = P.load()
    cfg, ev = P.section(params, "lora"), P.section(params, "evaluate")
    prompt = PromptConfig.load(BASE)
    gen = GenerationConfig(max_new_tokens=ev["max_new_tokens"], batch_size=ev["batch_size"], bf16=ev["bf16"])
    for task in args.tasks:
        train, dev = (read_koans(f"data/koans/{task}/{split}.jsonl") for split in ("train", "dev"))
        for recipe in args.recipes:
            steps, lr = recipe.split(":")
            train_cfg = replace(TrainConfig(**cfg["train"], seed=params["seed"]), steps=int(steps), lr=float(lr))
            started = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                stats = train_lora(BASE, train, f"{tmp}/lora", LoraParams(**cfg["adapter"]), train_cfg, prompt)
                model, tokenizer = load_answerer(BASE, adapter=f"{tmp}/lora")
                records = evaluate_model(folded(model), tokenizer, dev, prompt, gen, timeout=ev["timeout"])
            print(f"{task} {recipe}: dev {headline(records)}; "
                  f"{stats.seconds_per_step:.2f} s/step, final loss {stats.final_loss:.3f}, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
