"""Stage `sequential`: the baselines that keep one LoRA and fine-tune it through the tasks
in order. Plain, it shows forgetting; with replay, each task's data is mixed with a sample
of earlier tasks' data (old data Share never sees). A snapshot right after each task ->
models/{sequential,replay}/<task>/ (share.cycle.snapshot), so every task's just-learned
accuracy is measured before a later task can erase it.

The two train side by side on CPU, each on half the cores: a tiny model trains 1.35x
faster as two one-thread processes than one after the other on two threads (2 cores,
2026-12-03). `--only NAME` trains one."""

import argparse
import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import torch
from peft import LoraConfig, get_peft_model

from share import params as P
from share.cycle import snapshot
from share.io import atomic_path, write_json
from share.koan import read_koans
from share.modeling import load_model
from share.prompt import PromptConfig, encode_all
from share.train import LoraParams, TrainConfig, save_adapter, train

BASELINES = ("sequential", "replay")


def train_sequentially(name: str, params: dict, threads: int, progress: bool) -> None:
    """One baseline, `sequential` or `replay`, through every task of the protocol."""
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
    with atomic_path(f"models/{name}") as out:
        for i, task in enumerate(protocol["order"]):
            koans = read_koans(f"data/koans/{task}/train.jsonl")
            replayed = rng.sample(seen, min(len(seen), int(len(koans) * cfg["replay_fraction"]))) if name == "replay" else []
            seen += koans
            train_cfg = TrainConfig(**{"threads": threads, "progress": progress, **cfg["train"], "seed": seed + i})
            result = train(model, encode_all(tokenizer, koans + replayed, prompt_cfg), train_cfg, pad_id=tokenizer.pad_token_id)
            stats.append({"task": task, **result.to_json()})
            save_adapter(model, out / Path(snapshot(name, task)).name)
    write_json(f"logs/{name}.json", stats)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=BASELINES)
    args = parser.parse_args()
    params = P.load()
    names = [args.only] if args.only else list(BASELINES)
    on_cpu = P.section(params, "lora").get("model", {}).get("device", "cpu") == "cpu"
    cores = os.cpu_count() or 1
    if len(names) == 1 or not on_cpu or cores < 2 or int(os.environ.get("WORLD_SIZE", "1")) > 1:
        for name in names:
            train_sequentially(name, params, threads=0, progress=True)
        return
    with ProcessPoolExecutor(len(names), mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = [pool.submit(train_sequentially, name, params, cores // len(names), i == 0) for i, name in enumerate(names)]
        for run in runs:
            run.result()


if __name__ == "__main__":
    P.run_stage(main)
