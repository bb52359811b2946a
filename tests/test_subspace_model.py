"""Share on a real (tiny, GQA) transformers model: PEFT import/export, serving, phase 2."""

import pytest
import torch
from peft import PeftModel
from test_subspace_fixtures import make_adapter_dir, tiny_model

from share.subspace import (
    KRule,
    Share,
    ShareError,
    ShareLinear,
    attach_trainable,
    fold,
    inject,
    read_adapter,
    remove,
    set_task,
    share_layers,
    trained_adapter,
    write_adapter,
)

TOKENS = torch.tensor([[5, 17, 99, 3, 64, 21, 8, 120, 45, 7, 33, 2]])
FULL = KRule(variance=1.0)


@pytest.fixture(scope="module")
def adapter_dirs(tmp_path_factory):
    """Three adapters with different ranks and scalings: plain, rsLoRA, and rank and alpha patterns."""
    root = tmp_path_factory.mktemp("adapters")
    return {
        "alpha": make_adapter_dir(root / "alpha", seed=1, r=8, alpha=16),
        "beta": make_adapter_dir(root / "beta", seed=2, r=4, alpha=8, use_rslora=True),
        "gamma": make_adapter_dir(root / "gamma", seed=3, r=8, alpha=32, alpha_pattern={"q_proj": 4}, rank_pattern={"k_proj": 2}),
    }


@pytest.fixture(scope="module")
def adapters(adapter_dirs):
    return {name: read_adapter(d) for name, d in adapter_dirs.items()}


@torch.no_grad()
def logits(model):
    return model(TOKENS).logits


def peft_logits(adapter_dir):
    return logits(PeftModel.from_pretrained(tiny_model(), adapter_dir))


def test_read_adapter_folds_peft_scaling(adapter_dirs, adapters):
    for name, directory in adapter_dirs.items():
        peft_model = PeftModel.from_pretrained(tiny_model(), directory)
        for module in adapters[name].lora_A:
            B, A = adapters[name].factors(module)
            expected = peft_model.base_model.model.get_submodule(module).get_delta_weight("default")
            assert torch.allclose(B @ A.T, expected, atol=1e-6), (name, module)


def test_injected_task_matches_its_exported_peft_adapter(adapters, tmp_path):
    share = Share.consolidate(adapters, KRule(variance=0.6))
    model = tiny_model()
    inject(model, share)
    for task in share.tasks:
        set_task(model, task)
        write_adapter(share.adapter(task), tmp_path / task)
        assert (logits(model) - peft_logits(tmp_path / task)).abs().max() < 1e-4


def test_export_at_full_k_matches_the_original_adapter(adapter_dirs, adapters, tmp_path):
    share = Share.consolidate(adapters, FULL)
    for task, directory in adapter_dirs.items():
        write_adapter(share.adapter(task), tmp_path / task)
        assert (peft_logits(tmp_path / task) - peft_logits(directory)).abs().max() < 1e-4


def test_average_serves_the_mean_update(adapters):
    share = Share.consolidate(adapters, KRule(variance=0.6))
    model, merged = tiny_model(), tiny_model()
    with torch.no_grad():
        for module in share.bases:
            updates = [B @ A.T for B, A in (share.factors(t)[module] for t in share.tasks)]
            merged.get_submodule(module).weight += sum(updates) / len(updates)
    inject(model, share)
    set_task(model, None)
    assert (logits(model) - logits(merged)).abs().max() < 1e-4


def test_no_task_is_the_base_model_and_remove_restores_it(adapters):
    share = Share.consolidate(adapters)
    model = tiny_model()
    reference = logits(model)
    originals = {m: model.get_submodule(m) for m in share.bases}
    layers = inject(model, share)
    assert set(layers) == set(share.bases) and all(isinstance(l, ShareLinear) for l in layers.values())
    assert torch.equal(logits(model), reference)
    set_task(model, "alpha")
    assert not torch.equal(logits(model), reference)
    remove(model)
    assert share_layers(model) == {} and all(model.get_submodule(m) is originals[m] for m in share.bases)
    assert torch.equal(logits(model), reference)


@pytest.mark.parametrize("task", ["beta", None])
def test_fold_serves_the_same_function_with_plain_linear_layers(adapters, task):
    share = Share.consolidate(adapters, KRule(variance=0.6))
    model = tiny_model()
    inject(model, share)
    set_task(model, task)
    served = logits(model)
    fold(model)
    assert share_layers(model) == {}
    assert (logits(model) - served).abs().max() < 1e-5
    assert not torch.equal(logits(model), logits(tiny_model()))


