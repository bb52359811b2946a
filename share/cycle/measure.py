"""A model measured on koans: its answers generated, then judged with rustc in the
sandbox, and the reference answers scored teacher-forced; one record per koan. The one
place where the model and the judge meet: the evaluate stages, `koanshare answer` /
`evaluate`, the core curriculum and the sweeps all measure through here."""

from __future__ import annotations

from share.cycle.metrics import koan_record
from share.judge.evaluate import evaluate_answers
from share.model.generation import GenerationConfig, answer_koans, score, write_answers
from share.model.prompt import PromptConfig


def answer_and_judge(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig(), *,
                     workers: int | None = None, timeout: float = 10.0, checks: dict | None = None, answers_path=None) -> list:
    """Generate answers, then judge them with rustc (after generation, not beside it, so
    the two do not fight over cores): one Result per koan."""
    answers = answer_koans(model, tokenizer, koans, prompt_cfg, cfg)
    if answers_path is not None:
        write_answers(answers_path, koans, answers)
    return evaluate_answers(koans, answers, workers=workers, timeout=timeout, checks=checks, progress=cfg.progress)


def evaluate_model(model, tokenizer, koans, prompt_cfg: PromptConfig, cfg: GenerationConfig = GenerationConfig(), *,
                   workers: int | None = None, timeout: float = 10.0, checks: dict | None = None,
                   answers_path=None) -> list[dict]:
    """Judge the model's answers and score the references teacher-forced: one record per
    koan (share.cycle.metrics.koan_record), which share.cycle.metrics.summarize turns
    into figures."""
    results = answer_and_judge(model, tokenizer, koans, prompt_cfg, cfg, workers=workers, timeout=timeout,
                               checks=checks, answers_path=answers_path)
    scores = score(model, tokenizer, koans, prompt_cfg, bf16=cfg.bf16)
    return [koan_record(k, r.status, s) for k, r, s in zip(koans, results, scores, strict=True)]
