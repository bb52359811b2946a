"""The Share object: one frozen basis per module side plus tiny per-task coefficients.

On disk (a SHARE_DIR, always written whole and atomically):
  manifest.json            format version, base model, target modules, dtype, k rule,
                           k per module side, task order with each task's r and alpha
  basis.safetensors        "<module>.B.basis" (out x k_B), "<module>.A.basis" (in x k_A),
                           and "<module>.{B,A}.mean" when mean-centered
  tasks/<name>.safetensors "<module>.B" (k_B x r), "<module>.A" (k_A x r)

Tensors are held in the storage dtype (that of the source adapters), so what is in
memory is bit for bit what is on disk; all math upcasts to float32 (see basis.py).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file
from torch import Tensor

from share.io import atomic_path
from share.subspace.basis import (
    Factors,
    KRule,
    ModuleBasis,
    SideBasis,
    average_factors,
    fit_and_project,
    module_factors,
    refit,
)

FORMAT_VERSION = 1
TASK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ShareError(Exception):
    """Bad input to Share; the message names the file or task and the mismatch."""


@dataclass
class LoraAdapter:
    """A LoRA adapter in memory, in PEFT's layout and dtype (lora_A: r x in, lora_B: out x r).

    Each module's scaling is kept apart rather than multiplied in, so loading 50 adapters
    costs no copies; `factors` folds it in, in float32, when the math needs it."""

    lora_A: dict[str, Tensor]
    lora_B: dict[str, Tensor]
    scaling: dict[str, float]
    base_model: str | None
    r: int
    lora_alpha: float
    source: str  # where it came from, for error messages

    @property
    def dtype(self) -> torch.dtype:
        return next(iter(self.lora_A.values())).dtype

    def shapes(self) -> dict[str, tuple[int, int]]:
        """(out_features, in_features) per module."""
        return {m: (self.lora_B[m].shape[0], self.lora_A[m].shape[1]) for m in self.lora_A}

    def factors(self, module: str) -> Factors:
        """(scaling * B, A.T) in float32, so that delta W = B @ A.T."""
        return self.lora_B[module].float() * self.scaling[module], self.lora_A[module].float().T


@dataclass(frozen=True)
class TaskCoefficients:
    """One task's coefficient pairs per module, and the r/alpha of the adapter it came from."""

    coefficients: dict[str, tuple[Tensor, Tensor]]  # module -> (eps_B: k_B x r, eps_A: k_A x r)
    r: int
    lora_alpha: float


