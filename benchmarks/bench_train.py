"""Training and generation speed of the embedded model, in one run so the figures compare:
LoRA step time and peak memory, Share coefficient training (phase 2) step time and
trainable parameters beside them, and greedy generation tokens/s at batch 1 and 8.

    .venv/bin/python benchmarks/bench_train.py [--base models/base] [--koans FILE] [--steps 10]

Targets: coefficient training trains >= 20x fewer parameters than LoRA at equal r and is
no slower per step. Pre-training figures: benchmarks/bench_base.py (a build from nothing).
"""

from __future__ import annotations

import argparse
import glob
import time
from pathlib import Path

import torch

from share.cycle import paths
from share.koans.koan import read_koans
from share.model.generation import greedy, stop_ids
from share.model.modeling import load_model
from share.model.prompt import PromptConfig, encode_all, prompt_ids
from share.model.train import LoraParams, TrainConfig, set_threads, train, with_lora
from share.subspace import KRule, LoraAdapter, Share, attach_trainable, remove


def peak_rss_reset() -> None:
    """Reset the kernel's peak-RSS mark, so the next reading is this phase's peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def random_share(model, targets, r: int, tasks: int = 3) -> Share:
    """A Share consolidated from random LoRA adapters of the right shapes (speed does not
    depend on what the basis holds)."""
    g = torch.Generator().manual_seed(0)
    paths = [n for n, m in model.named_modules() if isinstance(m, torch.nn.Linear) and n.rsplit(".", 1)[-1] in targets]
    adapters = {}
    for t in range(tasks):
        mods = {p: model.get_submodule(p) for p in paths}
        A = {p: torch.randn(r, m.in_features, generator=g) * 0.02 for p, m in mods.items()}
        B = {p: torch.randn(m.out_features, r, generator=g) * 0.02 for p, m in mods.items()}
        adapters[f"t{t}"] = LoraAdapter(A, B, {p: 1.0 for p in paths}, None, r, r, "bench")
    return Share.consolidate(adapters, KRule(k=r))


def timed_train(model, examples, cfg, pad_id, params=None) -> tuple[float, float, int]:
    peak_rss_reset()
    stats = train(model, examples, cfg, pad_id=pad_id, params=params)
    return stats.seconds_per_step, peak_rss_mb(), stats.trainable_params


def generation_speed(model, tokenizer, prompts, batch_size: int, max_new_tokens: int) -> float:
    stop, produced = stop_ids(model, tokenizer), 0
    start = time.perf_counter()
    for lo in range(0, len(prompts), batch_size):
        out = greedy(model, prompts[lo:lo + batch_size], stop=stop, pad_id=tokenizer.pad_token_id,
                     max_new_tokens=max_new_tokens)
        produced += sum(len(o) + 1 for o in out)
    return produced / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=paths.BASE)
    parser.add_argument("--koans", default=None, help="a koans JSONL (default: data/koans/core/train.jsonl)")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--r", type=int, default=8)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    threads = set_threads(args.threads)
    koans_file = args.koans or (sorted(glob.glob("data/koans/core/train.jsonl")) + sorted(glob.glob("data/koans/core_*/train.jsonl")))[0]
    model, tokenizer = load_model(args.base)
    prompt_cfg = PromptConfig.load(args.base)
    koans = read_koans(koans_file)[:64]
    examples = encode_all(tokenizer, koans, prompt_cfg)
    cfg = TrainConfig(steps=args.steps, batch_size=args.batch_size, warmup_steps=1, progress=False, threads=threads)
    lora = LoraParams(r=args.r, alpha=2 * args.r)
    print(f"model {args.base}: {sum(p.numel() for p in model.parameters()):,} parameters; {threads} threads; "
          f"batch {args.batch_size}; {args.steps} steps each; koans {koans_file}")

    peft_model = with_lora(model, lora, seed=0)
    lora_step, lora_mem, lora_params = timed_train(peft_model, examples, cfg, tokenizer.pad_token_id)
    model = peft_model.unload()
    print(f"{'method':28s} {'trainable':>10s} {'s/step':>8s} {'peak RSS MB':>12s}")
    print(f"{f'LoRA r={lora.r}':28s} {lora_params:>10,d} {lora_step:>8.3f} {lora_mem:>12.0f}")
    share = random_share(model, lora.target_modules, args.r)
    for p, phi in ((1, 0), (1, 1), (args.r, 2)):
        params = attach_trainable(model, share, p=p, phi=phi)
        step, mem, n = timed_train(model, examples, cfg, tokenizer.pad_token_id, params=params)
        remove(model)
        print(f"{f'Share coefficients p={p} phi={phi}':28s} {n:>10,d} {step:>8.3f} {mem:>12.0f}   "
              f"({lora_params / n:.1f}x fewer than LoRA, {step / lora_step:.2f}x its step time)")
    model.requires_grad_(False)
    prompts = [prompt_ids(tokenizer, k, prompt_cfg) for k in koans[:16]]
    for batch in (1, 8):
        rate = generation_speed(model, tokenizer, prompts, batch, max_new_tokens=128)
        print(f"greedy generation, batch {batch}: {rate:,.0f} tokens/s")


if __name__ == "__main__":
    main()
