"""Read and write standard PEFT LoRA adapter directories (adapter_config.json +
adapter_model.safetensors), for any causal LM: ranks and alphas may differ between
adapters and, through rank_pattern / alpha_pattern, between modules of one adapter."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from safetensors.torch import save_file

from share.io import atomic_path
from share.subspace.store import LoraAdapter, ShareError, read_safetensors

CONFIG_NAME = "adapter_config.json"
WEIGHTS_NAME = "adapter_model.safetensors"
# base_model.model.<module path>.lora_A[.<adapter name>].weight; the prefix is PEFT's wrapper
LORA_KEY = re.compile(r"^(?:base_model\.model\.)?(?P<module>.+)\.lora_(?P<side>[AB])(?:\.[^.]+)?\.weight$")
UNSUPPORTED = ("use_dora", "lora_bias", "modules_to_save", "trainable_token_indices", "target_parameters", "layer_replication")


def read_adapter(path: str | Path) -> LoraAdapter:
    """Load a PEFT LoRA adapter directory; the module paths are those of the base model."""
    path = Path(path)
    config_path = path / CONFIG_NAME
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ShareError(f"{config_path}: not a readable PEFT adapter config ({e})") from None
    if config.get("peft_type") != "LORA":
        raise ShareError(f"{config_path}: peft_type is {config.get('peft_type')!r}, Share needs 'LORA'")
    for option in UNSUPPORTED:
        if config.get(option):
            raise ShareError(f"{config_path}: {option}={config[option]!r} is not a plain LoRA; Share cannot represent it")

    weights_path = path / WEIGHTS_NAME
    lora = {"A": {}, "B": {}}
    for key, tensor in read_safetensors(weights_path).items():
        match = LORA_KEY.match(key)
        if match is None or tensor.dim() != 2:
            raise ShareError(f"{weights_path}: unsupported tensor {key} (Share reads plain lora_A / lora_B weights)")
        lora[match["side"]][match["module"]] = tensor
    if not lora["A"]:
        raise ShareError(f"{weights_path}: no LoRA weights found")
    if set(lora["A"]) != set(lora["B"]):
        raise ShareError(f"{weights_path}: modules without both lora_A and lora_B: {sorted(set(lora['A']) ^ set(lora['B']))}")

    alpha, alpha_pattern = config["lora_alpha"], config.get("alpha_pattern") or {}
    scaling = {}
    for module, A in lora["A"].items():
        r = A.shape[0]
        if lora["B"][module].shape[1] != r:
            raise ShareError(f"{weights_path}: {module} has lora_A of rank {r} but lora_B {tuple(lora['B'][module].shape)}")
        scaling[module] = _alpha(alpha_pattern, module, alpha) / (math.sqrt(r) if config.get("use_rslora") else r)
    return LoraAdapter(
        lora_A=lora["A"],
        lora_B=lora["B"],
        scaling=scaling,
        base_model=config.get("base_model_name_or_path"),
        r=config["r"],
        lora_alpha=alpha,
        source=str(path),
    )


def _alpha(alpha_pattern: dict, module: str, alpha: float) -> float:
    """The module's lora_alpha, by PEFT's own pattern rule. Importing peft takes seconds
    (it loads transformers), so only an adapter with an alpha_pattern pays for it."""
    if not alpha_pattern:
        return alpha
    from peft.utils.other import get_pattern_key

    return alpha_pattern.get(get_pattern_key(alpha_pattern.keys(), module), alpha)


def write_adapter(adapter: LoraAdapter, path: str | Path) -> None:
    """Write `adapter` as a PEFT adapter directory, atomically, scaling folded into lora_B
    (lora_alpha == r everywhere), so any PEFT version applies delta W = B A unchanged.
    Modules whose rank differs from `adapter.r` go to rank_pattern.

    target_modules lists full module paths, so PEFT wraps exactly these modules."""
    from peft import LoraConfig  # peft takes seconds to import: only here

    ranks = {m: A.shape[0] for m, A in adapter.lora_A.items()}
    pattern = {re.escape(m): rank for m, rank in ranks.items() if rank != adapter.r}  # PEFT reads keys as regexes
    config = LoraConfig(
        r=adapter.r,
        lora_alpha=adapter.r,
        rank_pattern=pattern,
        alpha_pattern=pattern,
        target_modules=sorted(ranks),
        lora_dropout=0.0,
        bias="none",
        task_type="CAUSAL_LM",
        base_model_name_or_path=adapter.base_model,
        inference_mode=True,
    )
    tensors = {}
    for m in sorted(ranks):
        B = adapter.lora_B[m]
        if adapter.scaling[m] != 1.0:
            B = (B.float() * adapter.scaling[m]).to(B.dtype)
        tensors[f"base_model.model.{m}.lora_A.weight"] = adapter.lora_A[m].contiguous()
        tensors[f"base_model.model.{m}.lora_B.weight"] = B.contiguous()
    with atomic_path(path) as tmp:
        tmp.mkdir()
        config.save_pretrained(str(tmp))
        stable_config(tmp)
        save_file(tensors, tmp / WEIGHTS_NAME, metadata={"format": "pt"})


def stable_config(directory: str | Path) -> None:
    """Rewrite a saved adapter_config.json in a fixed order. PEFT keeps target_modules in a
    set, so each process writes them in its own string-hash order: unsorted, a re-trained
    but identical adapter has new bytes and DVC re-runs everything downstream of it."""
    path = Path(directory) / CONFIG_NAME
    config = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(config.get("target_modules"), list):
        config["target_modules"] = sorted(config["target_modules"])
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
