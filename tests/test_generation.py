"""Batched greedy generation (left padding, KV cache, per-row EOS) on any model object,
ANSWERS.jsonl output, and teacher-forced scoring."""

import pytest
import torch
from peft import LoraConfig, get_peft_model
from torch import nn

from share.generation import (
    GenerationConfig,
    answer_koans,
    evaluate_model,
    evaluate_sets,
    generate,
    greedy,
    score,
    write_answers,
)
from share import generation
from share.koan import read_answers
from share.prompt import prompt_ids
from share.subspace import KRule, LoraAdapter, Share, inject, remove, set_task
from share.train import TrainConfig, pretrain
from test_prompt import SHORT, make_koans, tiny_model, tiny_tokenizer

QUIET = GenerationConfig(max_new_tokens=24, batch_size=4, progress=False, threads=1)


class Counter(nn.Module):
    """A stand-in LM that always predicts the last token + 1, and EOS (10) after 9."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))
        self.lengths = []

    def forward(self, input_ids, attention_mask, position_ids, past_key_values, use_cache, logits_to_keep):
        self.lengths.append(input_ids.shape)
        nxt = (input_ids[:, -1:] + 1).clamp(max=10)
        return type("Out", (), {"logits": nn.functional.one_hot(nxt, 12).float()})


def test_each_row_stops_at_its_own_eos_and_finished_rows_leave_the_batch():
    model = Counter()
    out = greedy(model, [[3, 5], [8], [1]], stop={10}, pad_id=0, max_new_tokens=20)
    assert out == [[6, 7, 8, 9], [9], [2, 3, 4, 5, 6, 7, 8, 9]]
    assert model.lengths[0] == (3, 2)  # the prompts, left padded to one width
    assert [s[0] for s in model.lengths[1:]] == [3, 2, 2, 2, 1, 1, 1, 1]  # rows leave once done
    assert all(s[1] == 1 for s in model.lengths[1:])  # one new token per step: the cache holds the rest


def test_max_new_tokens_caps_an_answer_that_never_ends():
    assert greedy(Counter(), [[1]], stop={11}, pad_id=0, max_new_tokens=3) == [[2, 3, 4]]


def test_a_cut_row_keeps_its_tokens_and_leaves_the_batch():
    model = Counter()
    out = greedy(model, [[1], [2]], stop={10}, pad_id=0, max_new_tokens=20, cut=lambda i, tokens: i == 0 and 4 in tokens)
    assert out == [[2, 3, 4], [3, 4, 5, 6, 7, 8, 9]]
    assert [s[0] for s in model.lengths[1:]] == [2, 2, 1, 1, 1, 1, 1]


def test_answer_koans_cuts_each_answer_against_its_own_koan(monkeypatch):
    """answer_koans hands generate a cut that judges answer i against koan i's broken code
    (answers.cannot_apply; generate decodes the row's tokens for it)."""
    koans = make_koans(2)
    tok = tiny_tokenizer(koans)
    calls = []
    monkeypatch.setattr(generation, "generate", lambda model, tokenizer, prompts, cfg, cut=None: calls.append(cut) or [])
    answer_koans(None, tok, koans, SHORT, QUIET)
    cut = calls[0]
    own = next(line for line in koans[1].broken.splitlines() if line not in koans[0].broken.splitlines())
    assert not cut(1, "<<<<<<< SEARCH\n" + own + "\n") and cut(0, "<<<<<<< SEARCH\n" + own + "\n")
    assert cut(1, "<<<<<<< SEARCH\n" + own + "\nno such line")


@pytest.fixture(scope="module")
def trained():
    koans = make_koans(48)
    tok = tiny_tokenizer(koans)
    model = tiny_model(tok)
    pretrain(model, tok, koans, TrainConfig(steps=40, batch_size=8, lr=1e-2, warmup_steps=4, progress=False, threads=1), SHORT)
    return model, tok, koans


def test_batched_generation_equals_one_at_a_time_and_transformers_generate(trained):
    model, tok, koans = trained
    prompts = [prompt_ids(tok, k, SHORT) for k in koans[:3]]
    prompts[1] = prompts[1][:-7] + prompts[1][-4:]  # unequal lengths, so left padding is exercised
    batched = generate(model, tok, prompts, QUIET)
    single = [generate(model, tok, [p], QUIET)[0] for p in prompts]
    assert batched == single
    reference = model.generate(torch.tensor([prompts[0]]), max_new_tokens=QUIET.max_new_tokens, do_sample=False,
                               eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    assert batched[0] == tok.decode(reference[0, len(prompts[0]):], skip_special_tokens=True)


def test_generation_takes_any_model_object(trained):
    model, tok, koans = trained
    base = answer_koans(model, tok, koans[:2], SHORT, QUIET)
    peft_model = get_peft_model(model, LoraConfig(r=2, target_modules=["q_proj"], init_lora_weights=True))
    assert answer_koans(peft_model, tok, koans[:2], SHORT, QUIET) == base  # zero-initialised B: no change yet
    peft_model.unload()
    adapter = _random_adapter(model)
    share = Share.consolidate({"a": adapter, "b": _random_adapter(model, seed=1)}, KRule(k=2))
    inject(model, share)
    for task in ("a", None):  # one task's coefficients, then the average
        set_task(model, task)
        assert len(answer_koans(model, tok, koans[:2], SHORT, QUIET)) == 2
    remove(model)
    assert answer_koans(model, tok, koans[:2], SHORT, QUIET) == base


def _random_adapter(model, seed=0):
    g = torch.Generator().manual_seed(seed)
    path = "model.layers.0.self_attn.q_proj"
    layer = model.get_submodule(path)
    A = torch.randn(2, layer.in_features, generator=g) * 0.1
    B = torch.randn(layer.out_features, 2, generator=g) * 0.1
    return LoraAdapter({path: A}, {path: B}, {path: 1.0}, None, 2, 2, "test")


def test_answers_file_is_what_koanshare_evaluate_reads(tmp_path):
    koans = make_koans(3)
    write_answers(tmp_path / "ANSWERS.jsonl", koans, ["a", "b", "c"])
    assert [(a.id, a.answer) for a in read_answers(tmp_path / "ANSWERS.jsonl")] == [(k.id, x) for k, x in zip(koans, "abc")]


def test_teacher_forced_score_improves_with_training(trained):
    model, tok, koans = trained
    after = score(model, tok, koans[:8], SHORT)
    before = score(tiny_model(tok, seed=3), tok, koans[:8], SHORT)
    assert after["loss"] < before["loss"] and after["token_accuracy"] > before["token_accuracy"]
    assert 0 <= before["token_accuracy"] <= 1 and after["n"] == 8 and after["skipped"] == 0




def test_sets_evaluated_together_are_measured_each_as_alone(trained):
    model, tok, koans = trained
    first, second = koans[:4], koans[4:6]
    together, results = evaluate_model(model, tok, first + second, SHORT, QUIET)
    apart = evaluate_sets(model, tok, [first, second], SHORT, QUIET)
    assert [m["n"] for m in apart] == [4, 2]
    assert sum(m["passed"] for m in apart) == together["passed"]
    for metrics, koan_set, judged in ((apart[0], first, results[:4]), (apart[1], second, results[4:])):
        assert metrics["statuses"] == {s: [r.status for r in judged].count(s) for s in {r.status for r in judged}}
        assert metrics["loss"] == score(model, tok, koan_set, SHORT)["loss"]
