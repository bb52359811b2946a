"""Stage `sequential@NAME`: a baseline that keeps one LoRA and fine-tunes it through the
tasks in order. It starts from the first task's LoRA (models/lora/<task>: the same params
and seed would train the same adapter), then trains on each following task. Plain
(`sequential`) it shows forgetting; with `replay`, each task's data is mixed with a sample
of earlier tasks' data (old data Share never sees). A snapshot right after each task ->
models/NAME/<task>/ (share.paths.snapshot), so each task's just-learned accuracy is
measured before a later task can erase it."""

import argparse
import json
import random
from pathlib import Path

from share import params as P
from share.io import atomic_path, write_json
from share.koan import read_koans
from share.modeling import load_adapter, load_model
from share.paths import BASE, snapshot
from share.prompt import PromptConfig, encode_all
from share.train import TrainConfig, save_adapter, train

BASELINES = ("sequential", "replay")


def train_sequentially(name: str, params: dict) -> list[dict]:
    """One baseline through every task of the protocol; returns each task's training figures."""
    cfg, seed, order = P.section(params, "lora"), params["seed"], P.protocol(params)["order"]
    prompt_cfg = PromptConfig.load(BASE)
    model, tokenizer = load_model(BASE, **cfg.get("model", {}))
    model = load_adapter(model, f"models/lora/{order[0]}", trainable=True)
    first = json.loads(Path(f"logs/lora/{order[0]}.json").read_text())
    stats = [{"task": order[0], "from": f"models/lora/{order[0]}", **first, "seconds": 0.0}]  # trained by train_lora
    rng, seen = random.Random(seed), read_koans(f"data/koans/{order[0]}/train.jsonl")
    with atomic_path(f"models/{name}") as out:
        save_adapter(model, out / Path(snapshot(name, order[0])).name)
        for i, task in enumerate(order[1:], 1):
            koans = read_koans(f"data/koans/{task}/train.jsonl")
            replayed = rng.sample(seen, min(len(seen), int(len(koans) * cfg["replay_fraction"]))) if name == "replay" else []
            seen += koans
            result = train(model, encode_all(tokenizer, koans + replayed, prompt_cfg),
                           TrainConfig(**{**cfg["train"], "seed": seed + i}), pad_id=tokenizer.pad_token_id)
            stats.append({"task": task, **result.to_json()})
            save_adapter(model, out / Path(snapshot(name, task)).name)
    return stats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name", choices=BASELINES)
    args = parser.parse_args()
    write_json(f"logs/{args.name}.json", train_sequentially(args.name, P.load()))


if __name__ == "__main__":
    P.run_stage(main)
