"""Put a Share into a transformers model (or any nn.Module) and take it out again.

Target modules are found by the paths PEFT uses: an adapter key
`base_model.model.<path>.lora_A.weight` names the nn.Linear at `model.get_submodule(<path>)`.

Serving:   inject(model, share); set_task(model, "task")  (or None: the average of all tasks)
Phase 2:   params = attach_trainable(model, share, p=1, phi=2); ...train params...
           share = share.add("new_task", trained_adapter(model, share))   # phase 3
"""

from __future__ import annotations

import torch
from torch import nn

from share.subspace.layer import ShareLinear, TrainableFactors
from share.subspace.store import LoraAdapter, Share, ShareError


def share_layers(model: nn.Module) -> dict[str, ShareLinear]:
    return {name: m for name, m in model.named_modules() if isinstance(m, ShareLinear)}


def inject(model: nn.Module, share: Share) -> dict[str, ShareLinear]:
    """Wrap every target module of `share` in a ShareLinear, in place; no task is active yet,
    so the model still computes what the base model computes. Re-injecting replaces a
    previous Share."""
    remove(model)
    shapes = share.shapes()
    layers = {}
    for path, module_basis in share.bases.items():
        try:
            base = model.get_submodule(path)
        except AttributeError:
            raise ShareError(f"the model has no module {path} (the Share targets {', '.join(share.target_modules)})") from None
        if not isinstance(base, nn.Linear):
            raise ShareError(f"module {path} is {type(base).__name__}, Share wraps nn.Linear only")
        if (base.out_features, base.in_features) != shapes[path]:
            raise ShareError(f"module {path} is {(base.out_features, base.in_features)} (out, in), the Share expects {shapes[path]}")
        coefficients = {name: task.coefficients[path] for name, task in share.tasks.items()}
        layers[path] = ShareLinear(base, module_basis, coefficients)
        model.set_submodule(path, layers[path])
    return layers


def remove(model: nn.Module) -> nn.Module:
    """Put the original nn.Linear layers back."""
    for path, layer in share_layers(model).items():
        model.set_submodule(path, layer.base_layer)
    return model


@torch.no_grad()
def fold(model: nn.Module) -> nn.Module:
    """Add each layer's active update to its base weight (W + B A^T) and put the plain
    nn.Linear back: the same function at the base model's cost, for serving one task.
    The update is added in float32 and rounded once to the weight's dtype."""
    for layer in share_layers(model).values():
        factors = layer.factors()
        if factors is not None:
            B, A = factors
            weight = layer.base_layer.weight
            weight.copy_(weight.float() + B @ A.T)
    return remove(model)


def set_task(model: nn.Module, name: str | None) -> None:
    """Serve one task by name, or with None one averaged update: the mean of all tasks'
    delta W, a single low-rank model needing no task id (see basis.average_factors)."""
    layers = share_layers(model)
    if not layers:
        raise ShareError("no Share is injected in this model; call inject(model, share) first")
    known = next(iter(layers.values())).coefficients
    if name is not None and name not in known:
        raise ShareError(f"unknown task {name!r}; this Share has: {', '.join(known)}")
    for layer in layers.values():
        layer.set_task(name)


def attach_trainable(model: nn.Module, share: Share, p: int = 1, phi: int = 2, seed: int = 0) -> list[nn.Parameter]:
    """Phase 2: inject `share` and give every target module a new task's trainable factors
    (see TrainableFactors). Everything else in the model, the basis included, is frozen.
    Returns the trainable parameters, for the optimizer."""
    layers = inject(model, share)
    model.requires_grad_(False)
    generator = torch.Generator().manual_seed(seed)
    params = []
    for path in sorted(layers):
        layer = layers[path]
        layer.trainable = TrainableFactors(layer.module_basis, p, phi, generator).to(layer.basis_B.device)
        params.extend(layer.trainable.parameters())
    return params


@torch.no_grad()
def trained_adapter(model: nn.Module, share: Share) -> LoraAdapter:
    """The phase-2 task as a plain LoRA adapter (scaling 1, rank p, float32): what
    `share.add(name, ...)` merges, and what `write_adapter` can keep on disk meanwhile.
    The temporary vectors are folded into B and A, so the merge keeps what they learned."""
    lora_A, lora_B = {}, {}
    for path, layer in share_layers(model).items():
        if layer.trainable is None:
            raise ShareError(f"module {path} has no trainable factors; call attach_trainable first")
        B, A = layer.trainable(layer.basis_B, layer.basis_A)
        lora_B[path], lora_A[path] = B.cpu(), A.T.contiguous().cpu()
    if set(lora_A) != set(share.bases):
        raise ShareError("the model's Share layers do not match the Share's target modules")
    p = next(iter(lora_A.values())).shape[0]
    return LoraAdapter(lora_A, lora_B, {m: 1.0 for m in lora_A}, share.base_model, p, p, "phase-2 training")
