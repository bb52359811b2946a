"""What one evaluation of a continual-learning cycle measures: for each method, which
model variant answers which koan set after which step (the cells of the accuracy
matrix), and how each variant is loaded from the stage outputs.

Methods (docs/report.md says which koans each answers): base; lora (one adapter per
task, the upper bound); merged_linear / merged_svd / merged_ties (PEFT
add_weighted_adapter over the per-task LoRAs, linear = the plain mean adapter);
sequential (one LoRA trained through the tasks in order, the forgetting baseline); replay
(the same with earlier tasks' data mixed in); share (per-task coefficients) and
share_mean (one averaged coefficient set, no task id); random_basis (arriving tasks'
coefficients trained against a random basis: the control).
"""

from __future__ import annotations

from dataclasses import dataclass

from share.cycle import paths

CORE = "core"
# Each method and the models folder (paths.model) its variants are loaded from, besides
# the base model. params.yaml's `evaluate.methods` lists the methods under the folder they
# read: one evaluate stage per folder, depending on that folder alone.
METHODS = {"base": "base", "lora": "lora", "merged_linear": "lora", "merged_svd": "lora", "merged_ties": "lora",
           "sequential": "sequential", "replay": "replay", "share": "share", "share_mean": "share",
           "random_basis": "random_basis"}
FINAL = "final"  # a cell measured once, at the end of the cycle
LEARNED = "learned"  # a cell measured right after its task was trained, before any later step


@dataclass(frozen=True)
class Cell:
    """`variant` answers the eval koans of `koans` (a task, or `core`) as of `step` (a
    step of the protocol, FINAL or LEARNED).

    variant: ("base",) | ("lora", task) | ("merged", kind) | ("adapter", dir)
             | ("share", step, task or None for the average)
    `subset` evaluates only the first koans of each core task: one core set for every
    row of the accuracy matrix, and each per-task update's price on core. A cell that is
    not `judged` is only scored teacher-forced (token accuracy): no answer is generated.
    """

    step: int | str
    variant: tuple
    koans: str
    subset: bool = False
    judged: bool = True


def folder_of(method: str) -> str:
    """The `evaluate.methods` key (and evaluate stage) of a method: its models folder's name."""
    return METHODS[method]


def result_path(method: str) -> str:
    return paths.results(folder_of(method), method)


def check_methods(methods) -> list[str]:
    """params.yaml's `evaluate.methods` must list known methods under the models folder
    each reads (the one dependency DVC tracks for that folder's evaluate stage).
    Returns the methods in order."""
    from share.cycle.params import ParamsError

    example = ", ".join(f"{folder_of(m)}: [{m}]" for m in ("lora", "share"))
    if not isinstance(methods, dict) or not methods or not all(isinstance(v, list) and v for v in methods.values()):
        raise ParamsError("params.yaml: `evaluate.methods` must list, under each models folder's name, the methods "
                          f"that read it, e.g. `{example}`; the methods and their folders: {METHODS}")
    listed = [m for names in methods.values() for m in names]
    for folder, names in methods.items():
        for method in names:
            if method not in METHODS:
                raise ParamsError(f"params.yaml: unknown evaluate method {method!r}; one of {', '.join(METHODS)}")
            if folder_of(method) != folder:
                raise ParamsError(f"params.yaml: evaluate method {method!r} reads {paths.model(METHODS[method])!r}, so it belongs "
                                  f"under `{folder_of(method)}:`, not `{folder}:`")
    if len(set(listed)) != len(listed):
        raise ParamsError(f"params.yaml: `evaluate.methods` lists a method twice: {listed}")
    return listed


def check_trained(methods: list[str], params: dict) -> None:
    """Every evaluated method must be trained: a sequential baseline by `lora.baselines`,
    the random-basis control for every arriving task by `coefficients.controls`."""
    from share.cycle.params import ParamsError

    baselines = params.get("lora", {}).get("baselines")
    if not isinstance(baselines, list) or not set(baselines) <= {"sequential", "replay"}:
        raise ParamsError(f"params.yaml: `lora.baselines` must list some of sequential, replay; got {baselines!r}")
    untrained = [m for m in methods if m in ("sequential", "replay") and m not in baselines]
    if untrained:
        raise ParamsError(f"params.yaml: evaluate.methods lists {untrained[0]!r}, which `lora.baselines` does not "
                          f"train; add it there, or drop it from evaluate.methods")
    controls = params.get("coefficients", {}).get("controls")
    if not isinstance(controls, list) or any(c not in params.get("steps", []) for c in controls):
        raise ParamsError("params.yaml: `coefficients.controls` must list steps of `steps` (all of them: `*steps`, "
                          f"or none: []); got {controls!r}")
    if "random_basis" in methods and len(controls) != len(params.get("steps", [])):
        raise ParamsError("params.yaml: evaluate.methods lists random_basis, which needs the control trained for "
                          "every arriving task: set `coefficients.controls: *steps`")


