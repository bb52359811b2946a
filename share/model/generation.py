"""Batched greedy generation and teacher-forced scoring, for any model object: the base
model, a PeftModel, a model with a Share injected (one task or the average), a merged one.

Generation is a plain loop over the model's forward with a KV cache: prompts are left
padded, each row stops at its own EOS, finished rows leave the batch (so a long answer
does not make the short ones pay), and prompts are grouped by length. An edit answer's
first SEARCH part may only copy lines that exist in the broken code: when the likeliest
token would make it match nothing (answers.cannot_apply), the likeliest of the
`candidates` most likely tokens (by default every token) that keeps it matchable is
taken instead, and when none does the answer ends there. The model still chooses which
lines to edit and writes every replacement itself. Evaluation with rustc happens after
generation, never beside it, so the two do not fight over cores.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable

import torch
from tqdm import tqdm

from share.io import write_jsonl
from share.judge.answers import cannot_apply, may_become, open_search
from share.model.prompt import PromptConfig, encode, prompt_ids
from share.model.train import BF16_SETTINGS, autocast, score_examples, set_threads


@dataclass(frozen=True)
class GenerationConfig:
    max_new_tokens: int = 256
    batch_size: int = 8
    bf16: bool | str = False  # bf16 autocast for prompts (prefill) and scoring: true, false or auto
    threads: int = 0
    progress: bool = True
    candidates: int | None = None  # tokens tried, likeliest first, while a SEARCH is written (None: all)

    def __post_init__(self):
        if self.max_new_tokens < 1 or self.batch_size < 1 or self.threads < 0 or self.bf16 not in BF16_SETTINGS \
                or (self.candidates is not None and self.candidates < 1):
            raise ValueError(f"generation params out of range: max_new_tokens={self.max_new_tokens} (>=1), "
                             f"batch_size={self.batch_size} (>=1), threads={self.threads} (>=0), "
                             f"candidates={self.candidates} (>=1, or None for all), bf16={self.bf16!r} (true, false, auto)")

    @classmethod
    def from_params(cls, section: dict) -> "GenerationConfig":
        """The config a params section names among its other keys (evaluate's
        max_new_tokens, batch_size and bf16): one reading for the stages and the sweeps."""
        return cls(**{f.name: section[f.name] for f in fields(cls) if f.name in section})


def stop_ids(model, tokenizer) -> set[int]:
    """The tokenizer's EOS and any EOS the model's generation config adds (e.g. <|im_end|>)."""
    ids = {tokenizer.eos_token_id}
    extra = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    ids |= set(extra) if isinstance(extra, (list, tuple)) else ({extra} if extra is not None else set())
    return ids


@torch.no_grad()
def greedy(model, prompts: list[list[int]], *, stop: set[int], pad_id: int, max_new_tokens: int,
           bf16: bool | str = False, allow: Callable[[int, list[int]], bool] | None = None,
           candidates: int | None = 1) -> list[list[int]]:
    """Greedy continuations of one batch of prompts (token ids), each without its stop token.
    `bf16` autocasts the prompts' forward pass only: decoding one token at a time in bf16
    re-casts every weight at every step, which made it slower than float32 on a CPU.
    `allow(i, tokens)` False means prompt i's answer may not go on as `tokens`: the row
    then takes the likeliest allowed token among its `candidates` most likely (None: all
    of them; a stop token ends a row only as its likeliest token, never as a way out), or
    ends where it is when none is allowed."""
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
    for step in range(max_new_tokens):
        with autocast(device, bf16 if step == 0 else False):
            logits = model(input_ids=ids, attention_mask=mask, position_ids=positions, past_key_values=cache,
                           use_cache=True, logits_to_keep=1).logits
        nxt = logits[:, -1].argmax(-1)
        if allow is not None:
            nxt = _allowed(logits[:, -1], nxt, rows.tolist(), out, stop, allow, candidates)
        done = torch.isin(nxt, stop_t)
        for row, token, finished in zip(rows.tolist(), nxt.tolist(), done.tolist()):
            if not finished:
                out[row].append(token)
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


def _allowed(scores: torch.Tensor, likeliest: torch.Tensor, rows: list[int], out: list[list[int]], stop: set[int],
             allow: Callable[[int, list[int]], bool], candidates: int | None) -> torch.Tensor:
    """Each live row's next token under `allow`; a stop token for a row that has none, so
    it ends without it. The ranking is computed only for a row whose likeliest is refused."""
    picks = likeliest.tolist()
    for r, (row, token) in enumerate(zip(rows, likeliest.tolist())):
        if token in stop or allow(row, out[row] + [token]):
            continue
        k = scores.shape[-1] if candidates is None else min(candidates, scores.shape[-1])
        ranked = scores[r].topk(k).indices.tolist()
        picks[r] = next((t for t in ranked if t != token and t not in stop and allow(row, out[row] + [t])),
                        next(iter(stop)))
    return torch.tensor(picks, device=likeliest.device)


class _SearchGuard:
    """`allow(i, tokens)` for generate: koan i's answer, as `tokens`, keeps its first
    SEARCH part to lines of the koan's broken code (answers.cannot_apply, exact). Where the
    answer so far stands is worked out once per step; each candidate token then costs a
    prefix test of its text (decoded once, after an anchor token, so a tokenizer that drops
    a word's leading space at the start of a text still shows it)."""

    def __init__(self, tokenizer, koans):
        self.koans = koans
        self.decode = lambda ids: tokenizer.decode(ids, skip_special_tokens=True)
        self.anchor = tokenizer.convert_tokens_to_ids(tokenizer.tokenize("a"))[:1]
        self.pieces: dict[int, str] = {}
        self.answers: dict[int, tuple] = {}  # koan -> (tokens decoded, their text, answers.open_search of it)

    def __call__(self, i: int, tokens: list[int]) -> bool:
        if tokens[-1] not in self.pieces:
            self.pieces[tokens[-1]] = self.decode(self.anchor + tokens[-1:])[len(self.decode(self.anchor)):]
        piece = self.pieces[tokens[-1]]
        if not piece:  # a special token (all decode to nothing, <|im_start|> too, which all_special_ids omits)
            return False
        broken = self.koans[i].broken
        n, text, state = self.answers.get(i, (-1, "", None))
        if n != len(tokens) - 1:
            text = self.decode(tokens[:-1])
            n, state = len(tokens) - 1, open_search(text, broken)
            self.answers[i] = (n, text, state)
        if isinstance(state, tuple) and "\n" not in piece and "\ufffd" not in piece:
            return may_become(state[0] + piece, state[1], state[2])
        return not cannot_apply(text + piece, broken, exact=True)


def generate(model, tokenizer, prompts: list[list[int]], cfg: GenerationConfig = GenerationConfig(),
             allow: Callable[[int, list[int]], bool] | None = None) -> list[str]:
    """Decoded greedy answers to tokenised prompts, in the prompts' order; `allow(i, tokens)`
    False means prompt i's answer may not go on as `tokens` (see `greedy`; cfg.candidates)."""
    set_threads(cfg.threads)
    was_training = model.training
    model.eval()
    stop = stop_ids(model, tokenizer)
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    answers: list[str | None] = [None] * len(prompts)
    with tqdm(total=len(prompts), desc="generate", unit="koan", disable=not cfg.progress) as bar:
        for lo in range(0, len(order), cfg.batch_size):
            chunk = order[lo:lo + cfg.batch_size]
            row_allow = None if allow is None else lambda row, tokens, chunk=chunk: allow(chunk[row], tokens)
            outs = greedy(model, [prompts[i] for i in chunk], stop=stop, pad_id=tokenizer.pad_token_id,
                          max_new_tokens=cfg.max_new_tokens, bf16=cfg.bf16, allow=row_allow, candidates=cfg.candidates)
            for i, tokens in zip(chunk, outs):
                answers[i] = tokenizer.decode(tokens, skip_special_tokens=True)
            bar.update(len(chunk))
    model.train(was_training)
    return answers


def answer_koans(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig()) -> list[str]:
    """The model's raw answers to koans, prompted exactly as in training; an edit answer's
    first SEARCH keeps to lines of the koan's broken code (see the module docstring)."""
    return generate(model, tokenizer, [prompt_ids(tokenizer, k, prompt_cfg) for k in koans], cfg,
                    allow=_SearchGuard(tokenizer, koans))


def write_answers(path, koans, answers: list[str]) -> None:
    """ANSWERS.jsonl for `koanshare evaluate`: one {"id", "answer"} per koan, atomically."""
    write_jsonl(path, ({"id": k.id, "answer": a} for k, a in zip(koans, answers, strict=True)))


def score(model, tokenizer, koans, prompt_cfg: PromptConfig, batch_size: int = 16, bf16: bool = False) -> list:
    """The teacher-forced score of each koan's reference answer ({loss, tokens, correct}),
    or None for a koan too long for prompt_cfg.max_length."""
    encoded = [encode(tokenizer, k, prompt_cfg) for k in koans]
    rows = iter(score_examples(model, [e for e in encoded if e is not None], tokenizer.pad_token_id, batch_size, bf16))
    return [None if e is None else next(rows) for e in encoded]
