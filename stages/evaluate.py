"""Stage `evaluate@FOLDER`: every method that reads models/FOLDER (params.yaml's
`evaluate.methods`), each cell of its plan (share.cycle.methods.plan): generate answers with the
variant, judge them with rustc, score the references teacher-forced. Writes
results/FOLDER/<method>.json: per cell, one record per koan (share.cycle.metrics.koan_record),
so the report can compare any two methods koan by koan."""

import argparse
import itertools
import logging
import time

from share.cycle import params as P
from share.cycle import paths
from share.cycle.measure import evaluate_model
from share.cycle.methods import CORE, check_methods, folded, load_variant, plan, saved_bytes
from share.cycle.metrics import koan_record, summarize
from share.io import atomic_path, write_json
from share.koans.koan import read_koans
from share.model.generation import GenerationConfig, score
from share.model.prompt import PromptConfig
from share.model.train import bf16_enabled

log = logging.getLogger("stages.evaluate")


def core_subset(koans, per_task: int):
    """The first `per_task` koans of each core task: one cheaper core set, the same for
    every row of the accuracy matrix and every per-update price."""
    return [k for _, group in itertools.groupby(koans, key=lambda k: k.task) for k in list(group)[:per_task]]


def evaluate_method(method: str, protocol: dict, koans: dict, cfg: dict, base_dir: str, prompt_cfg, gen_cfg,
                    memo: dict) -> dict:
    """The results of one method: each cell's per-koan records, and what serving a merged
    adapter stores. `memo` holds the records of (variant, koan) pairs answered already in
    this stage, so a variant two cells or two methods share answers each koan once; a
    cell that is not judged only scores its koans teacher-forced (share.cycle.Cell)."""
    rows, extra, started = [], {}, time.perf_counter()
    by_variant: dict[tuple, list] = {}
    for cell in plan(method, protocol, cfg["judge_all"]):
        by_variant.setdefault(cell.variant, []).append(cell)
    for variant, group in by_variant.items():
        sets = [core_subset(koans[CORE], cfg["core_subset"]) if c.subset else koans[c.koans] for c in group]
        known = lambda k, judged: (variant, k.id) in memo and (memo[variant, k.id]["status"] or not judged)  # noqa: E731
        todo = {judged: list({k.id: k for c, s in zip(group, sets) if c.judged == judged for k in s
                              if not known(k, judged)}.values()) for judged in (True, False)}
        todo[False] = [k for k in todo[False] if k.id not in {j.id for j in todo[True]}]
        if todo[True] or todo[False] or variant[0] == "merged":
            model, tokenizer = load_variant(variant, base_dir, protocol, cfg.get("model", {}))
            if variant[0] == "merged":  # built here from the per-task LoRAs; its size is what serving it stores
                extra["stored_bytes"] = saved_bytes(model)
            model = folded(model)
            records = evaluate_model(model, tokenizer, todo[True], prompt_cfg, gen_cfg, timeout=cfg["timeout"]) \
                if todo[True] else []
            records += [koan_record(k, None, s) for k, s in
                        zip(todo[False], score(model, tokenizer, todo[False], prompt_cfg, bf16=gen_cfg.bf16))]
            memo.update({(variant, r["id"]): r for r in records})
        for cell, koan_set in zip(group, sets):
            records = [memo[variant, k.id] for k in koan_set]
            figures = summarize(records, by_shape=False)
            rows.append({"step": cell.step, "variant": list(variant), "koans": cell.koans, "subset": cell.subset,
                         "judged": cell.judged, "passed": figures["passed"], "n": figures["n"], "records": records})
            log.info("%s step %s %s on %s: %s", method, cell.step, variant, cell.koans,
                     f"{figures['passed']}/{figures['n']} passed ({figures['excluded']} excluded: the judge failed)"
                     if cell.judged else f"token accuracy {figures['token_accuracy']}")
    return {"method": method, "cells": rows, **extra, "bf16": bf16_enabled(gen_cfg.bf16, cfg.get("model", {}).get("device") or "cpu"),
            "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", help="a key of params.yaml's evaluate.methods: the models folder the methods read")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    params = P.load()
    cfg = P.section(params, "evaluate")
    check_methods(cfg.get("methods"))
    if args.folder not in cfg["methods"]:
        raise P.ParamsError(f"params.yaml: `evaluate.methods` has no folder {args.folder!r}; one of {', '.join(cfg['methods'])}")
    protocol = P.protocol(params)
    base_dir = paths.BASE
    prompt_cfg = PromptConfig.load(base_dir)
    gen_cfg = GenerationConfig(max_new_tokens=cfg["max_new_tokens"], batch_size=cfg["batch_size"], bf16=cfg["bf16"])
    koans = {t: read_koans(paths.koans(t, "eval")) for t in protocol["order"] + [CORE]}
    memo: dict = {}
    with atomic_path(paths.results(args.folder)) as out:
        out.mkdir()
        for method in cfg["methods"][args.folder]:
            write_json(out / f"{method}.json",
                       evaluate_method(method, protocol, koans, cfg, base_dir, prompt_cfg, gen_cfg, memo))


if __name__ == "__main__":
    P.run_stage(main)