def plan(method: str, protocol: dict, judge_all: bool = True) -> list[Cell]:
    """Every cell a method is measured on. Matrix methods get a row per step (each learned
    task, the next task before it is learned, the core subset) and a just-learned cell
    per task; the others are measured once at the end. With `judge_all` False, only the
    cells pass rates need are judged (the end of the cycle, each task just learned); the
    rest of the matrix and each update's price on core are scored teacher-forced."""
    order, initial, steps = protocol["order"], protocol["initial"], protocol["steps"]
    last = len(steps)
    seen_at = {s: initial + [x["task"] for x in steps[:s]] for s in range(last + 1)}
    new_at = {0: initial} | {s: [steps[s - 1]["task"]] for s in range(1, last + 1)}  # learned at step s
    upcoming = {s: steps[s]["task"] for s in range(last)}  # the task step s+1 will learn
    price = judge_all  # each update's price on core: judged, or scored

    def row(s: int, variant_of, fresh=new_at) -> list[Cell]:
        """Row s: each task learned so far, the next task (forward transfer), the core subset;
        `fresh[s]`: the tasks row s measures just learned (judged even when judge_all is off)."""
        judged = lambda k: judge_all or s == last or k in fresh[s]  # noqa: E731
        tasks = seen_at[s] + ([upcoming[s]] if s in upcoming else [])
        return [Cell(s, variant_of(s, k), k, judged=judged(k)) for k in tasks] + \
            [Cell(s, variant_of(s, None), CORE, True, judged=judge_all)]

    if method == "base":
        return [Cell(FINAL, ("base",), k) for k in order + [CORE]]
    if method == "lora":  # each adapter on its task, and its price on core
        return [c for t in order for c in (Cell(FINAL, ("lora", t), t), Cell(FINAL, ("lora", t), CORE, True, price))]
    if method.startswith("merged_"):
        return [Cell(FINAL, ("merged", method.removeprefix("merged_")), k) for k in order + [CORE]]
    if method in ("sequential", "replay"):
        model = lambda s, _: ("adapter", paths.snapshot(method, seen_at[s][-1]))  # noqa: E731  one model per row
        cells = [Cell(LEARNED, ("adapter", paths.snapshot(method, t)), t) for t in initial[:-1]]  # the last is row 0's
        fresh = new_at | {0: initial[-1:]}  # row 0's model learned the other initial tasks earlier
        return cells + [c for s in range(last + 1) for c in row(s, model, fresh)] + [Cell(last, model(last, None), CORE)]
    if method == "share":
        coefficients = lambda s, k: ("share", s, k if k in seen_at[s] else None)  # noqa: E731  the average otherwise
        cells = [Cell(LEARNED, ("adapter", paths.pending(x["step"])), x["task"]) for x in steps]
        cells += [c for s in range(last + 1) for c in row(s, coefficients)]
        return cells + [Cell(FINAL, ("share", last, t), CORE, True, price) for t in order]  # each task's price on core
    if method == "share_mean":
        return [Cell(FINAL, ("share", last, None), k) for k in order + [CORE]]
    if method == "random_basis":
        return [c for x in steps for c in (Cell(FINAL, ("adapter", paths.random_basis(x["task"])), x["task"]),
                                           Cell(FINAL, ("adapter", paths.random_basis(x["task"])), CORE, True,
                                                price))]
    raise ValueError(f"unknown method {method!r}; one of {', '.join(METHODS)}")


