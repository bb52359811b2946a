"""Stage `sequential` (and `sequential --replay`): the baselines that keep one LoRA and
fine-tune it through the tasks in order. Plain, it shows forgetting; with replay, each
task's data is mixed with a sample of earlier tasks' data (old data Share never sees).
Snapshots after the initial tasks and after each arrival -> models/<name>/step_<s>/."""

import argparse
import random

import torch
from peft import LoraConfig, get_peft_model

from share import params as P
from share.io import atomic_path, write_json
from share.koan import read_koans
from share.modeling import load_model
from share.prompt import PromptConfig, encode_all
from share.train import LoraParams, TrainConfig, save_adapter, train


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replay", action="store_true")
    args = parser.parse_args()
    params = P.load()
    name = "replay" if args.replay else "sequential"
    cfg, seed = P.section(params, "lora"), params["seed"]
    base_dir = P.section(params, "base_model")["out"]
    protocol = P.protocol(params)
    prompt_cfg = PromptConfig.load(base_dir)
    model, tokenizer = load_model(base_dir, **cfg.get("model", {}))
    lora = LoraParams(**cfg["adapter"])
    torch.manual_seed(seed)
    model = get_peft_model(model, LoraConfig(r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout,
                                             target_modules=list(lora.target_modules), task_type="CAUSAL_LM"))
    rng, seen, stats = random.Random(seed), [], []
    first_snapshot = len(protocol["initial"]) - 1
    with atomic_path(f"models/{name}") as out:
        for i, task in enumerate(protocol["order"]):
            koans = read_koans(f"data/koans/{task}/train.jsonl")
            replayed = rng.sample(seen, min(len(seen), int(len(koans) * cfg["replay_fraction"]))) if args.replay else []
            seen += koans
            result = train(model, encode_all(tokenizer, koans + replayed, prompt_cfg), TrainConfig(**cfg["train"], seed=seed + i),
                           pad_id=tokenizer.pad_token_id)
            stats.append({"task": task, **result.to_json()})
            if i >= first_snapshot:
                save_adapter(model, out / f"step_{i - first_snapshot}")
    write_json(f"logs/{name}.json", stats)


if __name__ == "__main__":
    P.run_stage(main)
