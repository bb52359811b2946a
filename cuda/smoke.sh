#!/usr/bin/env bash
# GPU smoke test, under 5 minutes: build a small Qwen2 + tokenizer, pre-train it a few
# steps, train a LoRA and a Share coefficient set in bf16, generate with each, and print
# what was measured. `--cpu` runs the same on CPU (float32, fewer steps) so it is testable
# anywhere. Usage: bash cuda/smoke.sh [--cpu] [--keep DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DEVICE=cuda
WORK=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) DEVICE=cpu ;;
    --keep) WORK="$2"; shift ;;
    *) echo "usage: $0 [--cpu] [--keep DIR]" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$WORK" ]; then WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi
DEVICE="$DEVICE" WORK="$WORK" PYTHONPATH=tests:. "$PY" - <<'PYEOF'
import os, time
import torch
from share.model.generation import GenerationConfig, answer_koans
from share.model.modeling import ModelSize, build_model, load_adapter, load_model, n_params
from share.subspace import KRule, Share, inject, read_adapter, set_task
from share.model.train import LoraParams, TrainConfig, pretrain, train_coefficients, train_lora
from share.model.prompt import PromptConfig, corpus
from share.model.tokenizer import train_tokenizer
from test_prompt import make_koans

device, work = os.environ["DEVICE"], os.environ["WORK"]
gpu = device == "cuda"
if gpu and not torch.cuda.is_available():
    raise SystemExit("smoke.sh: no CUDA device visible; run with --cpu to test on CPU")
bf16, steps = gpu, (60 if gpu else 8)
size = ModelSize(hidden_size=256, num_layers=4, num_heads=4, num_kv_heads=2, intermediate_size=768) if gpu else \
    ModelSize(hidden_size=64, num_layers=2, num_heads=2, num_kv_heads=1, intermediate_size=128)
print(f"device {torch.cuda.get_device_name() if gpu else 'cpu'}; bf16 {bf16}; {steps} steps per phase", flush=True)
koans, evals = make_koans(256), make_koans(16, seed=99)
prompt = PromptConfig(instruction=False, max_description_chars=80, max_diagnostic_chars=300)
cfg = dict(batch_size=16, lr=3e-3, warmup_steps=2, bf16=bf16, progress=False)
kw = {"device": device, "dtype": "float32"}

t = time.perf_counter()
tok = train_tokenizer(corpus(koans, prompt), vocab_size=1024)
model = build_model(tok, size).to(device)
stats = pretrain(model, tok, koans, TrainConfig(steps=steps, **cfg), prompt)
base = f"{work}/base"
model.save_pretrained(base); tok.save_pretrained(base); prompt.save(base)
print(f"pre-train  {n_params(model):>10,d} params  {stats.seconds_per_step:.3f} s/step  loss {stats.losses[0]:.3f} -> {stats.final_loss:.3f}", flush=True)

lora = LoraParams(r=8, alpha=16, target_modules=("q_proj", "v_proj", "o_proj"))
for seed in (1, 2):
    stats = train_lora(base, koans, f"{work}/lora{seed}", lora, TrainConfig(steps=steps, seed=seed, **cfg), prompt, model_kwargs=kw)
print(f"LoRA       {stats.trainable_params:>10,d} params  {stats.seconds_per_step:.3f} s/step  loss {stats.losses[0]:.3f} -> {stats.final_loss:.3f}", flush=True)
share = Share.consolidate({f"t{s}": read_adapter(f"{work}/lora{s}") for s in (1, 2)}, KRule(k=4))
share.save(f"{work}/share")
stats = train_coefficients(base, f"{work}/share", koans, f"{work}/pending", TrainConfig(steps=steps, **{**cfg, "lr": 1e-2}),
                           prompt, p=1, phi=2, model_kwargs=kw)
print(f"Share p=1  {stats.trainable_params:>10,d} params  {stats.seconds_per_step:.3f} s/step  loss {stats.losses[0]:.3f} -> {stats.final_loss:.3f}", flush=True)

gen = GenerationConfig(max_new_tokens=64, batch_size=8, bf16=bf16, progress=False)
model, tok = load_model(base, **kw)
for name, m in (("base", model), ("PEFT adapter", load_adapter(load_model(base, **kw)[0], f"{work}/lora1"))):
    s = time.perf_counter()
    answers = answer_koans(m, tok, evals, prompt, gen)
    print(f"generate ({name}): {len(answers)} answers in {time.perf_counter() - s:.2f} s", flush=True)
inject(model, share)
for task in ("t1", None):
    set_task(model, task)
    s = time.perf_counter()
    answers = answer_koans(model, tok, evals, prompt, gen)
    print(f"generate (Share {task or 'average'}): {len(answers)} answers in {time.perf_counter() - s:.2f} s", flush=True)
print(f"smoke test passed in {time.perf_counter() - t:.0f} s")
PYEOF
