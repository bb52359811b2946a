"""Stage `train_lora@TASK`: one LoRA adapter per task on the frozen base model ->
models/lora/<task>/ (a standard PEFT adapter), its loss log and training figures."""

import argparse

from share.cycle import params as P
from share.cycle import paths
from share.io import write_json
from share.koans.koan import read_koans
from share.model.prompt import PromptConfig
from share.model.train import LoraParams, TrainConfig, train_lora


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("task")
    args = parser.parse_args()
    params = P.load()
    cfg = P.section(params, "lora")
    koans = read_koans(paths.koans(args.task, "train"))
    train_cfg = TrainConfig(**P.train_settings(params, "lora", args.task), seed=params["seed"])
    stats = train_lora(paths.BASE, koans, paths.lora(args.task), LoraParams(**cfg["adapter"]), train_cfg,
                       PromptConfig.load(paths.BASE), live_dir=paths.live("lora", args.task), model_kwargs=cfg.get("model"))
    write_json(paths.train_log("lora", args.task), stats.to_json())


if __name__ == "__main__":
    P.run_stage(main)
