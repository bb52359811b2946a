"""Prompt format: one prompt for training and evaluation, loss only on the answer, long
inputs handled by clipping the diagnostic then skipping (never cutting the answer).

The helpers here (synthetic koans, a tiny tokenizer, a tiny model) are shared by the
other model tests; they need no rustc and no network."""

import logging
import random

import pytest
import torch

from share.judge.answers import apply_edits, extract_program
from share.koans.koan import Koan
from share.model.modeling import ModelSize, build_model
from share.model.prompt import (IGNORE, PromptConfig, clip_diagnostic, collate, compact_diagnostic, corpus, encode,
                                encode_all, prompt_ids, target)
from share.model.tokenizer import train_tokenizer

NAMES = ["items", "names", "scores", "queue", "words", "values"]
FUNCS = ["total", "tally", "weigh", "measure"]
TINY = ModelSize(hidden_size=32, num_layers=2, num_heads=2, num_kv_heads=1, intermediate_size=64, max_positions=512)
SHORT = PromptConfig(max_description_chars=40, max_diagnostic_chars=120, max_prompt_tokens=400, max_length=512)


def make_koans(n: int, seed: int = 0, task: str = "bc_move") -> list[Koan]:
    """Move-after-use koans in the shape the borrow_checker plugin makes."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        var, func = rng.choice(NAMES), rng.choice(FUNCS)
        values = ", ".join(str(rng.randint(1, 99)) for _ in range(rng.randint(2, 4)))
        code = ("fn {f}({v}: {amp}Vec<i32>) -> i32 {{\n    {v}.iter().sum()\n}}\n\npub fn run() -> (i32, usize) {{\n"
                "    let {v} = vec![{vals}];\n    let sum = {f}({amp}{v});\n    (sum, {v}.len())\n}}\n")
        broken, reference = code.format(f=func, v=var, vals=values, amp=""), code.format(f=func, v=var, vals=values, amp="&")
        diagnostic = (f"error[E0382]: borrow of moved value: `{var}`\n --> main.rs:8:11\n  |\n"
                      f"7 |     let sum = {func}({var});\n  |         ----- value moved here\n"
                      f"8 |     (sum, {var}.len())\n  |           ^^^^^ value borrowed here after move\n")
        out.append(Koan(id=f"{task}/t/{i:04d}", family="fam", task=task, edition="2021", mode="test",
                        description="Use of a value after it was moved. Borrow it (&) or clone it instead.",
                        broken=broken, diagnostic=diagnostic, reference=reference, expected_error="E0382"))
    return out


def tiny_tokenizer(koans=None, cfg: PromptConfig = SHORT, vocab_size: int = 400):
    return train_tokenizer(corpus(koans or make_koans(40), cfg), vocab_size=vocab_size)


def tiny_model(tokenizer, seed: int = 0):
    return build_model(tokenizer, TINY, seed)


@pytest.fixture(scope="module")
def tok():
    return tiny_tokenizer()


def test_labels_are_masked_exactly_on_the_prompt(tok):
    koan = make_koans(1)[0]
    example = encode(tok, koan, SHORT)
    prompt = prompt_ids(tok, koan, SHORT)
    n = len(prompt)
    assert example.input_ids[:n] == prompt  # training sees exactly what generation is given
    assert example.labels[:n] == [IGNORE] * n
    assert example.labels[n:] == example.input_ids[n:]
    assert example.labels[-1] == tok.eos_token_id
    assert tok.decode(example.input_ids[n:-1]) == target(koan, "edits")


def test_prompt_goes_through_the_chat_template(tok):
    koan = make_koans(1)[0]
    text = tok.decode(prompt_ids(tok, koan, SHORT))
    assert text.startswith("<|im_start|>user\n") and text.endswith("<|im_start|>assistant\n")
    assert koan.broken.strip() in text and "E0382" in text


def test_targets_reproduce_the_reference():
    koan = make_koans(1)[0]
    assert apply_edits(koan.broken, target(koan, "edits")).code == koan.reference
    assert extract_program(target(koan, "program"), koan.broken).code == koan.reference


def test_diagnostic_is_clipped_at_a_line_end():
    text = "line one\nline two\nline three\n"
    assert clip_diagnostic(text, 100) == text
    assert clip_diagnostic(text, 12) == "line one\n[...]\n"
    assert clip_diagnostic(text, 0) == ""


def test_compact_diagnostic_keeps_the_message_code_labels_and_help():
    rustc = ("error[E0596]: cannot borrow `agg` as mutable, as it is not declared as mutable\n --> main.rs:6:17\n  |\n"
             "6 |                 agg.swap(j, j + 1);\n  |                 ^^^ cannot borrow as mutable\n  |\n"
             "help: consider changing this to be mutable\n  |\n2 |     let mut agg = grades.to_vec();\n  |         +++\n\n"
             "error: aborting due to 1 previous error\n\n")
    assert compact_diagnostic(rustc) == (
        "error[E0596]: cannot borrow `agg` as mutable, as it is not declared as mutable\n --> main.rs:6:17\n"
        "6 |                 agg.swap(j, j + 1);\n  |                 ^^^ cannot borrow as mutable\n"
        "help: consider changing this to be mutable\n2 |     let mut agg = grades.to_vec();\n")
    harness = ("\nrunning 1 test\ntest tests::f ... FAILED\n\nfailures:\n\n---- tests::f stdout ----\n\n"
               "thread 'tests::f' panicked at main.rs:12:9:\nassertion `left == right` failed\n  left: 0\n right: 4\n"
               "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    tests::f\n\n"
               "test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n")
    assert compact_diagnostic(harness) == ("test tests::f ... FAILED\nthread 'tests::f' panicked at main.rs:12:9:\n"
                                           "assertion `left == right` failed\n  left: 0\n right: 4\n")


def test_too_long_prompt_drops_the_diagnostic_then_too_long_example_is_skipped(tok, caplog):
    koan = make_koans(1)[0]
    full = prompt_ids(tok, koan, SHORT)
    tight = PromptConfig(max_description_chars=40, max_diagnostic_chars=120, max_prompt_tokens=len(full) - 1,
                         max_length=512)
    dropped = prompt_ids(tok, koan, tight)
    assert len(dropped) < len(full) and "E0382" not in tok.decode(dropped)
    answer_len = len(encode(tok, koan, tight).input_ids) - len(dropped)
    too_short = PromptConfig(max_description_chars=40, max_diagnostic_chars=120, max_prompt_tokens=len(dropped),
                             max_length=len(dropped) + answer_len - 1)
    assert encode(tok, koan, too_short) is None
    with caplog.at_level(logging.WARNING):
        kept = encode_all(tok, make_koans(1) + [koan], tight)
    assert len(kept) == 2
    with caplog.at_level(logging.WARNING), pytest.raises(ValueError, match="max_length"):
        encode_all(tok, [koan], too_short)


def test_skipped_examples_are_counted_in_the_log(tok, caplog):
    koans = make_koans(3)
    long = Koan(**{**koans[0].__dict__, "id": "long", "broken": koans[0].broken * 20, "reference": koans[0].reference * 20})
    with caplog.at_level(logging.WARNING):
        kept = encode_all(tok, koans + [long], SHORT)
    assert len(kept) == 3
    assert "skipped 1 of 4" in caplog.text


def test_collate_left_pads_and_the_answer_span_holds_every_label(tok):
    examples = encode_all(tok, make_koans(4), SHORT)
    batch = collate(examples, tok.pad_token_id)
    width = batch["input_ids"].shape[1]
    for row, e in enumerate(examples):
        pad = width - len(e.input_ids)
        assert batch["attention_mask"][row, :pad].sum() == 0 and batch["attention_mask"][row, pad:].all()
        assert batch["position_ids"][row, pad:].tolist() == list(range(len(e.input_ids)))
    span = batch["answer_span"]
    assert (batch["labels"][:, : width - span + 1] == IGNORE).all()
    assert (batch["labels"][:, width - span + 1:] != IGNORE).any(dim=1).all()
    assert torch.equal(batch["labels"] != IGNORE, torch.tensor(
        [[IGNORE] * (width - len(e.labels)) + e.labels for e in examples]) != IGNORE)


def test_config_is_saved_and_checked(tmp_path):
    cfg = PromptConfig(format="program", max_diagnostic_chars=10)
    cfg.save(tmp_path)
    assert PromptConfig.load(tmp_path) == cfg
    assert PromptConfig.load(tmp_path / "missing") == PromptConfig()
    with pytest.raises(ValueError, match="format"):
        PromptConfig(format="diff")
    with pytest.raises(ValueError, match="max_prompt_tokens"):
        PromptConfig(max_prompt_tokens=2048, max_length=1024)
