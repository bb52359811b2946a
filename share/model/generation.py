"""Batched greedy generation and teacher-forced scoring, for any model object: the base
model, a PeftModel, a model with a Share injected (one task or the average), a merged one.

Generation is a plain loop over the model's forward with a KV cache: prompts are left
padded, each row stops at its own EOS, finished rows leave the batch (so a long answer
does not make the short ones pay), and prompts are grouped by length. An edit answer's
first SEARCH part may only copy lines that exist in the broken code: when the likeliest
token would make it match nothing (answers.cannot_apply), the likeliest of the
`candidates` most likely tokens (by default every token) that keeps it matchable is
taken instead, and when none does the answer ends there. The model still chooses which
lines to edit and writes every replacement itself. Where the references are scored too
(answer_and_score), each prompt's forward pass serves both: the reference is scored on
top of it, then decoding goes on from it. Evaluation with rustc happens after
generation, never beside it, so the two do not fight over cores.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass, fields
from typing import Callable

import torch
from tqdm import tqdm

from share.io import write_jsonl
from share.judge.answers import cannot_apply, may_become, open_search
from share.model.prompt import IGNORE, PromptConfig, encode, prompt_ids
from share.model.train import BF16_SETTINGS, bf16_enabled, score_examples, set_threads


@dataclass(frozen=True)
class GenerationConfig:
    max_new_tokens: int = 256
    batch_size: int = 8
    bf16: bool | str = False  # bf16 autocast for generation (prompts and decoding) and scoring: true, false or auto
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
    `bf16` autocasts the prompts' pass and the decoding, each weight cast once (see
    autocast_once).
    `allow(i, tokens)` False means prompt i's answer may not go on as `tokens`: the row
    then takes the likeliest allowed token among its `candidates` most likely (None: all
    of them; a stop token ends a row only as its likeliest token, never as a way out), or
    ends where it is when none is allowed."""
    with autocast_once(model, bf16):
        return _decode(model, _prefill(model, prompts, pad_id), stop=stop, max_new_tokens=max_new_tokens,
                       allow=allow, candidates=candidates)


@contextlib.contextmanager
def autocast_once(model, setting: bool | str):
    """bf16 autocast (where `setting` enables it on the model's device) that casts each
    weight once, not at every forward: autocast keeps the casts of leaf tensors that
    require grad, so the weights are marked so for the duration (under no_grad nothing is
    recorded) and get their own flags back after. Re-cast at every step, decoding a token
    at a time in bf16 was slower than in float32 on a CPU; cast once, generation took
    20% less time than with float32 decoding, with the same passes
    (reports/2026-12-08-cycle-time.md)."""
    device = next(model.parameters()).device
    if not bf16_enabled(setting, device):
        yield
        return
    frozen = [p for p in model.parameters() if not p.requires_grad]
    for p in frozen:
        p.requires_grad_(True)
    try:
        with torch.autocast(device.type, dtype=torch.bfloat16):
            yield
    finally:
        for p in frozen:
            p.requires_grad_(False)


@dataclass
class _Prompted:
    """A batch after its prompts' forward pass: the logits of each prompt's last position,
    the KV cache, and the attention mask and positions decoding goes on from."""
    logits: torch.Tensor
    cache: object
    mask: torch.Tensor
    positions: torch.Tensor


def _prefill(model, prompts: list[list[int]], pad_id: int) -> _Prompted:
    """The prompts' forward pass, left padded to one width."""
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
    logits = model(input_ids=ids, attention_mask=mask, position_ids=positions, past_key_values=cache,
                   use_cache=True, logits_to_keep=1).logits
    return _Prompted(logits[:, -1], cache, mask, positions)


def _score_prompted(model, prompted: _Prompted, references: list[list[int] | None], pad_id: int) -> list[dict | None]:
    """Each row's reference answer (token ids, or None to skip the row) scored teacher-forced
    on top of its prompt's pass, as score() would ({loss, tokens, correct}): the prompt is
    computed once for both answering and scoring. Runs on a copy of the cache, so
    decoding goes on from the prompts alone."""
    device = prompted.logits.device
    width = max((len(r) for r in references if r), default=0)
    if width == 0:
        return [None] * len(references)
    ids = torch.full((len(references), width), pad_id, dtype=torch.long)
    labels = torch.full((len(references), width), IGNORE, dtype=torch.long)
    for row, ref in enumerate(references):
        if ref:
            ids[row, :len(ref)] = labels[row, :len(ref)] = torch.tensor(ref)
    ids, labels = ids.to(device), labels.to(device)
    logits = prompted.logits[:, None]  # the prompt's last position predicts the first answer token
    if width > 1:  # the answer's tokens but its last predict the rest
        mask = torch.cat([prompted.mask, (labels[:, :-1] != IGNORE).long()], dim=1)
        positions = prompted.positions[:, -1:] + torch.arange(1, width, device=device)
        rest = model(input_ids=ids[:, :-1], attention_mask=mask, position_ids=positions,
                     past_key_values=copy.deepcopy(prompted.cache), use_cache=True).logits
        logits = torch.cat([logits, rest], dim=1)
    rows = []
    for row, ref in enumerate(references):  # one row at a time: a batch of float logits is large
        if not ref:
            rows.append(None)
            continue
        row_logits, row_labels = logits[row, :len(ref)].float(), labels[row, :len(ref)]
        rows.append({"loss": torch.nn.functional.cross_entropy(row_logits, row_labels, reduction="sum").item(),
                     "tokens": len(ref), "correct": int((row_logits.argmax(-1) == row_labels).sum())})
    return rows


