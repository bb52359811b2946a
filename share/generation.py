"""Batched greedy generation and teacher-forced scoring, for any model object: the base
model, a PeftModel, a model with a Share injected (one task or the average), a merged one.

Generation is a plain loop over the model's forward with a KV cache: prompts are left
padded, each row stops at its own EOS, finished rows leave the batch (so a long answer
does not make the short ones pay), and prompts are grouped by length. An edit answer
also stops once its first SEARCH can no longer match the broken code (answers.cannot_apply):
it could never apply, and apply_edits judges the cut answer as it would the whole one.
Evaluation with rustc happens after generation, never beside it, so the two do not fight
over cores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from tqdm import tqdm

from share.answers import cannot_apply
from share.io import write_jsonl
from share.metrics import wilson
from share.prompt import PromptConfig, encode, prompt_ids
from share.templating import new_shape
from share.train import autocast, score_examples, set_threads


@dataclass(frozen=True)
class GenerationConfig:
    max_new_tokens: int = 256
    batch_size: int = 8
    bf16: bool = False
    threads: int = 0
    progress: bool = True

    def __post_init__(self):
        if self.max_new_tokens < 1 or self.batch_size < 1 or self.threads < 0:
            raise ValueError(f"generation params out of range: max_new_tokens={self.max_new_tokens} (>=1), "
                             f"batch_size={self.batch_size} (>=1), threads={self.threads} (>=0)")


def stop_ids(model, tokenizer) -> set[int]:
    """The tokenizer's EOS and any EOS the model's generation config adds (e.g. <|im_end|>)."""
    ids = {tokenizer.eos_token_id}
    extra = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    ids |= set(extra) if isinstance(extra, (list, tuple)) else ({extra} if extra is not None else set())
    return ids


@torch.no_grad()
def greedy(model, prompts: list[list[int]], *, stop: set[int], pad_id: int, max_new_tokens: int,
           bf16: bool = False, cut: Callable[[int, list[int]], bool] | None = None) -> list[list[int]]:
    """Greedy continuations of one batch of prompts (token ids), each without its stop token.
    `cut(i, tokens)` True ends prompt i's row early, keeping the tokens it has."""
    from transformers import DynamicCache

    device = next(model.parameters()).device
    width = max(len(p) for p in prompts)
    ids = torch.full((len(prompts), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(prompts), width), dtype=torch.long)
    for row, p in enumerate(prompts):
        ids[row, width - len(p):] = torch.tensor(p)
        mask[row, width - len(p):] = 1
    ids, mask = ids.to(device), mask.to(device)
    positions = (mask.cumsum(1) - 1).clamp(min=0)
    cache = DynamicCache()
    stop_t = torch.tensor(sorted(stop), device=device)
    rows = torch.arange(len(prompts), device=device)  # which prompt each live row is
    out: list[list[int]] = [[] for _ in prompts]
    for _ in range(max_new_tokens):
        with autocast(device, bf16):
            logits = model(input_ids=ids, attention_mask=mask, position_ids=positions, past_key_values=cache,
                           use_cache=True, logits_to_keep=1).logits
        nxt = logits[:, -1].argmax(-1)
        done = torch.isin(nxt, stop_t)
        for row, token, finished in zip(rows.tolist(), nxt.tolist(), done.tolist()):
            if not finished:
                out[row].append(token)
        if cut is not None:
            done |= torch.tensor([cut(row, out[row]) for row in rows.tolist()], device=device)
        if done.all():
            break
        if done.any():
            keep = (~done).nonzero().squeeze(1)
            cache.batch_select_indices(keep)
            rows, nxt, mask, positions = rows[keep], nxt[keep], mask[keep], positions[keep]
        ids = nxt[:, None]
        mask = torch.cat([mask, torch.ones_like(ids)], dim=1)
        positions = positions[:, -1:] + 1
    return out


def generate(model, tokenizer, prompts: list[list[int]], cfg: GenerationConfig = GenerationConfig(),
             cut: Callable[[int, str], bool] | None = None) -> list[str]:
    """Decoded greedy answers to tokenised prompts, in the prompts' order; `cut(i, text)`
    True ends prompt i's answer at that text."""
    set_threads(cfg.threads)
    was_training = model.training
    model.eval()
    stop = stop_ids(model, tokenizer)
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    answers: list[str | None] = [None] * len(prompts)
    with tqdm(total=len(prompts), desc="generate", unit="koan", disable=not cfg.progress) as bar:
        for lo in range(0, len(order), cfg.batch_size):
            chunk = order[lo:lo + cfg.batch_size]
            row_cut = None if cut is None else \
                lambda row, tokens, chunk=chunk: cut(chunk[row], tokenizer.decode(tokens, skip_special_tokens=True))
            outs = greedy(model, [prompts[i] for i in chunk], stop=stop, pad_id=tokenizer.pad_token_id,
                          max_new_tokens=cfg.max_new_tokens, bf16=cfg.bf16, cut=row_cut)
            for i, tokens in zip(chunk, outs):
                answers[i] = tokenizer.decode(tokens, skip_special_tokens=True)
            bar.update(len(chunk))
    model.train(was_training)
    return answers


