"""DVC stage `base_model`: build models/base/ from the `base_model` params section.

kind "embedded": train the BPE tokenizer on the core koans, build the small Qwen2 from
the size params, pre-train it (budget in steps) on the core train koans, and measure it
on the held-out core koans (the eval split) with the real rustc evaluator. Koans are read
from koans_dir/<family>/<split>.jsonl, else koans_dir/<family>_*/<split>.jsonl (one dir
per task); train koans that are in neither place are generated here (n_train per task).
kind "pretrained": take any Hugging Face causal-LM directory (`source`) as is.

Either way models/base/ holds a loadable model + tokenizer + prompt.json (the prompt
every later stage must use) + metrics.json, and appears atomically; the metrics also go
to metrics/base_model.json. Usage: python stages/base_model.py [--params params.yaml]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import yaml

from share.io import atomic_path, write_json
from share.koan import SchemaError, read_koans
from share.modeling import ModelError, ModelSize, build_model, check_model_dir, load_model, n_params
from share.plugins import PluginError
from share.prompt import PromptConfig, corpus
from share.train import TrainConfig, pretrain, set_threads

KINDS = ("embedded", "pretrained")
DEFAULTS = {
    "kind": "embedded",
    "source": None,  # kind "pretrained": a Hugging Face causal-LM directory
    "model": {},  # load_model options: dtype, attn_implementation, device (e.g. cuda)
    "out": "models/base",
    "metrics": "metrics/base_model.json",
    "live_dir": "dvclive/base_model",
    "koans_dir": "data/koans",
    "family": "core",  # the base curriculum
    "n_train": 500,  # train koans per task, generated here when koans_dir has none
    "seed": 0,
    # The embedded default, as pre-trained and measured (see metrics/base_model.json):
    "tokenizer": {"vocab_size": 4096, "min_frequency": 2},
    "size": {"hidden_size": 128, "num_layers": 4, "num_heads": 4, "num_kv_heads": 2, "intermediate_size": 384,
             "max_positions": 1024},
    "prompt": {"format": "edits", "instruction": False, "max_description_chars": 80, "max_diagnostic_chars": 300,
               "max_prompt_tokens": 448, "max_length": 512},
    "train": {"steps": 2200, "batch_size": 16, "lr": 6e-3, "warmup_steps": 100, "min_lr_ratio": 0.1,
              "weight_decay": 0.01, "grad_clip": 1.0, "bf16": False, "eval_every": 400, "threads": 0},
    "generation": {"max_new_tokens": 128, "batch_size": 16},
    "eval": {"workers": None, "timeout": 10.0, "max_koans": None},
}


def read_params(path: str | Path) -> dict:
    """The `base_model` section over DEFAULTS; unknown keys are errors (a typo must not
    silently fall back to a default)."""
    try:
        data = yaml.safe_load(Path(path).read_text()) or {}
    except OSError as e:
        raise ModelError(f"cannot read params file {path} ({e.strerror}); pass --params FILE") from e
    section = data.get("base_model")
    if not isinstance(section, dict):
        raise ModelError(f"{path} has no `base_model:` section; add one (see cuda/params-gpu.yaml for an example)")
    unknown = sorted(set(section) - set(DEFAULTS))
    if unknown:
        raise ModelError(f"{path}: base_model.{unknown[0]} is not a known param (known: {', '.join(DEFAULTS)})")
    params = {**DEFAULTS, **section}
    for name, default in DEFAULTS.items():  # a nested section overrides key by key
        if isinstance(default, dict):
            if not isinstance(params[name], dict):
                raise ModelError(f"{path}: base_model.{name} must be a mapping, got {params[name]!r}")
            params[name] = {**default, **params[name]}
    if params["kind"] not in KINDS:
        raise ModelError(f"{path}: base_model.kind is {params['kind']!r}; use one of {KINDS}")
    if params["kind"] == "pretrained" and not params["source"]:
        raise ModelError(f"{path}: base_model.kind is 'pretrained' but base_model.source (a model directory) is not set")
    return params


def _section(cls, params: dict, name: str, **extra):
    try:
        return cls(**{**params.get(name, {}), **extra})
    except TypeError as e:
        raise ModelError(f"base_model.{name}: {e}; check the key names") from e


def koan_files(koans_dir: str | Path, family: str, split: str) -> list[Path]:
    one = Path(koans_dir) / family / f"{split}.jsonl"
    return [one] if one.is_file() else sorted(Path(koans_dir).glob(f"{family}_*/{split}.jsonl"))


def load_koans(koans_dir: str | Path, family: str, split: str, generate_n: int = 0, seed: int = 0) -> list:
    """The family's koans of one split, from files, or generated (and verified) here."""
    files = koan_files(koans_dir, family, split)
    if files:
        return [k for f in files for k in read_koans(f)]
    if not generate_n:
        raise ModelError(f"no {koans_dir}/{family}/{split}.jsonl (or {family}_*/{split}.jsonl); generate the "
                         f"{family} koans first (`dvc repro core_koans`, or koanshare generate {family} --split {split})")
    from share.generate import generate_tasks
    from share.plugins import load_registry

    tasks = load_registry().family_tasks(family)
    if not tasks:
        raise ModelError(f"no registered tasks in family {family!r}; `koanshare families` lists them")
    return [k for koans, _ in generate_tasks(tasks, split, generate_n, seed) for k in koans]


