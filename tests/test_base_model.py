"""The base_model stage: params are checked before any work, both kinds build a loadable
models/base/ with prompt.json and metrics, and a failure writes nothing."""

import json
import sys
from pathlib import Path

import pytest
import yaml

from share.koan import read_koans, write_records
from share.modeling import ModelError, load_model
from share.prompt import PromptConfig
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # stages/ is run as `python -m stages.x` from the root
from stages.base_model import build, load_koans, main, read_params  # noqa: E402
from test_prompt import make_koans, tiny_model, tiny_tokenizer

TINY_SIZE = {"hidden_size": 32, "num_layers": 2, "num_heads": 2, "num_kv_heads": 1, "intermediate_size": 64}
PROMPT = {"instruction": False, "max_description_chars": 40, "max_diagnostic_chars": 120, "max_prompt_tokens": 400,
          "max_length": 512}


@pytest.fixture
def workdir(tmp_path):
    for task, seed in (("core_a", 0), ("core_b", 1)):  # the one-dir-per-task layout
        write_records(tmp_path / "koans" / task / "train.jsonl", make_koans(24, seed, task))
        write_records(tmp_path / "koans" / task / "eval.jsonl", make_koans(2, seed + 10, task))
    return tmp_path


def params_file(workdir, **section):
    base = {"out": str(workdir / "models" / "base"), "metrics": str(workdir / "metrics" / "base_model.json"),
            "live_dir": str(workdir / "dvclive"), "koans_dir": str(workdir / "koans"),
            "tokenizer": {"vocab_size": 400}, "size": TINY_SIZE, "prompt": PROMPT,
            "train": {"steps": 3, "batch_size": 4, "warmup_steps": 1, "progress": False, "threads": 1},
            "generation": {"max_new_tokens": 8, "progress": False, "threads": 1}, "eval": {"workers": 1}}
    path = workdir / "params.yaml"
    path.write_text(yaml.safe_dump({"base_model": {**base, **section}}))
    return path


def test_embedded_kind_builds_a_loadable_model_with_its_prompt_and_metrics(workdir):
    metrics = build(read_params(params_file(workdir)))
    out = workdir / "models" / "base"
    model, tokenizer = load_model(out)
    assert PromptConfig.load(out) == PromptConfig(**PROMPT)
    saved = json.loads((workdir / "metrics" / "base_model.json").read_text())
    assert saved == json.loads((out / "metrics.json").read_text()) == json.loads(json.dumps(metrics))
    assert saved["eval"]["n"] == 4 and 0 <= saved["eval"]["pass_rate"] <= 1 and saved["pretrain"]["steps"] == 3
    assert {"loss", "token_accuracy", "ci95", "by_shape"} <= set(saved["eval"])
    assert (workdir / "dvclive" / "metrics.json").is_file()


def test_pretrained_kind_uses_a_model_directory_as_is(workdir):
    tok = tiny_tokenizer()
    tiny_model(tok).save_pretrained(workdir / "hf")
    tok.save_pretrained(workdir / "hf")
    metrics = build(read_params(params_file(workdir, kind="pretrained", source=str(workdir / "hf"))))
    assert "pretrain" not in metrics and metrics["eval"]["n"] == 4
    assert (workdir / "models" / "base" / "model.safetensors").read_bytes() == (workdir / "hf" / "model.safetensors").read_bytes()


@pytest.mark.parametrize("section, message", [
    ({"kind": "remote"}, "base_model.kind"),
    ({"kind": "pretrained"}, "source"),
    ({"stepz": 3}, "base_model.stepz"),
    ({"size": {"hidden": 3}}, "base_model.size"),
    ({"train": {"steps": 0}}, "steps"),
    ({"kind": "pretrained", "source": "/nonexistent/model"}, "does not exist"),
])
def test_bad_params_fail_before_anything_is_written(workdir, capsys, section, message):
    assert main(["--params", str(params_file(workdir, **section))]) == 2
    assert message in capsys.readouterr().err
    assert not (workdir / "models").exists() and not (workdir / "metrics").exists()


def test_missing_params_section_or_koans_are_clear_errors(workdir, tmp_path):
    (tmp_path / "empty.yaml").write_text("other: 1\n")
    with pytest.raises(ModelError, match="base_model"):
        read_params(tmp_path / "empty.yaml")
    with pytest.raises(ModelError, match="generate the core koans"):
        build(read_params(params_file(workdir, koans_dir=str(tmp_path / "none"))))


def test_one_file_per_split_layout_is_read(workdir):
    for split in ("train", "eval"):
        koans = [k for task in ("core_a", "core_b") for k in read_koans(workdir / "koans" / task / f"{split}.jsonl")]
        write_records(workdir / "family" / "core" / f"{split}.jsonl", koans)
    assert load_koans(workdir / "family", "core", "eval") == load_koans(workdir / "koans", "core", "eval")


def test_bench_base_builds_from_nothing_and_prints_both_targets(tmp_path, capsys, monkeypatch):
    """benchmarks/bench_base.py on the real `core` family, tiny: every koan is generated and
    verified in an empty cache, and nothing lands outside its temp folder."""
    from benchmarks.bench_base import main as bench

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KOANSHARE_CACHE", str(tmp_path / "warm-cache"))
    section = {"n_train": 1, "tokenizer": {"vocab_size": 400}, "size": TINY_SIZE, "prompt": PROMPT,
               "train": {"steps": 2, "batch_size": 4, "warmup_steps": 1, "progress": False, "threads": 1},
               "generation": {"max_new_tokens": 8, "progress": False, "threads": 1},
               "eval": {"workers": 1, "max_koans": 3}}
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump({"seed": 0, "generate": {"n_core_eval": 1, "timeout": 10}, "base_model": section}))
    assert bench(["--params", str(path), "--steps", "3"]) == 0
    out = capsys.readouterr().out
    assert "pre-training, 3 steps" in out and "target under 15 min" in out
    assert "held-out core: " in out and "/3 = " in out and "target at least 25%" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["params.yaml"]  # no models/, metrics/, cache written here