def test_unknown_task_names_the_task(adapters):
    model = tiny_model()
    inject(model, Share.consolidate(adapters))
    with pytest.raises(ShareError, match="unknown task 'nope'.*alpha, beta, gamma"):
        set_task(model, "nope")


def loss_and_grads(model, params):
    for p in params:
        p.grad = None
    loss = model(TOKENS, labels=TOKENS).loss
    loss.backward()
    return loss.item(), [p.grad for p in params]


def test_zero_init_is_a_saddle_and_ours_is_not(adapters):
    share = Share.consolidate(adapters)
    model = tiny_model()
    reference = logits(model)
    params = attach_trainable(model, share, p=1, phi=2)
    assert torch.equal(logits(model), reference)  # B starts at zero: the model is unchanged
    _, grads = loss_and_grads(model, params)
    assert sum(g.abs().sum() for g in grads) > 0
    with torch.no_grad():
        for p in params:
            p.zero_()
    _, grads = loss_and_grads(model, params)
    assert all(torch.count_nonzero(g) == 0 for g in grads)


def test_temporary_vectors_start_orthogonal_to_the_basis_and_phi_is_clamped(adapters):
    share = Share.consolidate(adapters, KRule(k=8))
    model = tiny_model()
    attach_trainable(model, share, p=2, phi=5)  # k = 8 allows phi <= k/4 = 2
    for layer in share_layers(model).values():
        for basis, temp in ((layer.basis_B, layer.trainable.temp_B), (layer.basis_A, layer.trainable.temp_A)):
            assert temp.shape[1] == 2
            assert (basis.T @ temp).abs().max() < 1e-5
            assert (temp.T @ temp - torch.eye(2)).abs().max() < 1e-5
        assert layer.trainable.eps_B.shape == (8, 2)
    with pytest.raises(ValueError):
        attach_trainable(model, share, p=1, phi=-1)


def test_phi_zero_trains_the_coefficients_alone(adapters):
    share = Share.consolidate(adapters, KRule(k=8))
    model = tiny_model()
    params = attach_trainable(model, share, p=1, phi=0)
    layers = share_layers(model).values()
    assert sum(p.numel() for p in params) == 2 * 8 * len(layers)  # eps_B and eps_A, k x p each
    _, grads = loss_and_grads(model, params)
    assert any(torch.count_nonzero(g) for g in grads)  # B starts at zero, A does not: training starts


def test_phase2_trains_only_the_new_task_and_survives_the_merge(adapters):
    share = Share.consolidate(adapters, FULL)
    model = tiny_model()
    frozen = {name: t.clone() for name, t in model.state_dict().items()}
    params = attach_trainable(model, share, p=1, phi=2)
    bases = {path: (l.basis_B.clone(), l.basis_A.clone()) for path, l in share_layers(model).items()}
    trainable_ids = {id(p) for p in params}
    assert all(not p.requires_grad for p in model.parameters() if id(p) not in trainable_ids)

    optimizer = torch.optim.Adam(params, lr=0.05)
    losses = []
    for _ in range(15):
        loss, _ = loss_and_grads(model, params)
        optimizer.step()
        losses.append(loss)
    assert losses[-1] < 0.92 * losses[0], losses  # from ln(vocab): a random tiny model learns slowly
    assert all(p.grad is None for p in model.parameters() if id(p) not in trainable_ids)
    for name, tensor in model.state_dict().items():  # base weights, bit for bit
        if ".trainable." not in name:
            assert torch.equal(tensor, frozen[name.replace(".base_layer", "")]), name
    for path, layer in share_layers(model).items():
        assert torch.equal(layer.basis_B, bases[path][0]) and torch.equal(layer.basis_A, bases[path][1])

    trained = logits(model)
    merged = share.add("new", trained_adapter(model, share))
    served = tiny_model()
    inject(served, merged)
    set_task(served, "new")
    assert (logits(served) - trained).abs().max() < 1e-4
    assert merged.task("new").coefficients[next(iter(merged.bases))][0].shape[1] == 1  # k x p with p = 1


def test_bf16_model_serves_and_trains_with_a_float32_update(adapters):
    """The GPU profile runs bf16 models: the update runs in float32 and is cast back."""
    share = Share.consolidate(adapters)
    model = tiny_model()
    inject(model, share)
    set_task(model, "beta")
    reference = logits(model)
    model.to(torch.bfloat16)
    inject(model, share)
    set_task(model, "beta")
    assert share_layers(model)["model.layers.0.self_attn.q_proj"].active_B.dtype == torch.float32
    assert (logits(model).float() - reference).abs().max() < 0.1 * reference.abs().max()
    params = attach_trainable(model, share)
    _, grads = loss_and_grads(model, params)
    assert all(p.dtype == torch.float32 for p in params) and sum(g.abs().sum() for g in grads) > 0
