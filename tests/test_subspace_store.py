"""Share storage and CLI: bit-exact save/load, atomic writes, and clear errors on bad input."""

import argparse
import dataclasses
import json
from pathlib import Path

import pytest
import torch
from test_subspace_fixtures import BASE_MODEL, delta, make_adapter_dir, module_shapes, random_adapter, relative_error

from share.subspace import KRule, Share, ShareError, read_adapter, write_adapter
from share.subspace.cli import add_commands


def run_cli(*argv) -> int:
    parser = argparse.ArgumentParser(prog="koanshare")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args([str(a) for a in argv])
    return args.func(args)


def files(path) -> dict[str, bytes]:
    """Every file under `path` with its bytes: equal before and after means nothing was written."""
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(Path(path).rglob("*")) if p.is_file()}


def fails(capsys, *argv) -> str:
    """Run the CLI, expect exit code 2, return what it printed to stderr."""
    capsys.readouterr()
    assert run_cli(*argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    return err


def with_dtype(adapter, dtype):
    return dataclasses.replace(
        adapter,
        lora_A={m: t.to(dtype) for m, t in adapter.lora_A.items()},
        lora_B={m: t.to(dtype) for m, t in adapter.lora_B.items()},
    )


@pytest.fixture
def adapter_dirs(tmp_path):
    """Three PEFT adapter directories (ranks 4, 6, 8) under tmp_path/adapters."""
    dirs = {}
    for i, name in enumerate(["borrow", "traits", "errors"]):
        dirs[name] = tmp_path / "adapters" / name
        write_adapter(random_adapter(i, r=4 + 2 * i), dirs[name])
    return dirs


@pytest.fixture
def share_dir(tmp_path, adapter_dirs):
    path = tmp_path / "share"
    Share.consolidate({n: read_adapter(d) for n, d in list(adapter_dirs.items())[:2]}).save(path)
    return path


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_save_load_is_bit_exact(tmp_path, dtype):
    adapters = {f"t{i}": with_dtype(random_adapter(i), dtype) for i in range(3)}
    share = Share.consolidate(adapters, KRule(variance=0.8), center=True).add("new", with_dtype(random_adapter(9), dtype))
    share.save(tmp_path / "share")
    loaded = Share.load(tmp_path / "share")
    assert loaded.dtype == dtype and loaded.manifest() == share.manifest()
    for module, basis in share.bases.items():
        for ours, theirs in ((basis.B, loaded.bases[module].B), (basis.A, loaded.bases[module].A)):
            assert torch.equal(ours.basis, theirs.basis) and ours.basis.dtype == theirs.basis.dtype == dtype
            assert torch.equal(ours.mean, theirs.mean)
    for name, task in share.tasks.items():
        for module, (e_B, e_A) in task.coefficients.items():
            l_B, l_A = loaded.tasks[name].coefficients[module]
            assert torch.equal(e_B, l_B) and torch.equal(e_A, l_A) and l_B.dtype == dtype
    loaded.save(tmp_path / "again")
    assert files(tmp_path / "again") == files(tmp_path / "share")


def test_summary_counts_parameters_and_bytes_against_the_loras():
    share = Share.consolidate({"a": random_adapter(0, r=4), "b": random_adapter(1, r=4)}, KRule(k=2))
    shapes = module_shapes()
    summary = share.summary()
    assert summary["basis_params"] == sum(2 * (o + i) for o, i in shapes.values())
    assert summary["task_params"] == {"a": len(shapes) * 2 * 2 * 4, "b": len(shapes) * 2 * 2 * 4}
    lora_bytes = 2 * sum(4 * (o + i) for o, i in shapes.values()) * 4
    assert summary["lora_bytes"] == lora_bytes
    assert summary["compression"] == lora_bytes / ((summary["basis_params"] + 2 * len(shapes) * 16) * 4)


def test_random_control_keeps_each_basis_shape_orthonormal_and_no_task():
    share = Share.consolidate({"a": random_adapter(0, r=4), "b": random_adapter(1, r=4)}, KRule(k=2))
    control = share.random_control(seed=7)
    assert control.tasks == {} and control.shapes() == share.shapes()
    for module, basis in control.bases.items():
        for side, learned in ((basis.B, share.bases[module].B), (basis.A, share.bases[module].A)):
            q = side.basis.float()
            assert q.shape == learned.basis.shape and side.mean is None
            assert torch.allclose(q.T @ q, torch.eye(q.shape[1]), atol=1e-5)
            assert not torch.allclose(q.abs(), learned.basis.float().abs(), atol=1e-2)
    again = share.random_control(seed=7)
    assert all(torch.equal(again.bases[m].A.basis, b.A.basis) for m, b in control.bases.items())


def test_cli_consolidate_add_export_info(tmp_path, capsys):
    dirs = [make_adapter_dir(tmp_path / name, seed=i) for i, name in enumerate(["borrow", "traits", "errors"])]
    share_dir = tmp_path / "share"
    assert run_cli("share", "consolidate", dirs[0], dirs[1], "-o", share_dir, "--k", "3") == 0
    share = Share.load(share_dir)
    assert list(share.tasks) == ["borrow", "traits"]
    assert all(b.B.k == 3 and b.A.k == 3 for b in share.bases.values())
    assert share.base_model == BASE_MODEL and share.target_modules == ["k_proj", "o_proj", "q_proj", "v_proj"]

    assert run_cli("share", "add", share_dir, dirs[2], "--task", "errors", "--variance", "1.0") == 0
    share = Share.load(share_dir)
    assert list(share.tasks) == ["borrow", "traits", "errors"] and share.rule == KRule(variance=1.0)

    assert run_cli("share", "export", share_dir, "errors", "-o", tmp_path / "exported") == 0
    exported, original = read_adapter(tmp_path / "exported"), read_adapter(dirs[2])
    assert exported.base_model == BASE_MODEL
    for module in original.lora_A:  # the new task survives the merge at full variance
        assert relative_error(delta(exported, module), delta(original, module)) < 1e-5

    capsys.readouterr()
    assert run_cli("share", "info", share_dir) == 0
    out = capsys.readouterr().out
    assert all(word in out for word in ("borrow", "traits", "errors", "model.layers.1.self_attn.k_proj", "compression"))
    assert f"{share.summary()['compression']:.2f}x" in out


def test_cli_k_and_variance_are_exclusive(tmp_path, adapter_dirs):
    with pytest.raises(SystemExit):
        run_cli("share", "consolidate", adapter_dirs["borrow"], "-o", tmp_path / "s", "--k", "2", "--variance", "0.5")


def test_different_base_models_are_rejected_and_nothing_written(tmp_path, adapter_dirs, capsys):
    other = tmp_path / "adapters" / "other"
    write_adapter(random_adapter(5, base_model="another-model"), other)
    err = fails(capsys, "share", "consolidate", *adapter_dirs.values(), other, "-o", tmp_path / "share")
    assert str(other) in err and "another-model" in err and BASE_MODEL in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adapters"]


def test_different_target_modules_are_rejected(tmp_path, adapter_dirs, capsys):
    narrow = tmp_path / "adapters" / "narrow"
    write_adapter(random_adapter(5, shapes={m: s for m, s in module_shapes().items() if "q_proj" in m}), narrow)
    err = fails(capsys, "share", "consolidate", adapter_dirs["borrow"], narrow, "-o", tmp_path / "share")
    assert str(narrow) in err and "target modules differ" in err and "k_proj" in err
    assert not (tmp_path / "share").exists()


def test_incompatible_shapes_are_rejected(tmp_path, share_dir, capsys):
    wide = tmp_path / "adapters" / "wide"
    shapes = {m: ((48, i) if m.endswith("layers.1.self_attn.q_proj") else (o, i)) for m, (o, i) in module_shapes().items()}
    write_adapter(random_adapter(5, shapes=shapes), wide)
    before = files(share_dir)
    err = fails(capsys, "share", "add", share_dir, wide, "--task", "wide")
    assert str(wide) in err and "model.layers.1.self_attn.q_proj" in err and "(48, 64)" in err
    assert files(share_dir) == before


def test_truncated_adapter_weights_are_rejected(tmp_path, adapter_dirs, capsys):
    weights = adapter_dirs["traits"] / "adapter_model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    err = fails(capsys, "share", "consolidate", *adapter_dirs.values(), "-o", tmp_path / "share")
    assert str(weights) in err and "corrupt" in err
    assert not (tmp_path / "share").exists()


def test_corrupt_share_file_is_rejected(tmp_path, share_dir, adapter_dirs, capsys):
    basis = share_dir / "basis.safetensors"
    basis.write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{not json")
    before = files(share_dir)
    assert str(basis) in fails(capsys, "share", "info", share_dir)
    assert str(basis) in fails(capsys, "share", "add", share_dir, adapter_dirs["errors"], "--task", "errors")
    assert files(share_dir) == before


def test_unknown_task_is_rejected(tmp_path, share_dir, capsys):
    err = fails(capsys, "share", "export", share_dir, "nope", "-o", tmp_path / "out")
    assert "unknown task 'nope'" in err and "borrow, traits" in err
    assert not (tmp_path / "out").exists()
    with pytest.raises(ShareError, match="unknown task 'nope'"):
        Share.load(share_dir).factors("nope")


def test_existing_task_name_is_rejected(share_dir, adapter_dirs, capsys):
    before = files(share_dir)
    assert "task 'borrow' already exists" in fails(capsys, "share", "add", share_dir, adapter_dirs["errors"], "--task", "borrow")
    assert files(share_dir) == before


def test_newer_manifest_version_is_rejected(tmp_path, share_dir, adapter_dirs, capsys):
    manifest_path = share_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 99
    manifest_path.write_text(json.dumps(manifest))
    before = files(share_dir)
    for argv in (("info", share_dir), ("add", share_dir, adapter_dirs["errors"], "--task", "errors")):
        err = fails(capsys, "share", *argv)
        assert str(manifest_path) in err and "format_version 99" in err
    assert files(share_dir) == before
