"""How much of the initial LoRAs' learning Share phase 1 keeps, by `share.variance`
(prints figures; not a test).

For each variance, the initial tasks' LoRA adapters (models/lora/<task>, from a cycle) are
consolidated and each task's dev-split reference answers are scored teacher-forced with
its own coefficients, beside its LoRA and the base model. Token accuracy is the graded
signal: where pass rates sit at 0, it still shows what consolidation throws away.

    .venv/bin/python benchmarks/sweep_variance.py [--variances 0.6 0.8 0.9 0.99] [--judge]

With --judge, each task's dev koans are also answered and judged with rustc (its LoRA,
then its coefficients at each variance): the pass rates the cycle's criteria use.
"""

from __future__ import annotations

import argparse
import tempfile

from share.cycle import params as P
from share.cycle import paths
from share.cycle.measure import evaluate_saved
from share.cycle.metrics import headline
from share.koans.koan import read_koans
from share.model.generation import GenerationConfig, score
from share.model.modeling import load_adapter, load_model
from share.model.prompt import PromptConfig
from share.subspace import KRule, Share, inject, read_adapter, remove, set_task


def row(name: str, accuracies: list[float], base: list[float] | None = None, lora: list[float] | None = None) -> None:
    mean = sum(accuracies) / len(accuracies)
    kept = ""
    if base and lora:
        gain, lora_gain = mean - sum(base) / len(base), (sum(lora) - sum(base)) / len(base)
        kept = f"   keeps {gain / lora_gain:.0%} of LoRA's gain"
    print(f"{name:16s} " + " ".join(f"{a:6.3f}" for a in accuracies) + f"   mean {mean:.3f}{kept}", flush=True)


def judge(label: str, koans: dict, base: str, variant, prompt_cfg: PromptConfig, ev: dict) -> None:
    """Answer and judge each task's dev koans with the model load_answerer gives for
    `variant(task)` (its keyword arguments: adapter, or share_dir and task); prints the
    pass rates, seen and new shapes apart. `ev`: params.yaml's evaluate section."""
    gen = GenerationConfig.from_params(ev)
    for task, dev in koans.items():
        records = evaluate_saved(base, dev, prompt_cfg, gen, timeout=ev["timeout"], **variant(task))
        print(f"{label:16s} {task}: dev {headline(records)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variances", type=float, nargs="+", default=[0.6, 0.8, 0.9, 0.99])
    parser.add_argument("--base", default=paths.BASE)
    parser.add_argument("--judge", action="store_true", help="also answer and judge the dev koans (pass rates)")
    args = parser.parse_args()
    params = P.load()
    initial, ev = P.protocol(params)["initial"], P.section(params, "evaluate")
    prompt_cfg = PromptConfig.load(args.base)
    koans = {t: read_koans(paths.koans(t, "dev")) for t in initial}  # recipes are chosen on dev, never eval
    model, tokenizer = load_model(args.base)

    def accuracy(m, task: str) -> float:
        rows = [r for r in score(m, tokenizer, koans[task], prompt_cfg) if r and r["tokens"]]
        return sum(r["correct"] / r["tokens"] for r in rows) / len(rows)

    print(f"reference token accuracy on each initial task's dev koans ({', '.join(initial)})")
    base = [accuracy(model, t) for t in initial]
    row("base", base)
    lora = [accuracy(load_adapter(load_model(args.base)[0], paths.lora(t)), t) for t in initial]
    row("lora", lora)
    if args.judge:
        judge("lora", koans, args.base, lambda t: {"adapter": paths.lora(t)}, prompt_cfg, ev)
    adapters = {t: read_adapter(paths.lora(t)) for t in initial}
    for variance in args.variances:
        share = Share.consolidate(adapters, KRule(variance=variance))
        inject(model, share)
        accuracies = []
        for t in initial:
            set_task(model, t)
            accuracies.append(accuracy(model, t))
        remove(model)
        row(f"share v={variance}", accuracies, base, lora)
        s = share.summary()
        print(f"{'':16s} stores {s['share_bytes']:,} bytes against {s['lora_bytes']:,} for the LoRAs "
              f"({s['lora_bytes'] / s['share_bytes']:.1f}x fewer)", flush=True)
        if args.judge:
            with tempfile.TemporaryDirectory() as tmp:
                share.save(f"{tmp}/share")
                judge(f"share v={variance}", koans, args.base, lambda t: {"share_dir": f"{tmp}/share", "task": t},
                      prompt_cfg, ev)


if __name__ == "__main__":
    main()
