"""The one training loop in its three uses (pre-training, LoRA, Share coefficients):
loss goes down, runs are reproducible, outputs are atomic, bad inputs fail first."""

import json
import os
import subprocess
import sys

import pytest
from peft import PeftModel

from share.model.modeling import ModelError, load_model
from share.model.train import LoraParams, TrainConfig, lr_at, pretrain, train_coefficients, train_lora
import share.model.train as train_mod
from share.subspace import KRule, Share, read_adapter
from test_prompt import SHORT, make_koans, tiny_model, tiny_tokenizer

FAST = dict(batch_size=8, lr=1e-2, warmup_steps=2, progress=False, threads=1)


@pytest.fixture(scope="module")
def koans():
    return make_koans(48)


@pytest.fixture(scope="module")
def tok(koans):
    return tiny_tokenizer(koans)


@pytest.fixture(scope="module")
def base_dir(tok, koans, tmp_path_factory):
    """A tiny model pre-trained for a few steps, saved like models/base/."""
    model = tiny_model(tok)
    pretrain(model, tok, koans, TrainConfig(steps=15, **FAST), SHORT)
    path = tmp_path_factory.mktemp("models") / "base"
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return path


def test_pretraining_lowers_the_loss_and_is_deterministic(tok, koans):
    runs = []
    for _ in range(2):
        model = tiny_model(tok)
        stats = pretrain(model, tok, koans, TrainConfig(steps=25, **FAST), SHORT, eval_koans=koans[:8])
        runs.append(stats.losses)
    assert runs[0] == runs[1]
    assert sum(runs[0][-5:]) / 5 < 0.6 * sum(runs[0][:3]) / 3
    assert stats.eval_loss is not None and stats.trainable_params == stats.total_params


def test_a_cpu_trains_with_eager_attention_and_gets_its_own_back(tok, koans, monkeypatch):
    model = tiny_model(tok)
    model.set_attn_implementation("sdpa")
    seen = []
    step = train_mod._step
    monkeypatch.setattr(train_mod, "_step", lambda net, *a: seen.append(net.config._attn_implementation) or step(net, *a))
    pretrain(model, tok, koans, TrainConfig(steps=2, **FAST), SHORT)
    assert seen == ["eager", "eager"] and model.config._attn_implementation == "sdpa"


def test_schedule_warms_up_then_decays_to_the_floor():
    cfg = TrainConfig(steps=100, lr=1e-3, warmup_steps=10, min_lr_ratio=0.1)
    assert lr_at(0, cfg) == pytest.approx(1e-4)
    assert lr_at(9, cfg) == pytest.approx(1e-3)
    assert lr_at(99, cfg) == pytest.approx(1e-4)
    assert all(lr_at(s, cfg) >= lr_at(s + 1, cfg) for s in range(10, 99))


def test_params_out_of_range_are_errors():
    with pytest.raises(ValueError, match="lr"):
        TrainConfig(lr=0)
    with pytest.raises(ValueError, match="warmup_steps"):
        TrainConfig(steps=10, warmup_steps=20)
    with pytest.raises(ValueError, match="LoRA params"):
        LoraParams(r=0)


def test_lora_trains_and_saves_a_standard_peft_adapter(base_dir, koans, tmp_path):
    out, live = tmp_path / "lora", tmp_path / "live"
    stats = train_lora(base_dir, koans, out, LoraParams(r=4, alpha=8, target_modules=("q_proj", "v_proj")),
                       TrainConfig(**{**FAST, "steps": 12, "lr": 3e-2}), SHORT, live_dir=live)
    assert sum(stats.losses[-4:]) < sum(stats.losses[:4])
    assert 0 < stats.trainable_params < stats.total_params / 10
    config = json.loads((out / "adapter_config.json").read_text())
    assert config["r"] == 4 and config["peft_type"] == "LORA"
    model, _ = load_model(base_dir)
    assert isinstance(PeftModel.from_pretrained(model, str(out)), PeftModel)
    logged = (live / "plots" / "metrics" / "train" / "loss.tsv").read_text().splitlines()
    assert len(logged) == 1 + 12  # header + one row per step


