"""One prompt format for training and evaluation: a chat message holding the task
description, the broken code and rustc's diagnostic; the answer is the target in the
profile's format ("edits" or "program"), followed by EOS. Loss falls on the answer only.

The prompt is tokenised apart from the answer, exactly as generation sees it, so the
tokens the model learns to continue are the tokens it is later given.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from share.judge.answers import make_edits
from share.koans.koan import Koan

log = logging.getLogger(__name__)
FORMATS = ("edits", "program")
IGNORE = -100
INSTRUCTIONS = {
    "edits": "Fix the code. Answer only with SEARCH/REPLACE edit blocks "
             "(<<<<<<< SEARCH, the exact lines to change, =======, the new lines, >>>>>>> REPLACE).",
    "program": "Fix the code. Answer with the whole corrected program in one ```rust code block.",
}
CLIP_MARK = "[...]\n"
PROMPT_FILE = "prompt.json"
_NOISE = re.compile(r"^(\s*\d*\s*[|=]?[\s^~+\-|_]*|error: aborting due to .*|note: run with `RUST_BACKTRACE.*"
                    r"|running \d+ tests?|failures:|test result: .*|---- .* ----|\s+tests::\w+|For more information .*)$")


@dataclass(frozen=True)
class PromptConfig:
    """`max_description_chars` and `max_diagnostic_chars` clip every description and
    diagnostic (train and eval alike; a small model needs the first sentence only); a
    prompt longer than `max_prompt_tokens` loses its diagnostic, and a training example
    longer than `max_length` is skipped (counted and logged), never cut inside the answer.
    The config is saved beside the base model (prompt.json), so every later stage prompts
    the model exactly as it was trained."""

    format: str = "edits"
    instruction: bool = True  # append INSTRUCTIONS[format]; a model trained from scratch needs none
    system: str | None = None  # a system message; None keeps the chat template's own (SmolLM2's costs 16 tokens)
    compact_diagnostic: bool = False  # drop rustc's layout-only lines so the clip keeps the help: part
    max_description_chars: int = 4000
    max_diagnostic_chars: int = 1200
    max_prompt_tokens: int = 768
    max_length: int = 1024

    def __post_init__(self):
        if self.format not in FORMATS:
            raise ValueError(f"prompt format {self.format!r} is not one of {FORMATS}")
        if self.max_diagnostic_chars < 0 or self.max_description_chars < 0:
            raise ValueError(f"max_diagnostic_chars and max_description_chars must be >= 0, got "
                             f"{self.max_diagnostic_chars} and {self.max_description_chars}")
        if not 0 < self.max_prompt_tokens < self.max_length:
            raise ValueError(f"need 0 < max_prompt_tokens ({self.max_prompt_tokens}) < max_length ({self.max_length})")


    def save(self, model_dir) -> None:
        (Path(model_dir) / PROMPT_FILE).write_text(json.dumps(asdict(self), indent=2) + "\n")

    @classmethod
    def load(cls, model_dir) -> "PromptConfig":
        """The prompt the model in `model_dir` was trained with (defaults if it has none)."""
        path = Path(model_dir) / PROMPT_FILE
        return cls(**json.loads(path.read_text())) if path.is_file() else cls()


@dataclass(frozen=True)
class Example:
    id: str
    input_ids: list[int]
    labels: list[int]  # IGNORE on the prompt


def compact_diagnostic(text: str) -> str:
    """rustc's diagnostic without its layout-only lines (empty gutters, +++ and ^^^ lines with
    no label, paths into the standard library, test-harness boilerplate): the help: lines
    that often hold the fix then survive clipping."""
    return "".join(line + "\n" for line in text.splitlines() if not _NOISE.match(line) and "/rustc/" not in line)


def clip_diagnostic(text: str, limit: int) -> str:
    """At most the first `limit` characters, cut at a line end so no half-line is shown."""
    if len(text) <= limit:
        return text
    if limit == 0:
        return ""
    return text[: text.rfind("\n", 0, limit) + 1] + CLIP_MARK


def clip_description(text: str, limit: int) -> str:
    """Whole sentences that fit in `limit` characters (at least the first sentence, clipped)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    end = text.rfind(". ", 0, limit)
    return text[: end + 1] if end > 0 else text[:limit]


