"""Batched greedy generation (left padding, KV cache, per-row EOS) on any model object,
ANSWERS.jsonl output, and teacher-forced scoring."""

import dataclasses

import pytest
import torch
from peft import LoraConfig, get_peft_model
from torch import nn

from share.cycle.measure import evaluate_model
from share.model.generation import (
    GenerationConfig,
    answer_koans,
    generate,
    greedy,
    score,
    write_answers,
)
from share.judge.answers import may_become, open_search
from share.koans.koan import STATUSES, read_answers
from share.model import generation
from share.model.prompt import prompt_ids
from share.model.train import TrainConfig, mean_loss, pretrain
from share.subspace import KRule, LoraAdapter, Share, inject, remove, set_task
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


class Ranked(nn.Module):
    """A stand-in LM that ranks last + 1 first, then last + 2, then last, then the rest by
    distance (EOS is 10)."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))

    def forward(self, input_ids, attention_mask, position_ids, past_key_values, use_cache, logits_to_keep):
        gap = torch.arange(12)[None, None, :] - input_ids[:, -1:, None] - 1
        return type("Out", (), {"logits": -gap.abs() - 0.5 * (gap < 0)})


def test_a_refused_token_gives_way_to_the_likeliest_allowed_one():
    out = greedy(Ranked(), [[1], [5]], stop={10}, pad_id=0, max_new_tokens=20, allow=lambda i, t: i or t[-1] != 3,
                 candidates=4)
    assert out == [[2, 4, 5, 6, 7, 8, 9], [6, 7, 8, 9]]


def test_a_row_with_no_allowed_candidate_ends_without_the_refused_token():
    out = greedy(Ranked(), [[1], [5]], stop={10}, pad_id=0, max_new_tokens=20, allow=lambda i, t: i or t[-1] != 3)
    assert out == [[2], [6, 7, 8, 9]]  # candidates=1: only the likeliest is tried


def test_a_stop_token_is_never_the_way_out_of_a_refused_one():
    """After 8 the ranking is 9 (refused), EOS, 8: the row takes 8, it does not end."""
    out = greedy(Ranked(), [[7]], stop={10}, pad_id=0, max_new_tokens=4, allow=lambda i, t: t[-1] <= 8, candidates=3)
    assert out == [[8, 8, 8, 8]]


def test_answer_koans_keeps_each_search_to_its_own_koans_code(monkeypatch):
    """answer_koans hands generate a guard that judges answer i, as tokens, against koan
    i's broken code (answers.cannot_apply, exact); special tokens are never allowed."""
    koans = make_koans(2)
    tok = tiny_tokenizer(koans)
    calls = []
    monkeypatch.setattr(generation, "generate", lambda model, tokenizer, prompts, cfg, allow=None, references=None:
                        calls.append(allow) or ([], []))
    answer_koans(None, tok, koans, SHORT, QUIET)
    allow = calls[0]
    own = next(line for line in koans[1].broken.splitlines() if line not in koans[0].broken.splitlines())
    ids = tok("<<<<<<< SEARCH\n" + own + "\n", add_special_tokens=False)["input_ids"]
    assert allow(1, ids) and not allow(0, ids)
    assert all(allow(1, ids[:n]) for n in range(1, len(ids) + 1))  # every step of the right line
    assert not allow(1, tok("<<<<<<< SEARCH\nno such line", add_special_tokens=False)["input_ids"])
    assert not allow(1, ids + [tok.pad_token_id])
    assert not allow(1, ids + [tok.convert_tokens_to_ids("<|im_start|>")])  # special, though not in all_special_ids


