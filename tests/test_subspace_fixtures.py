"""Shared helpers for the Share tests (imported by the other test_subspace_* files):
a tiny GQA Qwen2 built from a config, real PEFT adapter directories with non-zero
random factors, and in-memory random adapters for the pure math."""

from __future__ import annotations

import torch
from peft import LoraConfig, get_peft_model
from transformers import Qwen2Config, Qwen2ForCausalLM

from share.subspace import LoraAdapter

BASE_MODEL = "tiny-qwen2"
TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj"]
LAYERS = 2


def tiny_model(seed: int = 0) -> Qwen2ForCausalLM:
    """hidden 64, 4 query heads and 2 kv heads: k_proj/v_proj are 64 -> 32 (GQA)."""
    config = Qwen2Config(
        hidden_size=64, intermediate_size=128, num_hidden_layers=LAYERS, num_attention_heads=4,
        num_key_value_heads=2, vocab_size=128,
    )
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(config).float().eval()
    model.name_or_path = BASE_MODEL
    return model


def module_shapes() -> dict[str, tuple[int, int]]:
    """(out, in) of every target module of tiny_model."""
    out = {"q_proj": 64, "k_proj": 32, "v_proj": 32, "o_proj": 64}
    return {f"model.layers.{i}.self_attn.{t}": (out[t], 64) for i in range(LAYERS) for t in TARGETS}


def make_adapter_dir(path, seed: int, r: int = 8, alpha: float = 16, targets=TARGETS, **config) -> str:
    """A real PEFT adapter directory for tiny_model, with random non-zero A and B."""
    model = get_peft_model(tiny_model(), LoraConfig(r=r, lora_alpha=alpha, target_modules=targets, **config))
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, param in model.named_parameters():
            if "lora_" in name:
                param.copy_(torch.randn(param.shape, generator=generator) * 0.2)
    model.save_pretrained(str(path))
    return str(path)


def random_adapter(seed: int, r: int = 4, shapes=None, base_model: str = BASE_MODEL, scale: float = 1.0) -> LoraAdapter:
    """An in-memory adapter with Gaussian factors (scaling `scale`)."""
    shapes = shapes or module_shapes()
    generator = torch.Generator().manual_seed(seed)
    lora_A = {m: torch.randn(r, n_in, generator=generator) for m, (_, n_in) in shapes.items()}
    lora_B = {m: torch.randn(n_out, r, generator=generator) for m, (n_out, _) in shapes.items()}
    return LoraAdapter(lora_A, lora_B, {m: scale for m in shapes}, base_model, r, r * scale, f"adapter-{seed}")


def delta(adapter: LoraAdapter, module: str) -> torch.Tensor:
    B, A = adapter.factors(module)
    return B @ A.T


def relative_error(x: torch.Tensor, reference: torch.Tensor) -> float:
    return float((x - reference).norm() / reference.norm())
