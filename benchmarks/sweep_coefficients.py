"""How Share phase-2 settings learn a task, beside LoRA in the same run: final training
loss, held-out teacher-forced loss, trainable parameters and step time for a few
(p, phi, lr). It picked the default coefficient lr (params.yaml `coefficients`).

    .venv/bin/python benchmarks/sweep_coefficients.py [--task bc_mut] [--share models/share/step_0] [--steps 80]

Needs a cycle's outputs (`dvc repro` up to `consolidate`): the task's koans and a basis.
"""

from __future__ import annotations

import argparse
import tempfile

from share.koan import read_koans
from share.prompt import PromptConfig
from share.train import LoraParams, TrainConfig, set_threads, train_coefficients, train_lora

SETTINGS = [(1, 2, 5e-3), (1, 2, 5e-2), (4, 0, 5e-2), (8, 2, 5e-2)]  # (p, phi, lr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--task", default="bc_mut")
    parser.add_argument("--base", default="models/base")
    parser.add_argument("--share", default="models/share/step_0")
    parser.add_argument("--steps", type=int, default=80)
    args = parser.parse_args()
    set_threads(2)
    prompt = PromptConfig.load(args.base)
    koans, dev = (read_koans(f"data/koans/{args.task}/{split}.jsonl") for split in ("train", "dev"))  # chosen on dev, never eval
    cfg = lambda lr: TrainConfig(steps=args.steps, batch_size=8, lr=lr, warmup_steps=10, grad_clip=1.0, progress=False)  # noqa: E731
    print(f"task {args.task}: {len(koans)} training koans, {len(dev)} dev; {args.steps} steps, batch 8")
    with tempfile.TemporaryDirectory() as tmp:
        runs = [("LoRA r=8 lr=0.005", lambda: train_lora(args.base, koans, f"{tmp}/lora", LoraParams(), cfg(5e-3), prompt,
                                                          eval_koans=dev))]
        for p, phi, lr in SETTINGS:
            runs.append((f"coefficients p={p} phi={phi} lr={lr}",
                         lambda p=p, phi=phi, lr=lr: train_coefficients(args.base, args.share, koans, f"{tmp}/c{p}{phi}{lr}",
                                                                        cfg(lr), prompt, p=p, phi=phi, eval_koans=dev)))
        for name, run in runs:
            stats = run()
            print(f"{name:34s} final loss {stats.final_loss:.3f}  held-out loss {stats.eval_loss:.3f}  "
                  f"trainable {stats.trainable_params:>6,}  {stats.seconds_per_step:.3f} s/step", flush=True)


if __name__ == "__main__":
    main()
