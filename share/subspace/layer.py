"""ShareLinear: a frozen nn.Linear plus a Share update, for serving and for phase-2 training."""

from __future__ import annotations

import torch
from torch import Tensor, nn

from share.subspace.basis import Factors, ModuleBasis, SideBasis, average_factors, module_factors


def orthogonal_complement(basis: Tensor, n: int, generator: torch.Generator) -> Tensor:
    """n orthonormal random columns orthogonal to `basis` (d x k, orthonormal).

    Projected out twice: one Gram-Schmidt pass loses orthogonality in float32."""
    G = torch.randn(basis.shape[0], n, generator=generator)
    for _ in range(2):
        G = G - basis @ (basis.T @ G)
    return torch.linalg.qr(G)[0]


def temporary_count(phi: int, side: SideBasis) -> int:
    """phi clamped to 1..k/4 (the paper's phi < k) and to the room left beside the basis;
    phi = 0 trains coefficients only (the cheapest update: no new directions)."""
    d, k = side.basis.shape
    return min(phi, max(1, k // 4), d - k) if phi else 0


class TrainableFactors(nn.Module):
    """Phase 2: a new task's factors against a frozen basis.

        B = U_B eps_B + T_B c_B   (out x p),   A = U_A eps_A + T_A c_A   (in x p)

    Trainable: the coefficients eps (k x p) and, per side, phi temporary vectors T
    (started orthogonal to the basis, so they add directions it lacks) with their
    coefficients c (phi x p); with phi = 0 only the coefficients train. B starts at zero, so the model starts unchanged (as with
    LoRA), and A starts random, so the B side gets gradients at step 0: with both sides
    zero every gradient is zero and training never starts. The frozen basis is not held
    here but passed to forward by the owning layer, so it exists once on the device."""

    def __init__(self, module: ModuleBasis, p: int, phi: int, generator: torch.Generator):
        super().__init__()
        if p < 1 or phi < 0:
            raise ValueError(f"pseudo-rank p must be >= 1 and temporary vectors phi >= 0, got p={p}, phi={phi}")
        U_B, U_A = module.B.basis.float().cpu(), module.A.basis.float().cpu()  # the generator is on the CPU
        phi_B, phi_A = temporary_count(phi, module.B), temporary_count(phi, module.A)
        scale = (U_A.shape[1] + phi_A) ** -0.5  # A's columns start with norm about 1
        self.eps_B = nn.Parameter(torch.zeros(U_B.shape[1], p))
        self.temp_B = nn.Parameter(orthogonal_complement(U_B, phi_B, generator))
        self.coef_temp_B = nn.Parameter(torch.zeros(phi_B, p))
        self.eps_A = nn.Parameter(torch.randn(U_A.shape[1], p, generator=generator) * scale)
        self.temp_A = nn.Parameter(orthogonal_complement(U_A, phi_A, generator))
        self.coef_temp_A = nn.Parameter(torch.randn(phi_A, p, generator=generator) * scale)

    def forward(self, basis_B: Tensor, basis_A: Tensor) -> Factors:
        B = basis_B.float() @ self.eps_B + self.temp_B @ self.coef_temp_B
        A = basis_A.float() @ self.eps_A + self.temp_A @ self.coef_temp_A
        return B, A


class ShareLinear(nn.Module):
    """y = base(x) + (x A) B.T, where (B, A) are the active task's factors.

    The factors are rebuilt from the frozen basis and the task's coefficients at each
    `set_task`, so a forward costs what a LoRA forward costs. With no task set the layer
    is its base layer. While `trainable` is attached (phase 2) only the new task's
    factors apply: a new task is trained against the base model, not on top of another.
    The update runs in float32 (PEFT's default for adapters) and is cast back."""

    def __init__(self, base_layer: nn.Linear, module: ModuleBasis, coefficients: dict[str, tuple[Tensor, Tensor]]):
        super().__init__()
        self.base_layer = base_layer
        device = base_layer.weight.device
        for side_name, side in (("B", module.B), ("A", module.A)):
            self.register_buffer(f"basis_{side_name}", side.basis.float().to(device), persistent=False)
            mean = side.mean.float().to(device) if side.mean is not None else None
            self.register_buffer(f"mean_{side_name}", mean, persistent=False)
        self.coefficients = coefficients
        self.register_buffer("active_B", None, persistent=False)
        self.register_buffer("active_A", None, persistent=False)
        self.trainable: TrainableFactors | None = None

    @property
    def module_basis(self) -> ModuleBasis:
        return ModuleBasis(SideBasis(self.basis_B, self.mean_B), SideBasis(self.basis_A, self.mean_A))

    def set_task(self, name: str | None) -> None:
        """Activate one task's factors, or with None the average of all tasks' delta W."""
        device = self.basis_B.device
        if name is None:
            pairs = [(e_B.to(device), e_A.to(device)) for e_B, e_A in self.coefficients.values()]
            self.active_B, self.active_A = average_factors(self.module_basis, pairs)
        else:
            e_B, e_A = self.coefficients[name]
            self.active_B, self.active_A = module_factors(self.module_basis, e_B.to(device), e_A.to(device))

    def factors(self) -> Factors | None:
        if self.trainable is not None:
            return self.trainable(self.basis_B, self.basis_A)
        if self.active_B is None:
            return None
        return self.active_B, self.active_A

    def forward(self, x: Tensor) -> Tensor:
        y = self.base_layer(x)
        factors = self.factors()
        if factors is None:
            return y
        B, A = factors
        return y + ((x.to(A.dtype) @ A) @ B.T).to(y.dtype)