def messages(koan: Koan, cfg: PromptConfig, diagnostic: str | None = None) -> list[dict]:
    if diagnostic is None:
        diagnostic = compact_diagnostic(koan.diagnostic) if cfg.compact_diagnostic else koan.diagnostic
        diagnostic = clip_diagnostic(diagnostic, cfg.max_diagnostic_chars)
    parts = [clip_description(koan.description, cfg.max_description_chars), f"```rust\n{koan.broken.rstrip()}\n```"]
    if diagnostic.strip():
        parts.append(f"rustc says:\n```\n{diagnostic.rstrip()}\n```")
    if cfg.instruction:
        parts.append(INSTRUCTIONS[cfg.format])
    system = [] if cfg.system is None else [{"role": "system", "content": cfg.system}]
    return system + [{"role": "user", "content": "\n\n".join(p for p in parts if p)}]


def target(koan: Koan, fmt: str) -> str:
    """The reference answer in the given format (what the model is taught to write)."""
    if fmt == "edits":
        return make_edits(koan.broken, koan.reference)
    return f"```rust\n{koan.reference.rstrip()}\n```\n"


def _encode(tokenizer, text: str) -> list[int]:
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def prompt_ids(tokenizer, koan: Koan, cfg: PromptConfig) -> list[int]:
    """The prompt tokens (ending with the assistant turn's header); drops the diagnostic
    when the prompt would be longer than cfg.max_prompt_tokens."""
    render = lambda msgs: _encode(tokenizer, tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False))
    ids = render(messages(koan, cfg))
    if len(ids) > cfg.max_prompt_tokens and koan.diagnostic:
        ids = render(messages(koan, cfg, diagnostic=""))
    return ids


def answer_ids(tokenizer, answer: str) -> list[int]:
    return _encode(tokenizer, answer) + [tokenizer.eos_token_id]


def encode(tokenizer, koan: Koan, cfg: PromptConfig) -> Example | None:
    """The training example for a koan, or None when it is longer than cfg.max_length."""
    prompt, answer = prompt_ids(tokenizer, koan, cfg), answer_ids(tokenizer, target(koan, cfg.format))
    if len(prompt) + len(answer) > cfg.max_length:
        return None
    return Example(koan.id, prompt + answer, [IGNORE] * len(prompt) + answer)


def encode_all(tokenizer, koans, cfg: PromptConfig) -> list[Example]:
    examples = [encode(tokenizer, k, cfg) for k in koans]
    kept = [e for e in examples if e is not None]
    if len(kept) < len(examples):
        log.warning("skipped %d of %d examples longer than max_length=%d tokens", len(examples) - len(kept),
                    len(examples), cfg.max_length)
    if not kept:
        raise ValueError(f"every one of {len(examples)} examples is longer than max_length={cfg.max_length}; raise it")
    return kept


def collate(examples: list[Example], pad_id: int) -> dict[str, torch.Tensor]:
    """A left-padded batch: every row ends with its answer, so the last `answer_span`
    positions hold all the answer tokens and only their logits need computing."""
    width = max(len(e.input_ids) for e in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    for row, e in enumerate(examples):
        n = len(e.input_ids)
        ids[row, width - n:] = torch.tensor(e.input_ids)
        labels[row, width - n:] = torch.tensor(e.labels)
        mask[row, width - n:] = 1
    first = min(next(i for i, l in enumerate(e.labels) if l != IGNORE) + width - len(e.labels) for e in examples)
    positions = (mask.cumsum(1) - 1).clamp(min=0)
    return {"input_ids": ids, "attention_mask": mask, "position_ids": positions, "labels": labels,
            "answer_span": width - first + 1}


def corpus(koans, cfg: PromptConfig):
    """Text to train the embedded tokenizer on: everything a prompt or an answer holds."""
    yield "user\nassistant\n" + INSTRUCTIONS[cfg.format]
    for koan in koans:
        yield messages(koan, cfg)[-1]["content"]
        yield target(koan, cfg.format)
