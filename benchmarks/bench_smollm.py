"""Speed of the pip-shipped base model (SmolLM2-135M-Instruct) on this machine, to plan a
cycle: the conversion to a model directory (and that its logits are the GGUF model's),
a LoRA training step, teacher-forced scoring and greedy generation, in float32 and in
bf16 autocast (and, for inference, with the weights themselves in bfloat16).

    .venv/bin/python benchmarks/bench_smollm.py [--threads 2] [--steps 5]

Token ids are random (no koans needed): speed depends on lengths, not on the text. An
example is PROMPT prompt tokens + ANSWER answer tokens, about a koan's size. The 1-minute
load average is printed beside each figure (this run's own 2 threads count about 2):
other work on a 2-core machine slows every figure.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Set before torch loads OpenMP: on this shared 2-core machine, threads spinning at barriers
# made a LoRA step 4-45 s at load 4, where passive waiting gives a steady 5-8 s.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_pretrained import SMOLLM2  # noqa: E402  the package, file and sha256 the tests pin

from share.model.generation import greedy  # noqa: E402
from share.model.hardware import native_bf16  # noqa: E402
from share.model.modeling import load_model, n_params  # noqa: E402
from share.model.pretrained import export_model, verified_gguf  # noqa: E402
from share.model.prompt import IGNORE, Example  # noqa: E402
from share.model.train import LoraParams, TrainConfig, score_examples, train, with_lora  # noqa: E402

PROMPT, ANSWER = 300, 100


def load() -> str:
    return "load {:.1f}".format(os.getloadavg()[0])


def examples(n: int, vocab: int, seed: int = 0) -> list[Example]:
    g = torch.Generator().manual_seed(seed)
    out = []
    for i in range(n):
        ids = torch.randint(17, vocab, (PROMPT + ANSWER,), generator=g).tolist()  # 0-16 are special tokens
        out.append(Example(f"x{i}", ids, [IGNORE] * PROMPT + ids[PROMPT:]))
    return out


def logits_match(model, tokenizer) -> float:
    """The largest difference between the saved model's logits and the GGUF model's."""
    from transformers import AutoModelForCausalLM

    path = verified_gguf(SMOLLM2)
    original = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name, dtype="float32").eval()
    text = tokenizer.apply_chat_template([{"role": "user", "content": "fn main() { let v = vec![1]; }"}],
                                         add_generation_prompt=True, tokenize=False)
    ids = torch.tensor([tokenizer(text, add_special_tokens=False)["input_ids"]])
    with torch.no_grad():
        return float((original(ids).logits - model(ids).logits).abs().max())


def lora_step(model_dir: Path, data: list[Example], bf16: bool, steps: int, threads: int) -> tuple[float, float]:
    """(median seconds of `steps` single steps after a warm-up one, the warm-up's loss) of
    LoRA r=8 on all linear modules; the median, since other work on the machine adds spikes."""
    model, tokenizer = load_model(model_dir)
    model = with_lora(model, LoraParams(), seed=0)
    one = TrainConfig(steps=1, batch_size=4, warmup_steps=0, bf16=bf16, threads=threads, progress=False)
    loss = train(model, data, one, pad_id=tokenizer.pad_token_id).losses[0]
    seconds = sorted(train(model, data, one, pad_id=tokenizer.pad_token_id).seconds for _ in range(steps))
    return seconds[len(seconds) // 2], loss


def scoring(model, data: list[Example], pad_id: int, bf16: bool) -> float:
    """Seconds per example of teacher-forced scoring at batch 16 (after a warm-up batch)."""
    score_examples(model, data, pad_id, 16, bf16)
    start = time.perf_counter()
    score_examples(model, data, pad_id, 16, bf16)
    return (time.perf_counter() - start) / len(data)


def generation(model, data: list[Example], pad_id: int, bf16: bool, new_tokens: int) -> float:
    """Seconds to generate `new_tokens` for all prompts in one batch (no stop token can end it early)."""
    start = time.perf_counter()
    out = greedy(model, [e.input_ids for e in data], stop={-1}, pad_id=pad_id, max_new_tokens=new_tokens, bf16=bf16)
    assert all(len(o) == new_tokens for o in out)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5, help="timed LoRA steps (after a warm-up step)")
    parser.add_argument("--new-tokens", type=int, default=64)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, HEAD {head}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, {args.threads} threads, OMP_WAIT_POLICY={os.environ['OMP_WAIT_POLICY']}, torch {torch.__version__}, native bf16: {native_bf16('cpu')}, {load()}")

    with tempfile.TemporaryDirectory(prefix="bench-smollm-") as tmp:
        model_dir = Path(tmp) / "base"
        start = time.perf_counter()
        export_model(SMOLLM2, model_dir)
        seconds = time.perf_counter() - start
        size = sum(f.stat().st_size for f in model_dir.iterdir())
        model, tokenizer = load_model(model_dir)
        print(f"conversion: {seconds:.1f} s, {size / 1e6:.0f} MB, {n_params(model):,} parameters (float32), "
              f"largest logit difference from the GGUF model: {logits_match(model, tokenizer)} ({load()})")

        pad = tokenizer.pad_token_id
        train_data, batch16 = examples(4, len(tokenizer)), examples(16, len(tokenizer), seed=1)
        bf16_model = load_model(model_dir, dtype="bfloat16")[0]
        rows = []
        for name, bf16 in (("float32", False), ("bf16 autocast", True)):
            step, loss = lora_step(model_dir, train_data, bf16, args.steps, args.threads)
            rows.append((name, f"{step:.2f} s (loss {loss:.3f})", f"{scoring(model, batch16, pad, bf16):.3f} s",
                         f"{generation(model, batch16, pad, bf16, args.new_tokens):.1f} s", load()))
        rows.append(("bfloat16 weights", "-", f"{scoring(bf16_model, batch16, pad, False):.3f} s",
                     f"{generation(bf16_model, batch16, pad, False, args.new_tokens):.1f} s", load()))

    n = PROMPT + ANSWER
    header = ("", f"LoRA step, batch 4 x {n}", f"scoring, per example (batch 16 x {n})",
              f"greedy {args.new_tokens} new tokens, 16 x {n}", "")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))


if __name__ == "__main__":
    main()