@dataclass(frozen=True)
class Share:
    base_model: str | None
    target_modules: list[str]
    dtype: torch.dtype
    rule: KRule
    center: bool
    bases: dict[str, ModuleBasis]
    tasks: dict[str, TaskCoefficients]  # insertion order is task order

    # ---- the algorithm -------------------------------------------------------------

    @classmethod
    def consolidate(cls, adapters: dict[str, LoraAdapter], rule: KRule = KRule(), center: bool = False) -> "Share":
        """Phase 1: fold N >= 1 adapters into one basis per module side plus coefficients."""
        if not adapters:
            raise ShareError("consolidate needs at least one adapter")
        for name in adapters:
            check_task_name(name)
        first = next(iter(adapters.values()))
        for adapter in adapters.values():
            check_adapter(adapter, first.base_model, first.shapes(), first.source)
        dtype = first.dtype
        for adapter in adapters.values():
            dtype = torch.promote_types(dtype, adapter.dtype)

        bases, coefficients = {}, {name: {} for name in adapters}
        for module in sorted(first.shapes()):
            factors = [adapter.factors(module) for adapter in adapters.values()]
            side_B, eps_B = fit_and_project([B for B, _ in factors], rule, center)
            side_A, eps_A = fit_and_project([A for _, A in factors], rule, center)
            bases[module] = ModuleBasis(_cast(side_B, dtype), _cast(side_A, dtype))
            for name, e_B, e_A in zip(adapters, eps_B, eps_A):
                coefficients[name][module] = (e_B.to(dtype), e_A.to(dtype))
        tasks = {name: TaskCoefficients(coefficients[name], a.r, a.lora_alpha) for name, a in adapters.items()}
        return cls(first.base_model, _target_names(bases), dtype, rule, center, bases, tasks)

    def add(self, name: str, adapter: LoraAdapter, rule: KRule | None = None) -> "Share":
        """Phase 3: merge a new task (a finished LoRA or phase-2 factors) without old data.

        Every known task is reconstructed from the current basis, stacked with the new
        factors, the basis re-fitted and every task re-projected. Returns a new Share."""
        check_task_name(name)
        if name in self.tasks:
            raise ShareError(f"task {name!r} already exists in this Share (tasks: {', '.join(self.tasks)})")
        check_adapter(adapter, self.base_model, self.shapes(), "the Share")
        rule = rule or self.rule
        bases, coefficients = {}, {t: {} for t in [*self.tasks, name]}
        for module, basis in self.bases.items():
            known = [task.coefficients[module] for task in self.tasks.values()]
            B_new, A_new = adapter.factors(module)
            side_B, eps_B = refit(basis.B, [e for e, _ in known], [B_new], rule, self.center)
            side_A, eps_A = refit(basis.A, [e for _, e in known], [A_new], rule, self.center)
            bases[module] = ModuleBasis(_cast(side_B, self.dtype), _cast(side_A, self.dtype))
            for t, e_B, e_A in zip(coefficients, eps_B, eps_A):
                coefficients[t][module] = (e_B.to(self.dtype), e_A.to(self.dtype))
        tasks = {t: TaskCoefficients(coefficients[t], info.r, info.lora_alpha) for t, info in self.tasks.items()}
        tasks[name] = TaskCoefficients(coefficients[name], adapter.r, adapter.lora_alpha)
        return replace(self, rule=rule, bases=bases, tasks=tasks)

    def factors(self, task: str | None) -> dict[str, Factors]:
        """Per-module (B, A) in float32 for `task`; None is the average of all tasks' delta W
        (see basis.average_factors)."""
        if task is None:
            return {m: average_factors(b, [t.coefficients[m] for t in self.tasks.values()]) for m, b in self.bases.items()}
        coefficients = self.task(task).coefficients
        return {m: module_factors(b, *coefficients[m]) for m, b in self.bases.items()}

    def adapter(self, task: str | None) -> LoraAdapter:
        """`task` as a plain LoRA adapter in the storage dtype, scaling folded in (scaling 1)."""
        factors = self.factors(task)
        ranks = Counter(B.shape[1] for B, _ in factors.values())
        r = ranks.most_common(1)[0][0]
        return LoraAdapter(
            lora_A={m: A.T.to(self.dtype).contiguous() for m, (_, A) in factors.items()},
            lora_B={m: B.to(self.dtype).contiguous() for m, (B, _) in factors.items()},
            scaling={m: 1.0 for m in factors},
            base_model=self.base_model,
            r=r,
            lora_alpha=r,
            source=f"task {task!r} of the Share" if task else "the average of the Share's tasks",
        )

    def random_control(self, seed: int) -> "Share":
        """The control for phase 2: every basis replaced by a random orthonormal one of the
        same shape, and no task. If the learned basis carries knowledge that transfers, a
        new task's coefficients learn more against it than against this."""
        g = torch.Generator().manual_seed(seed)

        def side(s: SideBasis) -> SideBasis:
            q, _ = torch.linalg.qr(torch.randn(s.basis.shape, generator=g, dtype=torch.float32))
            return SideBasis(q.to(s.basis.dtype), None)

        bases = {m: ModuleBasis(side(b.B), side(b.A)) for m, b in self.bases.items()}
        return replace(self, bases=bases, tasks={}, center=False)

    # ---- inspection ----------------------------------------------------------------

    def task(self, name: str) -> TaskCoefficients:
        if name not in self.tasks:
            raise ShareError(f"unknown task {name!r}; this Share has: {', '.join(self.tasks) or 'no tasks'}")
        return self.tasks[name]

    def shapes(self) -> dict[str, tuple[int, int]]:
        """(out_features, in_features) per module."""
        return {m: (b.B.basis.shape[0], b.A.basis.shape[0]) for m, b in self.bases.items()}

    def summary(self) -> dict:
        """Parameter counts and bytes, against keeping every task as a LoRA adapter at its
        own ranks in the same dtype."""
        element = self.dtype.itemsize
        basis_params = sum(s.basis.numel() + (s.mean.numel() if s.mean is not None else 0) for b in self.bases.values() for s in (b.B, b.A))
        task_params = {n: sum(eB.numel() + eA.numel() for eB, eA in t.coefficients.values()) for n, t in self.tasks.items()}
        shapes = self.shapes()
        lora_params = {n: sum(eB.shape[1] * sum(shapes[m]) for m, (eB, _) in t.coefficients.items()) for n, t in self.tasks.items()}
        share_bytes = (basis_params + sum(task_params.values())) * element
        lora_bytes = sum(lora_params.values()) * element
        return {
            "basis_params": basis_params,
            "task_params": task_params,
            "lora_params": lora_params,
            "share_bytes": share_bytes,
            "lora_bytes": lora_bytes,
            "compression": lora_bytes / share_bytes,
        }

    # ---- storage -------------------------------------------------------------------

    def manifest(self) -> dict:
        return {
            "format_version": FORMAT_VERSION,
            "base_model": self.base_model,
            "target_modules": self.target_modules,
            "dtype": str(self.dtype).removeprefix("torch."),
            "center": self.center,
            "k_rule": self.rule.to_json(),
            "modules": {
                m: {"out_features": b.B.basis.shape[0], "in_features": b.A.basis.shape[0], "k_B": b.B.k, "k_A": b.A.k}
                for m, b in self.bases.items()
            },
            "tasks": [{"name": n, "r": t.r, "lora_alpha": t.lora_alpha} for n, t in self.tasks.items()],
        }

    def save(self, path: str | Path) -> None:
        """Write the whole SHARE_DIR atomically (a failed write leaves the old one intact)."""
        with atomic_path(path) as tmp:
            (tmp / "tasks").mkdir(parents=True)
            basis = {}
            for m, b in self.bases.items():
                for side_name, side in (("B", b.B), ("A", b.A)):
                    basis[f"{m}.{side_name}.basis"] = side.basis.contiguous()
                    if side.mean is not None:
                        basis[f"{m}.{side_name}.mean"] = side.mean.contiguous()
            save_file(basis, tmp / "basis.safetensors")
            for name, task in self.tasks.items():
                tensors = {}
                for m, (e_B, e_A) in task.coefficients.items():
                    tensors[f"{m}.B"], tensors[f"{m}.A"] = e_B.contiguous(), e_A.contiguous()
                save_file(tensors, tmp / "tasks" / f"{name}.safetensors")
            (tmp / "manifest.json").write_text(json.dumps(self.manifest(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "Share":
        path = Path(path)
        manifest_path = path / "manifest.json"
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            version = manifest["format_version"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ShareError(f"{manifest_path}: not a readable Share manifest ({e})") from None
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ShareError(
                f"{manifest_path}: format_version {version!r} is newer than this koanshare reads "
                f"({FORMAT_VERSION}); upgrade koanshare"
            )
        try:
            dtype = getattr(torch, manifest["dtype"])
            center = manifest["center"]
            modules = manifest["modules"]
            task_list = manifest["tasks"]
            rule = KRule.from_json(manifest["k_rule"])
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            raise ShareError(f"{manifest_path}: malformed manifest ({e!r})") from None

        basis_path = path / "basis.safetensors"
        stored = read_safetensors(basis_path)
        bases = {}
        for m, info in modules.items():
            sides = {}
            for side, rows, k in (("B", info["out_features"], info["k_B"]), ("A", info["in_features"], info["k_A"])):
                basis = _expect(stored, f"{m}.{side}.basis", (rows, k), dtype, basis_path)
                mean = _expect(stored, f"{m}.{side}.mean", (rows,), dtype, basis_path) if center else None
                sides[side] = SideBasis(basis, mean)
            bases[m] = ModuleBasis(sides["B"], sides["A"])

        tasks = {}
        for entry in task_list:
            name = entry["name"]
            check_task_name(name)
            task_path = path / "tasks" / f"{name}.safetensors"
            stored = read_safetensors(task_path)
            coefficients = {}
            for m, info in modules.items():
                e_B = stored.get(f"{m}.B")
                rank = e_B.shape[-1] if e_B is not None and e_B.dim() == 2 else -1
                coefficients[m] = (
                    _expect(stored, f"{m}.B", (info["k_B"], rank), dtype, task_path),
                    _expect(stored, f"{m}.A", (info["k_A"], rank), dtype, task_path),
                )
            tasks[name] = TaskCoefficients(coefficients, entry["r"], entry["lora_alpha"])
        return cls(manifest["base_model"], manifest["target_modules"], dtype, rule, center, bases, tasks)


# ---- validation -------------------------------------------------------------------------


def check_task_name(name: str) -> None:
    if not isinstance(name, str) or not TASK_NAME.match(name):
        raise ShareError(f"task name {name!r} is not usable as a file name (letters, digits, '_', '.', '-')")


def check_adapter(adapter: LoraAdapter, base_model: str | None, shapes: dict[str, tuple[int, int]], reference: str) -> None:
    """Same base model, same target modules, same (out, in) per module as `reference`."""
    if adapter.base_model != base_model:
        raise ShareError(f"{adapter.source}: base model {adapter.base_model!r} differs from {base_model!r} of {reference}")
    ours = adapter.shapes()
    missing, extra = sorted(set(shapes) - set(ours)), sorted(set(ours) - set(shapes))
    if missing or extra:
        raise ShareError(
            f"{adapter.source}: target modules differ from {reference}: "
            f"missing {_few(missing)}, not in {reference}: {_few(extra)}"
        )
    for m, shape in shapes.items():
        if ours[m] != shape:
            raise ShareError(f"{adapter.source}: module {m} is {ours[m]} (out, in) but {shape} in {reference}")


def read_safetensors(path: Path) -> dict[str, Tensor]:
    try:
        return load_file(path)
    except (SafetensorError, OSError, ValueError, RuntimeError) as e:
        raise ShareError(f"{path}: missing, truncated or corrupt safetensors file ({e})") from None


def _expect(tensors: dict[str, Tensor], key: str, shape: tuple, dtype: torch.dtype, path: Path) -> Tensor:
    tensor = tensors.get(key)
    if tensor is None or tuple(tensor.shape) != shape or tensor.dtype != dtype:
        found = "missing" if tensor is None else f"{tuple(tensor.shape)} {tensor.dtype}"
        raise ShareError(f"{path}: tensor {key} should be {shape} {dtype} per the manifest, found {found}")
    return tensor


def _few(names: list[str]) -> str:
    return "none" if not names else ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _cast(side: SideBasis, dtype: torch.dtype) -> SideBasis:
    return SideBasis(side.basis.to(dtype), side.mean.to(dtype) if side.mean is not None else None)


def _target_names(bases: dict[str, ModuleBasis]) -> list[str]:
    """PEFT-style target_modules: the distinct last path components."""
    return sorted({m.rsplit(".", 1)[-1] for m in bases})
