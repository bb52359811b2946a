"""Stage `evaluate@METHOD`: every cell of one method's plan (share.cycle.plan): generate
answers with the variant, judge them with rustc, score the references teacher-forced.
Writes results/<method>.json (per cell: step, task, pass counts, loss, token accuracy)."""

import argparse
import itertools
import logging
import time

from share import params as P
from share.cycle import CORE, check_methods, folded, load_variant, plan, saved_bytes
from share.generation import GenerationConfig, evaluate_sets
from share.io import write_json
from share.koan import read_koans
from share.prompt import PromptConfig

log = logging.getLogger("stages.evaluate")


def core_subset(koans, per_task: int):
    """The first `per_task` koans of each core task: the cheaper core set for per-update prices."""
    return [k for _, group in itertools.groupby(koans, key=lambda k: k.task) for k in list(group)[:per_task]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("method")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    params = P.load()
    cfg = P.section(params, "evaluate")
    check_methods(cfg.get("methods"))
    protocol = P.protocol(params)
    base_dir = P.section(params, "base_model").get("out", "models/base")
    prompt_cfg = PromptConfig.load(base_dir)
    gen_cfg = GenerationConfig(max_new_tokens=cfg["max_new_tokens"], batch_size=cfg["batch_size"], bf16=cfg.get("bf16", False))
    koans = {t: read_koans(f"data/koans/{t}/eval.jsonl") for t in protocol["order"] + [CORE]}
    cells = plan(args.method, protocol)
    rows, extra, started = [], {}, time.perf_counter()
    for variant, group in itertools.groupby(cells, key=lambda c: c.variant):
        model, tokenizer = load_variant(variant, base_dir, protocol, cfg.get("model", {}))
        if variant[0] == "merged":  # built here from the per-task LoRAs; its size is what serving it stores
            extra["stored_bytes"] = saved_bytes(model)
        model = folded(model)
        group = list(group)
        koan_sets = [core_subset(koans[CORE], cfg["core_subset"]) if c.subset else koans[c.koans] for c in group]
        for cell, metrics in zip(group, evaluate_sets(model, tokenizer, koan_sets, prompt_cfg, gen_cfg,
                                                      timeout=cfg["timeout"])):
            rows.append({"step": cell.step, "variant": list(variant), "koans": cell.koans, "subset": cell.subset,
                         **{k: metrics[k] for k in ("passed", "n", "pass_rate", "loss", "token_accuracy", "statuses", "by_shape")}})
            log.info("%s step %s %s on %s: %d/%d", args.method, cell.step, variant, cell.koans, metrics["passed"], metrics["n"])
    write_json(f"results/{args.method}.json", {"method": args.method, "cells": rows, **extra,
                                                "seconds": round(time.perf_counter() - started, 1)})


if __name__ == "__main__":
    P.run_stage(main)