def _decode(model, prompted: _Prompted, *, stop: set[int], max_new_tokens: int,
            allow: Callable[[int, list[int]], bool] | None, candidates: int | None) -> list[list[int]]:
    """greedy's loop, from a batch's prompt pass: one token per row and step."""
    cache, mask, positions, logits = prompted.cache, prompted.mask, prompted.positions, prompted.logits
    device = logits.device
    stop_t = torch.tensor(sorted(stop), device=device)
    rows = torch.arange(len(logits), device=device)  # which prompt each live row is
    out: list[list[int]] = [[] for _ in range(len(logits))]
    ids = None  # the tokens just chosen: the next step's input
    for step in range(max_new_tokens):
        if step:
            logits = model(input_ids=ids, attention_mask=mask, position_ids=positions, past_key_values=cache,
                           use_cache=True, logits_to_keep=1).logits[:, -1]
        nxt = logits.argmax(-1)
        if allow is not None:
            nxt = _allowed(logits, nxt, rows.tolist(), out, stop, allow, candidates)
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
             allow: Callable[[int, list[int]], bool] | None = None,
             references: list[list[int] | None] | None = None) -> tuple[list[str], list[dict | None]]:
    """Decoded greedy answers to tokenised prompts, in the prompts' order, and the
    teacher-forced scores of `references` (per prompt: answer token ids, or None) from the
    same prompt pass (all None without references). `allow(i, tokens)` False means prompt
    i's answer may not go on as `tokens` (see `greedy`; cfg.candidates)."""
    set_threads(cfg.threads)
    was_training = model.training
    model.eval()
    stop = stop_ids(model, tokenizer)
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    answers: list[str | None] = [None] * len(prompts)
    scores: list[dict | None] = [None] * len(prompts)
    with tqdm(total=len(prompts), desc="generate", unit="koan", disable=not cfg.progress) as bar, torch.no_grad(), \
            autocast_once(model, cfg.bf16):
        for lo in range(0, len(order), cfg.batch_size):
            chunk = order[lo:lo + cfg.batch_size]
            row_allow = None if allow is None else lambda row, tokens, chunk=chunk: allow(chunk[row], tokens)
            prompted = _prefill(model, [prompts[i] for i in chunk], tokenizer.pad_token_id)
            if references is not None:
                rows = _score_prompted(model, prompted, [references[i] for i in chunk], tokenizer.pad_token_id)
                for i, row in zip(chunk, rows):
                    scores[i] = row
            outs = _decode(model, prompted, stop=stop, max_new_tokens=cfg.max_new_tokens, allow=row_allow,
                           candidates=cfg.candidates)
            for i, tokens in zip(chunk, outs):
                answers[i] = tokenizer.decode(tokens, skip_special_tokens=True)
            bar.update(len(chunk))
    model.train(was_training)
    return answers, scores


def answer_koans(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig()) -> list[str]:
    """The model's raw answers to koans, prompted exactly as in training; an edit answer's
    first SEARCH keeps to lines of the koan's broken code (see the module docstring)."""
    return answer_and_score(model, tokenizer, koans, prompt_cfg, cfg, scored=False)[0]


def answer_and_score(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig(),
                     scored: bool = True) -> tuple[list[str], list[dict | None]]:
    """answer_koans' answers and, from the same prompt pass, score()'s teacher-forced
    score of each reference (None for a koan too long for prompt_cfg.max_length)."""
    prompts = [prompt_ids(tokenizer, k, prompt_cfg) for k in koans]
    references = [None if e is None else e.labels[len(p):] for p, e in
                  zip(prompts, (encode(tokenizer, k, prompt_cfg) for k in koans))] if scored else None
    return generate(model, tokenizer, prompts, cfg, allow=_SearchGuard(tokenizer, koans), references=references)


def write_answers(path, koans, answers: list[str]) -> None:
    """ANSWERS.jsonl for `koanshare evaluate`: one {"id", "answer"} per koan, atomically."""
    write_jsonl(path, ({"id": k.id, "answer": a} for k, a in zip(koans, answers, strict=True)))


def score(model, tokenizer, koans, prompt_cfg: PromptConfig, batch_size: int = 16, bf16: bool = False) -> list:
    """The teacher-forced score of each koan's reference answer ({loss, tokens, correct}),
    or None for a koan too long for prompt_cfg.max_length."""
    encoded = [encode(tokenizer, k, prompt_cfg) for k in koans]
    rows = iter(score_examples(model, [e for e in encoded if e is not None], tokenizer.pad_token_id, batch_size, bf16))
    return [None if e is None else next(rows) for e in encoded]
