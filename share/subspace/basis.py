"""Share's tensor math: principal bases, projection, reconstruction and the phase-3 merge.

Conventions (one target module, one "side"):
  - a task's update is delta W = B @ A.T with B: out x r and A: in x r (A is PEFT's
    lora_A transposed, so both sides are "feature dimension x rank");
  - a side's basis U is d x k with orthonormal columns, plus an optional mean vector mu
    (mean-centering); a task's coefficients on that side are eps = U.T (X - mu): k x r;
  - reconstruction is X = U eps + mu (mu broadcast over the r columns).

Everything here is pure: tensors in, tensors out, float32 math whatever the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

Factors = tuple[Tensor, Tensor]  # (B: out x r, A: in x r), delta W = B @ A.T


@dataclass(frozen=True)
class KRule:
    """How many basis vectors to keep: a fixed `k`, else the smallest k whose
    cumulative share of sigma^2 reaches `variance` (the paper uses 0.6)."""

    k: int | None = None
    variance: float = 0.6

    def __post_init__(self):
        if self.k is not None and self.k < 1:
            raise ValueError(f"k must be >= 1, got {self.k}")
        if not 0.0 < self.variance <= 1.0:
            raise ValueError(f"variance must be in (0, 1], got {self.variance}")

    def to_json(self) -> dict:
        return {"k": self.k} if self.k is not None else {"variance": self.variance}

    @classmethod
    def from_json(cls, obj: dict) -> "KRule":
        return cls(k=obj["k"]) if obj.get("k") is not None else cls(variance=obj["variance"])


@dataclass(frozen=True)
class SideBasis:
    """Orthonormal basis (d x k) of one side of one module, and its mean (d) if centered."""

    basis: Tensor
    mean: Tensor | None = None

    @property
    def k(self) -> int:
        return self.basis.shape[1]


@dataclass(frozen=True)
class ModuleBasis:
    B: SideBasis
    A: SideBasis


def numerical_rank(sigma: Tensor, shape: tuple[int, int]) -> int:
    """Singular values above the float32 noise floor (the rule of numpy's matrix_rank)."""
    if sigma.numel() == 0 or sigma[0] == 0:
        return 0
    tol = sigma[0] * max(shape) * torch.finfo(torch.float32).eps
    return int((sigma > tol).sum())


def select_k(sigma: Tensor, shape: tuple[int, int], rule: KRule) -> int:
    """k for one stack: fixed (capped at what the SVD offers) or by explained variance.

    With variance 1.0 this is the numerical rank of the stack, so reconstruction is exact;
    it is never more than the rank, so no noise directions enter the basis."""
    if rule.k is not None:
        return min(rule.k, sigma.numel())
    energy = torch.cumsum(sigma.double() ** 2, dim=0)
    if energy[-1] == 0:
        return 1
    share = energy / energy[-1]  # last entry is exactly 1.0
    k = int(torch.searchsorted(share, torch.tensor([rule.variance], dtype=share.dtype))) + 1
    return max(1, min(k, numerical_rank(sigma, shape)))


def fit_side(stack: Tensor, rule: KRule, center: bool, min_k: int = 1) -> SideBasis:
    """Principal basis of a d x R stack of factor columns, by SVD in float32, with at
    least `min_k` vectors (as many as the SVD has).

    Column signs are fixed (largest entry positive) so the basis does not depend on the
    LAPACK build."""
    stack = stack.float()
    mean = stack.mean(dim=1) if center else None
    centered = stack - mean[:, None] if center else stack
    U, sigma, _ = torch.linalg.svd(centered, full_matrices=False)
    U = U[:, : max(select_k(sigma, tuple(centered.shape), rule), min_k)]
    signs = torch.sign(U.gather(0, U.abs().argmax(dim=0, keepdim=True)))
    signs[signs == 0] = 1
    return SideBasis(U * signs, mean)


def project(side: SideBasis, X: Tensor) -> Tensor:
    """Coefficients of the columns of X (d x r): the basis is orthonormal, so U.T (X - mu)."""
    X = X.float()
    if side.mean is not None:
        X = X - side.mean.float()[:, None]
    return side.basis.float().T @ X


def reconstruct(side: SideBasis, coefficients: Tensor) -> Tensor:
    """Factor columns (d x r) back from coefficients (k x r)."""
    X = side.basis.float() @ coefficients.float()
    if side.mean is not None:
        X = X + side.mean.float()[:, None]
    return X


def fit_and_project(columns: list[Tensor], rule: KRule, center: bool, min_k: int = 1) -> tuple[SideBasis, list[Tensor]]:
    """Fit one side's basis to the tasks' factor columns and project every task onto it."""
    stack = torch.cat([c.float() for c in columns], dim=1)
    side = fit_side(stack, rule, center, min_k)
    coefficients = project(side, stack)
    return side, list(coefficients.split([c.shape[1] for c in columns], dim=1))


def refit(side: SideBasis, known: list[Tensor], new: list[Tensor], rule: KRule, center: bool) -> tuple[SideBasis, list[Tensor]]:
    """Phase 3 for one side: reconstruct the known tasks, stack the new factors, re-fit, re-project.

    All columns lie in span(U, mu, new columns). In an orthonormal frame W of that span
    the stack is held exactly by its small core W.T @ stack, and the known tasks are
    reconstructed there directly (with W.T U and W.T mu), so the SVD and every per-task
    step cost nothing in d: the result is the SVD of the full stack, at a cost linear in
    the number of past tasks.

    Under a variance rule k never shrinks: the reconstructions already lack the energy
    the threshold was first measured against, so re-applying it would drop directions
    at every merge until k collapses. A fixed k is taken as given."""
    new = [n.float() for n in new]
    mean = side.mean.float()[:, None] if side.mean is not None else None
    frame, _ = torch.linalg.qr(torch.cat([side.basis.float(), *new] + ([mean] if mean is not None else []), dim=1))
    side_in_frame = SideBasis(frame.T @ side.basis.float(), (frame.T @ mean)[:, 0] if mean is not None else None)
    columns = [reconstruct(side_in_frame, c) for c in known] + [frame.T @ n for n in new]
    min_k = side.k if rule.k is None else 1
    core_side, coefficients = fit_and_project(columns, rule, center, min_k)
    mean = frame @ core_side.mean if center else None
    return SideBasis(frame @ core_side.basis, mean), coefficients


def module_factors(module: ModuleBasis, eps_B: Tensor, eps_A: Tensor) -> Factors:
    """One task's (B, A) for one module from its coefficient pair."""
    return reconstruct(module.B, eps_B), reconstruct(module.A, eps_A)


def average_factors(module: ModuleBasis, coefficients: list[tuple[Tensor, Tensor]]) -> Factors:
    """The uniform average of the tasks' delta W, as one low-rank (B, A) with no task id.

    Averaging eps_B and eps_A separately is ill-defined: a task's columns are only fixed
    up to an invertible r x r mix (B M, A M^-T give the same delta W) and ranks differ.
    The average of the delta W's is well defined and stays in the shared subspace:
    with U~ = [U | mu] and eps~ = [eps; 1] (the mean row only when centered),
        mean delta W = U~_B C U~_A.T,   C = (1/N) sum_i eps~_B,i eps~_A,i.T   (k_B x k_A),
    returned as B = U~_B C and A = U~_A, rank <= k_A (+1)."""

    def augmented_basis(side: SideBasis) -> Tensor:
        U = side.basis.float()
        return U if side.mean is None else torch.cat([U, side.mean.float()[:, None]], dim=1)

    def augmented_coefficients(side: SideBasis, eps: Tensor) -> Tensor:
        eps = eps.float()
        return eps if side.mean is None else torch.cat([eps, eps.new_ones(1, eps.shape[1])], dim=0)

    core = sum(augmented_coefficients(module.B, e_B) @ augmented_coefficients(module.A, e_A).T for e_B, e_A in coefficients)
    return augmented_basis(module.B) @ (core / len(coefficients)), augmented_basis(module.A)
