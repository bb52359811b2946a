"""The base model's three steps (share.cycle.base): starting weights from a source (the tests'
tiny model built from scratch, or a local model directory), the core curriculum taught as
a LoRA and measured before and after, and the merge that every later stage loads."""

import pytest
import torch

from share.cycle.base import Embedded, build_embedded, fetch, merge_core, source_kind, teach_core
from share.model.generation import GenerationConfig
from share.model.modeling import ModelError, load_adapter, load_model
from share.model.prompt import PromptConfig
from share.model.train import LoraParams, TrainConfig
from test_prompt import make_koans, tiny_model, tiny_tokenizer

PROMPT = PromptConfig(instruction=False, max_description_chars=40, max_diagnostic_chars=120, max_prompt_tokens=400,
                      max_length=512)
TINY = {"n_train": 8, "tokenizer": {"vocab_size": 400},
        "size": {"hidden_size": 32, "num_layers": 2, "num_heads": 2, "num_kv_heads": 1, "intermediate_size": 64},
        "train": {"steps": 3, "batch_size": 4, "warmup_steps": 1, "progress": False, "threads": 1}}
QUIET = GenerationConfig(max_new_tokens=8, progress=False, threads=1)


@pytest.mark.parametrize("source", [{}, {"package": {}, "directory": "x"}, {"hub": "HuggingFaceTB/SmolLM2"}, "x"])
def test_a_source_names_exactly_one_known_kind(source):
    with pytest.raises(ModelError, match="exactly one of package, directory, embedded"):
        source_kind(source)


def test_the_embedded_source_builds_a_loadable_tiny_model(tmp_path):
    done = build_embedded(Embedded(**TINY), tmp_path / "pretrained", PROMPT, 0, lambda n: make_koans(n))
    model, tokenizer = load_model(tmp_path / "pretrained")
    assert done["source"] == "embedded" and done["pretrain"]["steps"] == 3 and tokenizer.chat_template


def test_a_directory_source_is_checked_then_copied(tmp_path):
    tok = tiny_tokenizer()
    tiny_model(tok).save_pretrained(tmp_path / "hf")
    tok.save_pretrained(tmp_path / "hf")
    fetch({"directory": str(tmp_path / "hf")}, tmp_path / "pretrained", PROMPT, 0)
    assert (tmp_path / "pretrained/model.safetensors").read_bytes() == (tmp_path / "hf/model.safetensors").read_bytes()
    with pytest.raises(ModelError, match="does not exist"):
        fetch({"directory": str(tmp_path / "nowhere")}, tmp_path / "other", PROMPT, 0)
    assert not (tmp_path / "other").exists()


def test_the_core_curriculum_is_measured_before_and_after_and_merged_into_the_base(tmp_path):
    koans = make_koans(12)
    build_embedded(Embedded(**TINY), tmp_path / "pretrained", PROMPT, 0, lambda n: koans)
    result = teach_core(tmp_path / "pretrained", koans, koans[:3], tmp_path / "core", LoraParams(r=2, alpha=4),
                        TrainConfig(steps=2, batch_size=4, warmup_steps=1, progress=False, threads=1), PROMPT, QUIET)
    assert [r["id"] for r in result["zero_shot"]] == [r["id"] for r in result["taught"]] == [k.id for k in koans[:3]]
    assert result["train"]["steps"] == 2 and (tmp_path / "core/adapter_model.safetensors").is_file()
    merge_core(tmp_path / "pretrained", tmp_path / "core", PROMPT, tmp_path / "base")
    assert PromptConfig.load(tmp_path / "base") == PROMPT
    tokens = torch.tensor([[5, 17, 99, 3, 64, 21, 8, 120]])
    with torch.no_grad():
        merged = load_model(tmp_path / "base")[0](tokens).logits
        adapted = load_adapter(load_model(tmp_path / "pretrained")[0], tmp_path / "core")(tokens).logits
    assert (merged - adapted).abs().max() < 1e-4
