"""Share's math on in-memory adapters: bases, k selection, reconstruction, merge, average."""

import itertools

import pytest
import torch
from test_subspace_fixtures import delta, random_adapter, relative_error

from share.subspace import KRule, Share
from share.subspace.basis import select_k

FULL = KRule(variance=1.0)


def three_adapters():
    """Ranks 4, 6 and 2, one with scaling 2: ranks and alphas may differ."""
    return {"a": random_adapter(0, r=4), "b": random_adapter(1, r=6, scale=2.0), "c": random_adapter(2, r=2)}


def projector(U):
    U = U.float()
    return U @ U.T


def test_bases_are_orthonormal():
    share = Share.consolidate(three_adapters())
    for module in share.bases.values():
        for side in (module.B, module.A):
            gram = side.basis.T @ side.basis
            assert (gram - torch.eye(side.k)).abs().max() < 1e-5


def test_select_k_is_the_smallest_k_reaching_the_variance():
    sigma = torch.tensor([3.0, 2.0, 1.0, 0.5])  # sigma^2 shares: 0.632, 0.912, 0.982, 1
    shape = (10, 4)
    assert [select_k(sigma, shape, KRule(variance=v)) for v in (0.6, 0.7, 0.95, 1.0)] == [1, 2, 3, 4]
    assert select_k(sigma, shape, KRule(k=2)) == 2
    assert select_k(sigma, shape, KRule(k=9)) == 4  # no more vectors than the SVD has
    assert select_k(torch.tensor([1.0, 1e-9]), shape, FULL) == 1  # never beyond the numerical rank


@pytest.mark.parametrize("center", [False, True])
def test_full_variance_reconstructs_every_task_exactly(center):
    adapters = three_adapters()
    share = Share.consolidate(adapters, FULL, center=center)
    for name, adapter in adapters.items():
        for module, (B, A) in share.factors(name).items():
            assert relative_error(B @ A.T, delta(adapter, module)) < 1e-5
    for module, basis in share.bases.items():
        stack = torch.cat([a.factors(module)[0] for a in adapters.values()], dim=1)
        if center:
            stack = stack - stack.mean(dim=1, keepdim=True)
            assert basis.B.mean is not None
        assert basis.B.k == torch.linalg.matrix_rank(stack)  # k is the rank of the stack


def test_reconstruction_error_never_grows_with_k():
    adapters = three_adapters()
    errors = []  # per k: one error per (task, module)
    for k in range(1, 13):
        share = Share.consolidate(adapters, KRule(k=k))
        errors.append([
            relative_error(B @ A.T, delta(adapter, module))
            for name, adapter in adapters.items()
            for module, (B, A) in share.factors(name).items()
        ])
    for smaller_k, larger_k in itertools.pairwise(errors):
        assert all(after <= before + 1e-6 for before, after in zip(smaller_k, larger_k))
    assert max(errors[0]) > 0.5 and max(errors[-1]) < 1e-5


@pytest.mark.parametrize("center", [False, True])
def test_average_is_the_mean_of_the_tasks_updates(center):
    share = Share.consolidate(three_adapters(), KRule(variance=0.6), center=center)
    average = share.factors(None)
    for module, (B, A) in average.items():
        expected = sum(Bt @ At.T for Bt, At in (share.factors(t)[module] for t in share.tasks)) / len(share.tasks)
        assert relative_error(B @ A.T, expected) < 1e-5


def test_merge_changes_an_old_task_by_exactly_its_projection_error():
    share = Share.consolidate(three_adapters(), KRule(variance=0.6))
    merged = share.add("new", random_adapter(10, r=4))
    for name in share.tasks:
        before, after = share.factors(name), merged.factors(name)
        for module, (B, A) in before.items():
            old = B @ A.T
            basis = merged.bases[module]
            projected = projector(basis.B.basis) @ old @ projector(basis.A.basis)
            bound = (old - projected).norm()
            change = (old - after[module][0] @ after[module][1].T).norm()
            assert change <= bound + 1e-5 * old.norm()
            assert abs(change - bound) <= 1e-4 * old.norm()


def test_merge_is_exact_when_the_new_basis_spans_the_old():
    adapters = three_adapters()
    share = Share.consolidate(adapters, FULL)
    new = random_adapter(10, r=4)
    merged = share.add("new", new)
    for name, adapter in {**adapters, "new": new}.items():
        for module, (B, A) in merged.factors(name).items():
            assert relative_error(B @ A.T, delta(adapter, module)) < 1e-5


def test_merge_equals_refitting_the_explicit_stack_of_reconstructions():
    """The small-core SVD of the merge gives the basis a full SVD of the stack would."""
    share = Share.consolidate(three_adapters(), KRule(k=5), center=True)
    new = random_adapter(10, r=4)
    merged = share.add("new", new)
    explicit = Share.consolidate({**{t: share.adapter(t) for t in share.tasks}, "new": new}, KRule(k=5), center=True)
    for module, basis in merged.bases.items():
        for ours, theirs in ((basis.B, explicit.bases[module].B), (basis.A, explicit.bases[module].A)):
            assert ours.k == theirs.k
            assert (projector(ours.basis) - projector(theirs.basis)).abs().max() < 1e-4
            assert (ours.mean - theirs.mean).abs().max() < 1e-5


def test_ten_step_continual_run_keeps_every_task():
    """Adapters arrive one by one; 10 x r=4 columns overflow k_proj's 32 output dims."""
    adapters = {f"t{i}": random_adapter(i, r=4) for i in range(10)}
    share = Share.consolidate({"t0": adapters["t0"]}, FULL)
    for name in list(adapters)[1:]:
        share = share.add(name, adapters[name])
    assert list(share.tasks) == list(adapters)
    for name, adapter in adapters.items():
        for module, (B, A) in share.factors(name).items():
            assert relative_error(B @ A.T, delta(adapter, module)) < 1e-5


def test_merges_under_a_variance_rule_never_shrink_k():
    """Re-applying 60% to reconstructions (which hold only the kept energy) would shrink k
    at every merge; instead k holds (and grows only when the stack needs more, as at 100%)."""
    share = Share.consolidate(three_adapters(), KRule(variance=0.6))
    first = {m: (b.B.k, b.A.k) for m, b in share.bases.items()}
    for i in range(4):
        share = share.add(f"new{i}", random_adapter(10 + i, r=4))
    assert {m: (b.B.k, b.A.k) for m, b in share.bases.items()} == first
    assert all(b.B.k == b.A.k == 3 for b in share.add("fixed", random_adapter(20), KRule(k=3)).bases.values())