def test_every_search_the_guard_lets_through_matches_the_code(trained):
    """Answers of a tiny, barely trained model, each started with a SEARCH marker: with
    the guard, every first SEARCH part (complete, or cut off while open) is a run of the
    broken code's lines as written; without it, some are not."""
    model, tok, koans = trained
    koans = koans[:8]
    start = tok("<<<<<<< SEARCH\n", add_special_tokens=False)["input_ids"]
    prompts = [prompt_ids(tok, k, SHORT) + start for k in koans]
    guard = generation._SearchGuard(tok, koans)
    cfg = GenerationConfig(max_new_tokens=24, batch_size=4, progress=False, threads=1)
    kept, _ = generate(model, tok, prompts, cfg, allow=lambda i, tokens: guard(i, start + tokens))
    free, _ = generate(model, tok, prompts, cfg)

    def matches(answer, koan):
        state = open_search("<<<<<<< SEARCH\n" + answer, koan.broken)
        return state is False or (isinstance(state, tuple) and may_become(*state))
    assert all(matches(a, k) for a, k in zip(kept, koans))
    assert not all(matches(a, k) for a, k in zip(free, koans))


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
    batched, _ = generate(model, tok, prompts, QUIET)
    single = [generate(model, tok, [p], QUIET)[0][0] for p in prompts]
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
    mean = lambda rows: sum(r["correct"] / r["tokens"] for r in rows) / len(rows)  # noqa: E731
    after = score(model, tok, koans[:8], SHORT)
    before = score(tiny_model(tok, seed=3), tok, koans[:8], SHORT)
    assert len(after) == 8 and all(r["tokens"] > 0 for r in after)
    assert mean_loss(after) < mean_loss(before) and mean(after) > mean(before)
    assert 0 <= mean(before) <= 1


def test_each_koan_keeps_its_verdict_and_score(trained):
    """evaluate_model scores each reference on top of the prompt pass its answer came
    from: the same figures as score(), which runs prompt and reference in one pass, up
    to float rounding; and the same answers as answer_koans."""
    model, tok, koans = trained
    records = evaluate_model(model, tok, koans[:6], SHORT, QUIET)
    assert [r["id"] for r in records] == [k.id for k in koans[:6]]
    assert all(r["status"] in STATUSES and r["shape"] in ("seen", "new") for r in records)
    alone = score(model, tok, koans[:6], SHORT)
    assert [(r["tokens"], r["correct"]) for r in records] == [(s["tokens"], s["correct"]) for s in alone]
    assert [r["loss"] for r in records] == pytest.approx([s["loss"] for s in alone], rel=1e-4)
    answers, _ = generation.answer_and_score(model, tok, koans[:6], SHORT, QUIET)
    assert answers == answer_koans(model, tok, koans[:6], SHORT, QUIET)


def test_a_reference_too_long_for_max_length_is_not_scored(trained):
    model, tok, koans = trained
    longest = max(len(prompt_ids(tok, k, SHORT)) for k in koans[:2])  # no answer fits in 2 tokens
    short = dataclasses.replace(SHORT, max_prompt_tokens=longest + 1, max_length=longest + 2)
    _, scores = generation.answer_and_score(model, tok, koans[:2], short, QUIET)
    assert scores == [None, None] == score(model, tok, koans[:2], short)


def test_koanshare_answer_gives_what_the_stages_give_for_any_model_adapter_or_share(trained, tmp_path):
    from share.cli import main
    from share.cycle.methods import folded, load_answerer
    from share.koans.koan import write_records
    from share.subspace import read_adapter

    model, tok, koans = trained
    model.save_pretrained(tmp_path / "model")
    tok.save_pretrained(tmp_path / "model")
    SHORT.save(tmp_path / "model")
    write_records(tmp_path / "koans.jsonl", koans[:3])
    for seed, name in enumerate(("a", "b"), 1):
        torch.manual_seed(seed)
        peft = get_peft_model(tiny_model(tok), LoraConfig(r=2, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
        peft.save_pretrained(tmp_path / name)
    Share.consolidate({n: read_adapter(tmp_path / n) for n in "ab"}, KRule(variance=0.99)).save(tmp_path / "share")
    cases = {"base": {}, "adapter": {"adapter": str(tmp_path / "a")}, "share": {"share_dir": str(tmp_path / "share"), "task": "b"}}
    for name, kwargs in cases.items():
        flags = [f"--{k.removesuffix('_dir')}={v}" for k, v in kwargs.items()]
        assert main(["answer", str(tmp_path / "koans.jsonl"), "--model", str(tmp_path / "model"), *flags,
                     "--max-new-tokens", "24", "-o", str(tmp_path / f"{name}.jsonl")]) == 0
        loaded, tokenizer = load_answerer(tmp_path / "model", **kwargs)
        expected = answer_koans(folded(loaded), tokenizer, koans[:3], SHORT, GenerationConfig(max_new_tokens=24, progress=False))
        assert [a.answer for a in read_answers(tmp_path / f"{name}.jsonl")] == expected, name
    assert main(["answer", str(tmp_path / "koans.jsonl"), "--model", str(tmp_path / "model"), "--task", "a",
                 "-o", str(tmp_path / "x.jsonl")]) == 2
