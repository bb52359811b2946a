"""The compute floor of the committed cycle on this machine (prints figures; not a test).

Measures this machine's matrix-multiply throughput (float32 and bfloat16, shapes of the
base model's layers), counts the arithmetic the cycle's training, generation and scoring
need (from its logs, results and koans; a transformer forward costs about 2 FLOPs per
weight per token, training about 3 forwards' worth: the forward, and the gradients of the
activations, since LoRA leaves the weights' own gradients out), and prints how far each
part of the cycle is from doing that arithmetic at the measured peak.

    .venv/bin/python benchmarks/bench_floor.py [--threads 2]

Needs a finished cycle in this checkout (logs/, results/, data/koans/, models/base).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import torch

from share.cycle import params as P
from share.cycle import paths
from share.cycle.report import training_runs
from share.koans.koan import read_koans
from share.model.hardware import native_bf16
from share.model.modeling import load_tokenizer
from share.model.prompt import PromptConfig, answer_ids, prompt_ids, target


def throughput(m: int, k: int, n: int, dtype: torch.dtype, seconds: float = 2.0) -> float:
    """FLOP/s of an (m x k) @ (k x n) multiply, repeated for about `seconds`."""
    a, b = torch.randn(m, k, dtype=dtype), torch.randn(k, n, dtype=dtype)
    a @ b  # warm up
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        a @ b
        count += 1
    return 2 * m * k * n * count / (time.perf_counter() - start)


def model_flops(config) -> tuple[float, float]:
    """(FLOPs per token of a forward through the layers, of the lm_head for one token)."""
    d, inner, layers = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    kv = d * config.num_key_value_heads // config.num_attention_heads
    per_layer = 2 * (d * d * 2 + d * kv * 2 + 3 * d * inner)  # q, o; k, v; gate, up, down
    return layers * per_layer, 2 * d * config.vocab_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(paths.BASE)
    body, head = model_flops(config)
    tokenizer, prompt_cfg = load_tokenizer(paths.BASE), PromptConfig.load(paths.BASE)
    params = P.load()
    protocol = P.protocol(params)
    koans = [k for t in protocol["order"] for k in read_koans(paths.koans(t, "train"))]
    prompt = statistics.mean(len(prompt_ids(tokenizer, k, prompt_cfg)) for k in koans)
    answer = statistics.mean(len(answer_ids(tokenizer, target(k, prompt_cfg.format))) for k in koans)
    tokens = prompt + answer
    print(f"{paths.BASE}: {body / 2 / 1e6:.0f}M weights in the layers; a koan is {prompt:.0f} prompt + {answer:.0f} answer "
          f"tokens on average (train koans of the cycle's tasks)")

    shape = (512, config.hidden_size, config.intermediate_size)
    fp32, bf16 = throughput(*shape, torch.float32), throughput(*shape, torch.bfloat16)
    print(f"matmul {shape[0]}x{shape[1]} @ {shape[1]}x{shape[2]}, {args.threads} threads: float32 {fp32 / 1e9:.0f} "
          f"GFLOP/s, bfloat16 {bf16 / 1e9:.0f} GFLOP/s (native bf16: {native_bf16('cpu')})")

    methods = [m for ms in params["evaluate"]["methods"].values() for m in ms]
    runs = training_runs(protocol, methods)
    batch = P.section(params, "lora")["train"]["batch_size"]  # the coefficient runs use the same batch
    steps = sum(r["steps"] for r in runs if r.get("seconds"))  # a run reused from another stage took 0 s
    step_tokens = batch * tokens
    train_flops = steps * step_tokens * (3 * body) + steps * batch * answer * 3 * head
    train_seconds = sum(r["seconds"] for r in runs)
    records = [r for p in Path("results").glob("*/*.json") for c in json.loads(p.read_text())["cells"] for r in c["records"]]
    unique = {(tuple(c["variant"]), r["id"], r["status"] is not None) for p in Path("results").glob("*/*.json")
              for c in json.loads(p.read_text())["cells"] for r in c["records"]}
    generated = sum(judged for _, _, judged in unique)
    scored = len(unique)
    eval_flops = generated * (prompt + answer) * body + generated * answer * head + scored * tokens * body
    eval_seconds = sum(json.loads(p.read_text())["seconds"] for p in Path("results").glob("*/*.json"))
    peak = bf16 if native_bf16("cpu") else fp32
    print(f"training: {steps} steps of {step_tokens:.0f} tokens, {train_flops / 1e12:.0f} TFLOP; at the measured "
          f"{'bf16' if peak is bf16 else 'fp32'} peak {train_flops / peak:.0f} s, measured {train_seconds:.0f} s: "
          f"{train_seconds / (train_flops / peak):.1f}x the floor")
    print(f"evaluation: {generated} answers generated, {scored} koans scored ({len(records)} cell records), "
          f"{eval_flops / 1e12:.0f} TFLOP; at the float32 peak {eval_flops / fp32:.0f} s, measured {eval_seconds:.0f} s: "
          f"{eval_seconds / (eval_flops / fp32):.1f}x the floor (decoding one token at a time reads every weight "
          f"per step: it is bound by memory, not arithmetic)")


if __name__ == "__main__":
    main()
