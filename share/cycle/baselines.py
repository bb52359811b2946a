"""The naive baselines Share is measured against: one LoRA fine-tuned through the tasks in
order. It starts from the first task's LoRA (models/lora/<task>: the same params and seed
would train the same adapter), then trains on each following task. Plain (`sequential`)
it shows forgetting; with `replay`, each task's data is mixed with a sample of earlier
tasks' data (old data Share never sees). A snapshot right after each task ->
models/NAME/<task>/ (share.cycle.paths.snapshot), so each task's just-learned accuracy
is measured before a later task can erase it."""

from __future__ import annotations

import json
import random
from pathlib import Path

from share.cycle import params as P
from share.cycle import paths
from share.io import atomic_path
from share.koans.koan import read_koans
from share.model.modeling import load_adapter, load_model
from share.model.prompt import PromptConfig, encode_all
from share.model.train import TrainConfig, save_adapter, train

BASELINES = ("sequential", "replay")


def train_sequentially(name: str, params: dict) -> list[dict]:
    """One baseline through every task of the protocol; returns each task's training figures."""
    cfg, seed, order = P.section(params, "lora"), params["seed"], P.protocol(params)["order"]
    prompt_cfg = PromptConfig.load(paths.BASE)
    model, tokenizer = load_model(paths.BASE, **cfg.get("model", {}))
    model = load_adapter(model, paths.lora(order[0]), trainable=True)
    first = json.loads(Path(paths.train_log("lora", order[0])).read_text())
    stats = [{"task": order[0], "from": paths.lora(order[0]), **first, "seconds": 0.0}]  # trained by train_lora
    rng, seen = random.Random(seed), read_koans(paths.koans(order[0], "train"))
    with atomic_path(paths.model(name)) as out:
        save_adapter(model, out / Path(paths.snapshot(name, order[0])).name)
        for i, task in enumerate(order[1:], 1):
            koans = read_koans(paths.koans(task, "train"))
            replayed = rng.sample(seen, min(len(seen), int(len(koans) * cfg["replay_fraction"]))) if name == "replay" else []
            seen += koans
            train_cfg = TrainConfig(**P.train_settings(params, "lora", task), seed=seed + i)
            result = train(model, encode_all(tokenizer, koans + replayed, prompt_cfg), train_cfg,
                           pad_id=tokenizer.pad_token_id)
            stats.append({"task": task, **result.to_json()})
            save_adapter(model, out / Path(paths.snapshot(name, task)).name)
    return stats