def test_bad_inputs_fail_before_training_and_write_nothing(base_dir, koans, tmp_path):
    out = tmp_path / "lora"
    with pytest.raises(ModelError, match="not linear layers"):
        train_lora(base_dir, koans, out, LoraParams(target_modules=("query",)), TrainConfig(steps=2, **FAST), SHORT)
    with pytest.raises(ModelError, match="does not exist"):
        train_lora(tmp_path / "missing", koans, out, LoraParams(), TrainConfig(steps=2, **FAST), SHORT)
    assert list(tmp_path.iterdir()) == []


def test_a_run_killed_midway_leaves_no_output(base_dir, koans, tmp_path, monkeypatch):
    real, calls = train_mod.answer_loss, []

    def dies_at_step_3(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(train_mod, "answer_loss", dies_at_step_3)
    with pytest.raises(KeyboardInterrupt):
        train_lora(base_dir, koans, tmp_path / "lora", LoraParams(r=2), TrainConfig(steps=5, **FAST), SHORT,
                   live_dir=tmp_path / "live")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def share_dir(base_dir, koans, tmp_path_factory):
    """A Share consolidated from two tiny task LoRAs."""
    root = tmp_path_factory.mktemp("share")
    lora = LoraParams(r=4, alpha=8, target_modules=("q_proj", "v_proj"))
    for seed in (1, 2):
        train_lora(base_dir, koans, root / f"task{seed}", lora, TrainConfig(steps=6, seed=seed, **FAST), SHORT)
    share = Share.consolidate({f"task{s}": read_adapter(root / f"task{s}") for s in (1, 2)}, KRule(k=3))
    share.save(root / "share")
    return root / "share"


def test_coefficient_training_trains_only_coefficients_and_keeps_the_basis(base_dir, share_dir, koans, tmp_path):
    before = {f: f.read_bytes() for f in share_dir.rglob("*") if f.is_file()}
    cfg = TrainConfig(**{**FAST, "steps": 24, "lr": 5e-2})
    stats = train_coefficients(base_dir, share_dir, koans, tmp_path / "pending", cfg, SHORT, p=1, phi=1)
    assert sum(stats.losses[-4:]) < sum(stats.losses[:4])
    lora_stats = train_lora(base_dir, koans, tmp_path / "lora", LoraParams(r=4, target_modules=("q_proj", "v_proj")),
                            TrainConfig(steps=2, **FAST), SHORT)
    assert stats.trainable_params < lora_stats.trainable_params
    assert {f: f.read_bytes() for f in share_dir.rglob("*") if f.is_file()} == before
    assert read_adapter(tmp_path / "pending").r == 1


def test_a_changed_basis_is_detected_and_nothing_is_written(base_dir, share_dir, koans, tmp_path, monkeypatch):
    real = train_mod.train

    def corrupting_train(model, *args, **kwargs):
        stats = real(model, *args, **kwargs)
        next(m for m in model.modules() if hasattr(m, "basis_B")).basis_B.add_(1.0)
        return stats

    monkeypatch.setattr(train_mod, "train", corrupting_train)
    with pytest.raises(RuntimeError, match="basis"):
        train_coefficients(base_dir, share_dir, koans, tmp_path / "pending", TrainConfig(steps=2, **FAST), SHORT)
    assert not (tmp_path / "pending").exists()



def test_a_saved_adapter_config_is_the_same_bytes_in_every_process(tmp_path):
    """PEFT writes target_modules in the string-hash order of the process; stable_config sorts them."""
    code = ("import sys; from peft import LoraConfig; from share.subspace.peft_io import stable_config; "
            "LoraConfig(r=2, target_modules=['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'])"
            ".save_pretrained(sys.argv[1]); stable_config(sys.argv[1])")
    for seed in ("1", "2", "3"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], env={**os.environ, "PYTHONHASHSEED": seed},
                       check=True, capture_output=True)
    assert len({(tmp_path / s / "adapter_config.json").read_bytes() for s in ("1", "2", "3")}) == 1
