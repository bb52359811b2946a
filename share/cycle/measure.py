"""A model measured on koans: its answers generated, then judged with rustc in the
sandbox, and the reference answers scored teacher-forced; one record per koan. The one
place where the model and the judge meet: the evaluate stages (a method's every cell,
evaluate_method), `koanshare answer` / `evaluate`, the core curriculum and the sweeps all
measure through here."""

from __future__ import annotations

import itertools
import logging
import time

from share.cycle.methods import CORE, folded, load_answerer, load_variant, plan, saved_bytes
from share.cycle.metrics import koan_record, summarize
from share.judge.evaluate import evaluate_answers
from share.model.generation import GenerationConfig, answer_and_score, score, write_answers
from share.model.prompt import PromptConfig
from share.model.train import bf16_enabled

log = logging.getLogger(__name__)


def evaluate_model(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig(), *,
                   workers: int | None = None, timeout: float = 10.0, checks: dict | None = None,
                   answers_path=None) -> list[dict]:
    """Generate answers and score the references teacher-forced (one prompt pass for both),
    then judge the answers with rustc (after generation, not beside it, so the two do not
    fight over cores): one record per koan (share.cycle.metrics.koan_record), which
    share.cycle.metrics.summarize turns into figures."""
    answers, scores = answer_and_score(model, tokenizer, koans, prompt_cfg, cfg)
    if answers_path is not None:
        write_answers(answers_path, koans, answers)
    results = evaluate_answers(koans, answers, workers=workers, timeout=timeout, checks=checks, progress=cfg.progress)
    return [koan_record(k, r.status, s) for k, r, s in zip(koans, results, scores, strict=True)]


def evaluate_saved(base_dir, koans, prompt_cfg: PromptConfig, gen_cfg: GenerationConfig, *, timeout: float = 10.0,
                   **answerer) -> list[dict]:
    """evaluate_model on the model that load_answerer builds from `base_dir` and
    `answerer` (adapter=, or share_dir= and task=; model_kwargs=), its update folded in."""
    model, tokenizer = load_answerer(base_dir, **answerer)
    return evaluate_model(folded(model), tokenizer, koans, prompt_cfg, gen_cfg, timeout=timeout)


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
