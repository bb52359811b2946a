"""A SmolLM2 LoRA step with the model's own attention (sdpa) against eager attention, the
two run alternately in one process so neither gets the warm-up (prints figures; not a test).

    .venv/bin/python benchmarks/ab_attention.py [--rounds 3] [--steps 6]

Needs models/base and data/koans/bc_move/train.jsonl (batch 4, as the cycle trains). The
first round warms the process up: compare the later ones.
"""

from __future__ import annotations

import argparse
import contextlib
from unittest import mock

import share.model.train as train_module
from share.koans.koan import read_koans
from share.model.modeling import load_model
from share.model.prompt import PromptConfig, encode_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=6)
    args = parser.parse_args()
    train_module.set_threads(0)
    base, tokenizer = load_model("models/base")
    examples = encode_all(tokenizer, read_koans("data/koans/bc_move/train.jsonl"), PromptConfig.load("models/base"))
    cfg = train_module.TrainConfig(steps=args.steps, batch_size=4, lr=1e-3, warmup_steps=1, bf16="auto", progress=False)
    own = mock.patch.object(train_module, "training_attention", lambda model: contextlib.nullcontext())
    seconds = {"sdpa (the model's own)": [], "eager (train.training_attention)": []}
    for _ in range(args.rounds):
        for name, patch in zip(seconds, (own, contextlib.nullcontext())):
            model = train_module.with_lora(base, train_module.LoraParams(), seed=0)
            with patch:
                seconds[name].append(train_module.train(model, examples, cfg, pad_id=tokenizer.pad_token_id).seconds_per_step)
            base = model.unload()
    for name, values in seconds.items():
        print(f"{name:34s} s/step by round: {', '.join(f'{v:.3f}' for v in values)}")


if __name__ == "__main__":
    main()
