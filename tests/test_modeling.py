"""Both kinds of base model load through one path; bad model or adapter directories fail
before any training with an error that says what to do."""

import json

import pytest
import torch
from peft import LoraConfig, get_peft_model
from transformers import ViTConfig

from share.model.modeling import ModelError, ModelSize, build_model, check_adapter, load_adapter, load_model, n_params
from test_prompt import TINY, tiny_model, tiny_tokenizer


@pytest.fixture(scope="module")
def tok():
    return tiny_tokenizer()


@pytest.fixture
def model_dir(tok, tmp_path):
    model = tiny_model(tok)
    model.save_pretrained(tmp_path / "base")
    tok.save_pretrained(tmp_path / "base")
    return tmp_path / "base"


def test_default_size_is_a_small_qwen2(tok):
    class Vocab4096:
        eos_token_id, pad_token_id = 2, 0

        def __len__(self):
            return 4096

    model = build_model(Vocab4096(), ModelSize())
    assert model.config.model_type == "qwen2"
    assert 2_000_000 <= n_params(model) <= 10_000_000


def test_a_saved_local_model_directory_loads_and_computes_the_same(tok, model_dir):
    saved = tiny_model(tok)
    model, tokenizer = load_model(model_dir)
    ids = torch.tensor([tokenizer("fn main() {}", add_special_tokens=False)["input_ids"]])
    assert torch.allclose(model(ids).logits, saved(ids).logits, atol=1e-5)
    assert tokenizer.chat_template and not model.training


def test_the_embedded_tokenizer_reloads_from_a_model_directory_unchanged(tok, model_dir):
    from test_prompt import SHORT, make_koans
    from share.model.prompt import prompt_ids

    _, loaded = load_model(model_dir)
    for koan in make_koans(5, seed=7):
        text = tok.apply_chat_template([{"role": "user", "content": koan.broken + koan.diagnostic}], tokenize=False)
        assert loaded(text, add_special_tokens=False)["input_ids"] == tok(text, add_special_tokens=False)["input_ids"]
        assert prompt_ids(loaded, koan, SHORT) == prompt_ids(tok, koan, SHORT)


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        load_model(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="no config.json"):
        load_model(tmp_path / "empty")


def test_a_model_that_is_not_a_causal_lm_is_refused(tmp_path):
    ViTConfig().save_pretrained(tmp_path / "vit")
    with pytest.raises(ModelError, match="not a causal LM"):
        load_model(tmp_path / "vit")


def test_a_tokenizer_without_chat_template_is_refused(model_dir):
    config_path = model_dir / "tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config.pop("chat_template", None)
    config_path.write_text(json.dumps(config))
    (model_dir / "chat_template.jinja").unlink(missing_ok=True)
    with pytest.raises(ModelError, match="chat template"):
        load_model(model_dir)


def test_an_adapter_for_another_base_model_is_refused(tok, model_dir, tmp_path):
    other = build_model(tok, ModelSize(hidden_size=48, num_layers=2, num_heads=2, num_kv_heads=1, intermediate_size=64))
    get_peft_model(other, LoraConfig(r=2, target_modules=["q_proj"])).save_pretrained(tmp_path / "other")
    mine = get_peft_model(tiny_model(tok), LoraConfig(r=2, target_modules=["q_proj"]))
    mine.save_pretrained(tmp_path / "mine")
    model, _ = load_model(model_dir)
    assert check_adapter(model, tmp_path / "mine")["r"] == 2
    with pytest.raises(ModelError, match="another base model"):
        load_adapter(model, tmp_path / "other")
    with pytest.raises(ModelError, match="not a PEFT adapter"):
        load_adapter(model, tmp_path)


def test_size_params_out_of_range_are_errors():
    with pytest.raises(ModelError, match="divisible"):
        ModelSize(hidden_size=30, num_heads=4)
    with pytest.raises(ModelError, match="num_layers"):
        ModelSize(num_layers=0)
    with pytest.raises(ModelError, match="num_kv_heads"):
        ModelSize(num_heads=6, num_kv_heads=4)
    assert TINY.hidden_size == 32