def answer_koans(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig()) -> list[str]:
    """The model's raw answers to koans, prompted exactly as in training; an edit answer
    ends where it can no longer apply."""
    return generate(model, tokenizer, [prompt_ids(tokenizer, k, prompt_cfg) for k in koans], cfg,
                    cut=lambda i, text: cannot_apply(text, koans[i].broken))


def write_answers(path, koans, answers: list[str]) -> None:
    """ANSWERS.jsonl for `koanshare evaluate`: one {"id", "answer"} per koan, atomically."""
    write_jsonl(path, ({"id": k.id, "answer": a} for k, a in zip(koans, answers, strict=True)))


def score(model, tokenizer, koans, prompt_cfg: PromptConfig, batch_size: int = 16, bf16: bool = False) -> dict:
    """Teacher-forced loss and token accuracy of the reference answers (koans too long
    for prompt_cfg.max_length are counted in `skipped`)."""
    examples = [e for e in (encode(tokenizer, k, prompt_cfg) for k in koans) if e is not None]
    result = score_examples(model, examples, tokenizer.pad_token_id, batch_size, bf16) if examples else \
        {"loss": float("nan"), "token_accuracy": 0.0, "tokens": 0, "n": 0}
    return {**result, "skipped": len(koans) - len(examples)}


def judge(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig(), *,
          workers: int | None = None, timeout: float = 10.0, checks: dict | None = None, answers_path=None) -> list:
    """Generate answers, then judge them with rustc (after generation, not beside it, so
    the two do not fight over cores): one Result per koan."""
    from share.evaluate import evaluate_answers

    answers = answer_koans(model, tokenizer, koans, prompt_cfg, cfg)
    if answers_path is not None:
        write_answers(answers_path, koans, answers)
    return evaluate_answers(koans, answers, workers=workers, timeout=timeout, checks=checks, progress=cfg.progress)


def evaluate_model(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig(), *,
                   workers: int | None = None, timeout: float = 10.0, checks: dict | None = None,
                   answers_path=None) -> tuple[dict, list]:
    """Judge the model's answers and score the references teacher-forced. Returns
    (metrics, results): the pass rate with n, its 95% interval and a per-task breakdown,
    beside the reference answers' loss and token accuracy."""
    results = judge(model, tokenizer, koans, prompt_cfg, cfg, workers=workers, timeout=timeout, checks=checks,
                    answers_path=answers_path)
    return measure(model, tokenizer, koans, results, prompt_cfg, cfg), results


def evaluate_sets(model, tokenizer, koan_sets: list[list], prompt_cfg: PromptConfig,
                  cfg: GenerationConfig = GenerationConfig(), *, timeout: float = 10.0) -> list[dict]:
    """evaluate_model's metrics for each of several koan sets, from one generation and one
    rustc pass over all of them: a set of 20 koans alone cannot fill a batch of 64."""
    results = judge(model, tokenizer, [k for koans in koan_sets for k in koans], prompt_cfg, cfg, timeout=timeout)
    metrics, start = [], 0
    for koans in koan_sets:
        metrics.append(measure(model, tokenizer, koans, results[start:start + len(koans)], prompt_cfg, cfg))
        start += len(koans)
    return metrics


def measure(model, tokenizer, koans, results, prompt_cfg: PromptConfig, cfg: GenerationConfig) -> dict:
    """Pass counts of judged koans (overall, per task, per shape) and the teacher-forced score."""
    statuses = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    passed = statuses.get("pass", 0)
    forced = score(model, tokenizer, koans, prompt_cfg, bf16=cfg.bf16)
    return {"pass_rate": passed / len(koans), "passed": passed, "n": len(koans), "interval95": [round(x, 4) for x in wilson(passed, len(koans))],
            "statuses": statuses, "by_task": tally(koans, results, lambda k: k.task),
            "by_shape": tally(koans, results, lambda k: "new" if new_shape(k.id) else "seen"),
            "loss": forced["loss"], "token_accuracy": forced["token_accuracy"]}


def tally(koans, results, group) -> dict:
    """Pass counts per group(koan): {group: {passed, n, pass_rate}}."""
    groups = {}
    for koan, r in zip(koans, results):
        g = groups.setdefault(group(koan), {"passed": 0, "n": 0})
        g["passed"] += r.status == "pass"
        g["n"] += 1
    for g in groups.values():
        g["pass_rate"] = g["passed"] / g["n"]
    return groups
