"""Stage `train_lora@TASK`: one LoRA adapter per task on the frozen base model ->
models/lora/<task>/ (a standard PEFT adapter), its loss log and training figures."""

import argparse

from share import params as P
from share.paths import BASE
from share.io import write_json
from share.koan import read_koans
from share.prompt import PromptConfig
from share.train import LoraParams, TrainConfig, train_lora


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("task")
    args = parser.parse_args()
    params = P.load()
    cfg = P.section(params, "lora")
    base_dir = BASE
    koans = read_koans(f"data/koans/{args.task}/train.jsonl")
    stats = train_lora(base_dir, koans, f"models/lora/{args.task}", LoraParams(**cfg["adapter"]),
                       TrainConfig(**cfg["train"], seed=params["seed"]), PromptConfig.load(base_dir),
                       live_dir=f"logs/lora/{args.task}", model_kwargs=cfg.get("model"))
    write_json(f"logs/lora/{args.task}.json", stats.to_json())


if __name__ == "__main__":
    P.run_stage(main)