def link_tree(src: Path, dst: Path) -> None:
    """Copy a model directory, hard-linking files where the filesystem allows (no 2x disk)."""
    def link(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
    shutil.copytree(src, dst, copy_function=link)


def build(params: dict) -> dict:
    """Build models/base/ and return the metrics; every param is checked before work starts."""
    from share.generation import GenerationConfig, evaluate_model
    from share.metrics import summarize
    from share.tokenizer import train_tokenizer

    seed = params["seed"]
    prompt_cfg = _section(PromptConfig, params, "prompt")
    gen_cfg = _section(GenerationConfig, params, "generation")
    eval_params = params["eval"]
    eval_koans = load_koans(params["koans_dir"], params["family"], "eval")[: eval_params["max_koans"]]
    embedded = params["kind"] == "embedded"
    if embedded:
        train_cfg = _section(TrainConfig, params, "train", seed=seed)
        size = _section(ModelSize, params, "size")
        train_koans = load_koans(params["koans_dir"], params["family"], "train", params["n_train"], seed)
    else:
        check_model_dir(params["source"])
    started = time.perf_counter()
    metrics: dict = {"kind": params["kind"], "seed": seed}
    with atomic_path(params["out"]) as out:
        if not embedded:
            model, tokenizer = load_model(params["source"], **params["model"])
            link_tree(Path(params["source"]), out)
            metrics["source"] = str(params["source"])
        else:
            tokenizer = train_tokenizer(corpus(train_koans, prompt_cfg), **params["tokenizer"])
            model = build_model(tokenizer, size, seed).to(params["model"].get("device") or "cpu")
            print(f"pre-training {n_params(model):,} parameters on {len(train_koans)} koans for {train_cfg.steps} steps", flush=True)
            stats = pretrain(model, tokenizer, train_koans, train_cfg, prompt_cfg, eval_koans=eval_koans,
                             live_dir=params["live_dir"])
            print(f"pre-training: {stats.steps} steps in {stats.seconds:.0f} s ({stats.seconds_per_step:.3f} s/step), "
                  f"final loss {stats.final_loss:.4f}", flush=True)
            metrics["pretrain"] = stats.to_json()
            model.save_pretrained(out)
            tokenizer.save_pretrained(out)
        prompt_cfg.save(out)
        metrics["params"] = n_params(model)
        set_threads(gen_cfg.threads)
        metrics["eval"] = summarize(evaluate_model(model, tokenizer, eval_koans, prompt_cfg, gen_cfg,
                                                   workers=eval_params["workers"], timeout=eval_params["timeout"]))
        metrics["seconds"] = round(time.perf_counter() - started, 1)
        write_json(out / "metrics.json", metrics)
    write_json(params["metrics"], metrics)
    return metrics


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", default="params.yaml", help="params file with a base_model section")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so atomic outputs leave nothing behind
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        metrics = build(read_params(args.params))
    except (ModelError, SchemaError, PluginError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    ev = metrics["eval"]
    shapes = ", ".join(f"{s} shapes {g['passed']}/{g['n']}" for s, g in ev["by_shape"].items())
    print(f"held-out pass rate {ev['passed']}/{ev['n']} = {ev['pass_rate']:.1%} {ev['ci95']} ({shapes}), "
          f"teacher-forced loss {ev['loss']:.4f}, token accuracy {ev['token_accuracy']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
