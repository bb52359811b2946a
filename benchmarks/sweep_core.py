"""Choose the core curriculum's recipe on the dev split (prints figures; not a test).

For each recipe (training koans per core task, steps, lr), teach models/pretrained the
core curriculum as the `core_curriculum` stage does (share.cycle.base.teach_core) into a temp
folder and answer the core *dev* koans zero-shot and after: the held-out eval koans the
report uses stay unseen by the choice.

    .venv/bin/python benchmarks/sweep_core.py --recipes 150:240:1e-3 300:300:1e-3 [--n-dev 4]

A recipe is N_TRAIN:STEPS:LR; every other setting comes from params.yaml base_model.core.
Needs models/pretrained (`dvc repro models/dvc.yaml:pretrained`).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace

from share.cycle import params as P
from share.cycle.base import teach_core
from share.cycle.metrics import headline
from share.koans.generate import generate_tasks
from share.koans.plugins import load_registry
from share.model.generation import GenerationConfig
from share.model.prompt import PromptConfig
from share.model.train import LoraParams, TrainConfig


def core_koans(split: str, n: int, seed: int) -> list:
    return [k for koans, _ in generate_tasks(load_registry().family_tasks("core"), split, n, seed) for k in koans]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipes", nargs="+", required=True, help="N_TRAIN:STEPS:LR each")
    parser.add_argument("--n-dev", type=int, default=4, help="dev koans per core task")
    args = parser.parse_args()
    params = P.load()
    cfg = P.section(params, "base_model")
    core, seed = cfg["core"], params["seed"]
    prompt, gen = PromptConfig(**cfg["prompt"]), GenerationConfig(**cfg["generation"])
    dev = core_koans("dev", args.n_dev, seed)
    for recipe in args.recipes:
        n_train, steps, lr = recipe.split(":")
        train_cfg = replace(TrainConfig(**core["train"], seed=seed), steps=int(steps), lr=float(lr))
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            result = teach_core("models/pretrained", core_koans("train", int(n_train), seed), dev, f"{tmp}/core",
                                LoraParams(**core["adapter"]), train_cfg, prompt, gen, model_kwargs=cfg.get("model"))
        print(f"recipe {recipe} ({time.perf_counter() - started:.0f} s, {result['train']['seconds_per_step']:.2f} s/step, "
              f"final loss {result['train']['final_loss']:.3f})", flush=True)
        print(f"  zero-shot: {headline(result['zero_shot'])}", flush=True)
        print(f"  taught: {headline(result['taught'])}", flush=True)


if __name__ == "__main__":
    main()
