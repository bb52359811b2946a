"""The embedded tokenizer: digits and edit markers are single tokens, text round-trips,
and it saves as a transformers tokenizer directory with a chat template."""

import pytest
from transformers import AutoTokenizer

from share.judge.answers import DIVIDER, REPLACE, SEARCH
from share.model.tokenizer import EOS, train_tokenizer
from test_prompt import make_koans, tiny_tokenizer


@pytest.fixture(scope="module")
def tok():
    return tiny_tokenizer()


def test_digits_are_single_tokens(tok):
    pieces = tok.convert_ids_to_tokens(tok("vec![1234, 56]", add_special_tokens=False)["input_ids"])
    assert [p for p in pieces if p.strip("Ġ").isdigit()] == ["1", "2", "3", "4", "5", "6"]


def test_edit_markers_are_single_tokens_and_survive_decoding(tok):
    for marker in (SEARCH, DIVIDER, REPLACE):
        assert len(tok(marker, add_special_tokens=False)["input_ids"]) == 1
    text = f"{SEARCH}\n    let x = 1;\n{DIVIDER}\n    let mut x = 1;\n{REPLACE}\n"
    ids = tok(text, add_special_tokens=False)["input_ids"]
    assert tok.decode(ids, skip_special_tokens=True) == text


def test_any_text_round_trips(tok):
    text = make_koans(1)[0].broken + "unicode é ✓ \t tabs  and   spaces\n"
    assert tok.decode(tok(text, add_special_tokens=False)["input_ids"]) == text


def test_saved_tokenizer_loads_with_its_chat_template(tok, tmp_path):
    tok.save_pretrained(tmp_path / "tok")
    loaded = AutoTokenizer.from_pretrained(tmp_path / "tok")
    messages = [{"role": "user", "content": "fix 42"}]
    text = loaded.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    assert text == "<|im_start|>user\nfix 42<|im_end|>\n<|im_start|>assistant\n"
    assert loaded.eos_token == EOS and loaded.pad_token_id is not None and loaded.pad_token_id != loaded.eos_token_id
    assert loaded("x = 7;", add_special_tokens=False)["input_ids"] == tok("x = 7;", add_special_tokens=False)["input_ids"]


def test_training_is_deterministic():
    a, b = tiny_tokenizer(), tiny_tokenizer()
    assert a.get_vocab() == b.get_vocab()


def test_vocab_size_out_of_range_is_an_error():
    with pytest.raises(ValueError, match="vocab_size"):
        train_tokenizer(["fn main() {}"], vocab_size=10)