def load_answerer(base_dir, *, adapter=None, share_dir=None, task=None, model_kwargs: dict | None = None):
    """(model, tokenizer): the base model in `base_dir`, loaded fresh (so no variant can
    leak into another), with a PEFT `adapter` or a Share (`share_dir`, and the coefficients
    of `task`, or their average when task is None) applied. `koanshare answer` and the
    evaluate stages load every model through here."""
    from share.model.modeling import load_adapter, load_model

    model, tokenizer = load_model(base_dir, **(model_kwargs or {}))
    if adapter is not None and share_dir is not None:
        raise ValueError("give an adapter or a Share, not both")
    if adapter is not None:
        return load_adapter(model, adapter), tokenizer
    if share_dir is not None:
        from share.subspace import Share, inject, set_task

        inject(model, Share.load(share_dir))
        set_task(model, task)
    return model, tokenizer


def load_variant(variant: tuple, base_dir: str, protocol: dict, model_kwargs: dict | None = None):
    """(model, tokenizer) for a plan's variant; `model_kwargs` go to load_model (dtype, device, ...)."""
    kind = variant[0]
    if kind == "base":
        return load_answerer(base_dir, model_kwargs=model_kwargs)
    if kind in ("lora", "adapter"):
        path = paths.lora(variant[1]) if kind == "lora" else variant[1]
        return load_answerer(base_dir, adapter=path, model_kwargs=model_kwargs)
    if kind == "share":
        return load_answerer(base_dir, share_dir=paths.share_step(variant[1]), task=variant[2],
                             model_kwargs=model_kwargs)
    if kind == "merged":
        model, tokenizer = load_answerer(base_dir, model_kwargs=model_kwargs)
        return merged_adapter(model, protocol["order"], variant[1]), tokenizer
    raise ValueError(f"unknown variant {variant!r}")


def folded(model):
    """A variant for generation: its update added into the weights (PEFT merge_and_unload,
    Share fold), the same function at the base model's cost: on the default cycle the
    sequential baseline's evaluation took 58 s instead of 75 s, with identical results.
    Only float32 weights are folded: rounding W + delta W to bf16 would lose much of a
    small update, so such a model is served as it is."""
    import torch
    from peft import PeftModel

    from share.subspace import fold

    if next(model.parameters()).dtype != torch.float32:
        return model
    if isinstance(model, PeftModel):
        return model.merge_and_unload()
    return fold(model)


def merged_adapter(model, tasks: list[str], kind: str):
    """PEFT's add_weighted_adapter over the per-task LoRAs, each merge on the task updates
    B_i A_i themselves. `linear` is the plain mean adapter, mean_i(B_i A_i), which PEFT
    computes exactly with `cat` (weights 1/N, rank N*r); PEFT's own `linear` and `ties`
    combine the A and the B factors apart, so their update carries cross terms B_i A_j
    that no task learned. `svd` is the mean truncated to the summed rank; `ties` is TIES
    on the updates (top 50% of each by magnitude, sign election, disjoint mean; PEFT
    `ties_svd`) at the same rank. The summed rank is capped by the narrowest module."""
    from peft import PeftModel
    from peft.tuners.lora import LoraLayer

    from share.model.modeling import check_adapter

    for t in tasks:
        check_adapter(model, paths.lora(t))
    peft_model = PeftModel.from_pretrained(model, paths.lora(tasks[0]), adapter_name=tasks[0])
    for t in tasks[1:]:
        peft_model.load_adapter(paths.lora(t), adapter_name=t)
    n = len(tasks)
    room = min(min(m.in_features, m.out_features) for m in peft_model.modules() if isinstance(m, LoraLayer))
    rank = min(sum(peft_model.peft_config[t].r for t in tasks), room)
    if kind == "linear":
        peft_model.add_weighted_adapter(tasks, [1.0 / n] * n, "merged", combination_type="cat")
    elif kind == "svd":
        peft_model.add_weighted_adapter(tasks, [1.0 / n] * n, "merged", combination_type="svd", svd_rank=rank)
    elif kind == "ties":
        peft_model.add_weighted_adapter(tasks, [1.0] * n, "merged", combination_type="ties_svd", density=0.5,
                                        svd_rank=rank)
    else:
        raise ValueError(f"unknown merge {kind!r}; one of linear, svd, ties")
    peft_model.set_adapter("merged")
    return peft_model


def saved_bytes(peft_model, adapter: str = "merged") -> int:
    """The size of an adapter's weights file as PEFT saves it (what serving it would store)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        peft_model.save_pretrained(tmp, selected_adapters=[adapter])
        return sum(f.stat().st_size for f in Path(tmp).rglob("*.safetensors"))
