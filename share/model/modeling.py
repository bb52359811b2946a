"""The base model, two kinds, one code path: the embedded Qwen2 built from size params, or
any Hugging Face causal-LM directory. Everything downstream loads a directory with
`load_model`, so the embedded default and a real model are exercised by the same code.

Bad inputs fail here, before any training, with a ModelError naming the problem and the fix.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import (AutoConfig, AutoModelForCausalLM, AutoTokenizer, PreTrainedTokenizerFast, Qwen2Config,
                          Qwen2ForCausalLM)
from transformers.models.auto.modeling_auto import MODEL_FOR_CAUSAL_LM_MAPPING_NAMES

GENERIC_TOKENIZERS = ("TokenizersBackend", "PreTrainedTokenizerFast")
DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


class ModelError(ValueError):
    """A model, tokenizer or adapter cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class ModelSize:
    """The embedded Qwen2's shape. The defaults give about 2.5M parameters at vocab 4096."""

    hidden_size: int = 192
    num_layers: int = 4
    num_heads: int = 6
    num_kv_heads: int = 2
    intermediate_size: int = 512
    max_positions: int = 2048
    rope_theta: float = 10000.0

    def __post_init__(self):
        for name in ("hidden_size", "num_layers", "num_heads", "num_kv_heads", "intermediate_size", "max_positions"):
            if getattr(self, name) < 1:
                raise ModelError(f"model size: {name} must be >= 1, got {getattr(self, name)}")
        if self.hidden_size % self.num_heads:
            raise ModelError(f"model size: hidden_size {self.hidden_size} must be divisible by num_heads {self.num_heads}")
        if (self.hidden_size // self.num_heads) % 2:
            raise ModelError(f"model size: head size {self.hidden_size // self.num_heads} must be even (RoPE); change num_heads")
        if self.num_heads % self.num_kv_heads:
            raise ModelError(f"model size: num_heads {self.num_heads} must be a multiple of num_kv_heads {self.num_kv_heads}")


def build_model(tokenizer, size: ModelSize, seed: int = 0) -> Qwen2ForCausalLM:
    """A freshly initialised Qwen2 (tied embeddings) whose vocabulary matches `tokenizer`."""
    config = Qwen2Config(
        vocab_size=len(tokenizer),
        hidden_size=size.hidden_size,
        intermediate_size=size.intermediate_size,
        num_hidden_layers=size.num_layers,
        num_attention_heads=size.num_heads,
        num_key_value_heads=size.num_kv_heads,
        max_position_embeddings=size.max_positions,
        rope_theta=size.rope_theta,
        tie_word_embeddings=True,
        bos_token_id=None,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(config)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    return model


def n_params(model, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def check_model_dir(path: str | os.PathLike) -> AutoConfig:
    """The config of a causal-LM directory, or a ModelError saying what is wrong with it."""
    path = Path(path)
    if not path.is_dir():
        raise ModelError(f"model directory {path} does not exist; build the base model first "
                         f"(`dvc repro base_model`) or set the model path in params")
    if not (path / "config.json").is_file():
        raise ModelError(f"{path} has no config.json, so it is not a Hugging Face model directory; "
                         f"point the params at a directory saved with save_pretrained")
    try:
        config = AutoConfig.from_pretrained(path)
    except Exception as e:
        raise ModelError(f"{path}/config.json cannot be read as a transformers config ({e}); "
                         f"re-save the model with save_pretrained") from e
    if config.model_type not in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES:
        raise ModelError(f"{path} holds a {config.model_type!r} model, which is not a causal LM; "
                         f"use a decoder-only model directory (e.g. Qwen2, Llama)")
    return config


def load_tokenizer(path: str | os.PathLike):
    """The directory's tokenizer; it must have a chat template and an EOS token."""
    try:
        # A tokenizer saved from a `tokenizers` object (the embedded one) must load as exactly
        # that: AutoTokenizer would pick the model type's class (Qwen2Tokenizer) and rebuild
        # it with Qwen's own pre-tokenizer, so training and evaluation would tokenise apart.
        config = Path(path) / "tokenizer_config.json"
        generic = config.is_file() and json.loads(config.read_text()).get("tokenizer_class") in GENERIC_TOKENIZERS
        tokenizer = (PreTrainedTokenizerFast if generic else AutoTokenizer).from_pretrained(path)
    except Exception as e:
        raise ModelError(f"{path}: no usable tokenizer ({e}); save the tokenizer into the model directory") from e
    if not getattr(tokenizer, "chat_template", None):
        raise ModelError(f"{path}: the tokenizer has no chat template; use an instruct/chat model "
                         f"or add a chat_template to tokenizer_config.json")
    if tokenizer.eos_token_id is None:
        raise ModelError(f"{path}: the tokenizer has no EOS token; set eos_token in tokenizer_config.json")
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token  # padding is always masked; any id will do
    return tokenizer


def load_model(path: str | os.PathLike, *, dtype: str = "float32", attn_implementation: str | None = None,
               gradient_checkpointing: bool = False, device: str | None = None):
    """(model, tokenizer) from a causal-LM directory, validated first; the model is frozen-free
    (all parameters trainable) and in eval mode."""
    if dtype not in DTYPES:
        raise ModelError(f"dtype {dtype!r} is not one of {sorted(DTYPES)}")
    config = check_model_dir(path)
    tokenizer = load_tokenizer(path)
    if len(tokenizer) > config.vocab_size:
        raise ModelError(f"{path}: the tokenizer has {len(tokenizer)} tokens but the model only "
                         f"{config.vocab_size} embeddings; the tokenizer belongs to another model")
    kwargs = {"dtype": DTYPES[dtype]}
    if attn_implementation:
        kwargs["attn_implementation"] = attn_implementation
    try:
        model = AutoModelForCausalLM.from_pretrained(path, **kwargs)
    except Exception as e:
        raise ModelError(f"{path}: the weights cannot be loaded ({e}); re-save the model with save_pretrained") from e
    if gradient_checkpointing:  # non-reentrant: works when the inputs (frozen embeddings) need no grad
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.config.use_cache = False
    if device == "cuda" and "LOCAL_RANK" in os.environ:  # one GPU per process under torchrun / accelerate
        device = f"cuda:{os.environ['LOCAL_RANK']}"
    if device:
        model.to(device)
    model.eval()
    return model, tokenizer


def check_adapter(model, adapter_dir: str | os.PathLike) -> dict:
    """The adapter's config, after checking that its LoRA weights fit `model`'s modules:
    an adapter trained on another base model fails here, naming the first mismatch."""
    from safetensors import safe_open

    adapter_dir = Path(adapter_dir)
    config_path, weights = adapter_dir / "adapter_config.json", adapter_dir / "adapter_model.safetensors"
    if not config_path.is_file() or not weights.is_file():
        raise ModelError(f"{adapter_dir} is not a PEFT adapter directory (needs adapter_config.json and "
                         f"adapter_model.safetensors); train one with train_lora")
    config = json.loads(config_path.read_text())
    modules = dict(model.named_modules())
    with safe_open(str(weights), "pt") as f:
        for key in f.keys():
            if ".lora_A." not in key and ".lora_B." not in key:
                continue
            name = key.split(".lora_")[0].removeprefix("base_model.model.")
            target = modules.get(name)
            if target is None or not hasattr(target, "in_features"):
                raise ModelError(f"{adapter_dir}: module {name!r} is not in this base model; "
                                 f"the adapter was trained on another base model ({config.get('base_model_name_or_path')})")
            shape = f.get_slice(key).get_shape()
            want = target.in_features if ".lora_A." in key else target.out_features
            have = shape[1] if ".lora_A." in key else shape[0]
            if have != want:
                raise ModelError(f"{adapter_dir}: {key} has dimension {have} where this base model's {name} has {want}; "
                                 f"the adapter was trained on another base model ({config.get('base_model_name_or_path')})")
    return config


def load_adapter(model, adapter_dir: str | os.PathLike, *, trainable: bool = False):
    """`model` wrapped with a checked PEFT adapter (a PeftModel)."""
    from peft import PeftModel

    check_adapter(model, adapter_dir)
    return PeftModel.from_pretrained(model, str(adapter_dir), is_trainable=trainable)
