"""params.yaml for the DVC cycle: load one stage's section and check the continual
protocol (tasks, initial set, arriving steps) before any work starts."""

from __future__ import annotations

from pathlib import Path

import yaml


class ParamsError(ValueError):
    """params.yaml is wrong; the message names the key and the fix."""


def load(path: str | Path = "params.yaml") -> dict:
    path = Path(path)
    try:
        params = yaml.safe_load(path.read_text())
    except OSError as e:
        raise ParamsError(f"{path}: cannot read ({e.strerror}); run from the project root") from e
    if not isinstance(params, dict):
        raise ParamsError(f"{path}: expected a mapping of sections")
    return params


def section(params: dict, name: str) -> dict:
    if not isinstance(params.get(name), dict):
        raise ParamsError(f"params.yaml: section {name!r} is missing; see the default params.yaml")
    return params[name]


def _task_items(params: dict) -> dict:
    items = params.get("tasks") or {}
    if not isinstance(items, dict):
        raise ParamsError("params.yaml: `tasks` must map each task to {family: FAMILY}")
    for name, item in items.items():
        steps = item.get("train_steps", 1) if isinstance(item, dict) else None
        if not isinstance(item, dict) or "family" not in item or set(item) - {"family", "train_steps"} \
                or not isinstance(steps, int) or steps < 1:
            raise ParamsError(f"params.yaml: tasks.{name} must be {{family: FAMILY}} or {{family: FAMILY, "
                              f"train_steps: N}} with N >= 1, got {item!r}")
    return items


def train_settings(params: dict, name: str, task: str) -> dict:
    """Section `name`'s `train` settings for one task: its steps are the task's own
    `train_steps` where params.yaml gives one (a budget chosen on the dev split), the
    same for every method that trains on the task, else the section's."""
    settings = dict(section(params, name)["train"])
    item = _task_items(params).get(task)
    if item is None:
        raise ParamsError(f"params.yaml: task {task!r} is not in `tasks`")
    settings["steps"] = item.get("train_steps", settings["steps"])
    return settings


def protocol(params: dict, registry=None) -> dict:
    """The checked continual protocol: {tasks: {name: family}, initial: [...], steps: [...]}.

    `tasks` lists every skill task of the cycle with its family (DVC needs the family to
    track each task's plugin code) and optionally its `train_steps` (see train_settings);
    `initial` are consolidated in phase 1; `steps` arrive one by one, each naming its
    predecessor step.
    """
    tasks = {name: item["family"] for name, item in _task_items(params).items()}
    initial = list(params.get("initial") or [])
    steps = list(params.get("steps") or [])
    if not initial:
        raise ParamsError("params.yaml: `initial` must name at least one task (phase 1 needs an adapter)")
    for i, step in enumerate(steps, 1):
        want = {"step": i, "prev": i - 1}
        if not isinstance(step, dict) or {k: step.get(k) for k in want} != want or "task" not in step:
            raise ParamsError(f"params.yaml: steps[{i - 1}] must be {{step: {i}, prev: {i - 1}, task: NAME}}, got {step!r}")
    order = initial + [s["task"] for s in steps]
    if sorted(order) != sorted(tasks) or len(set(order)) != len(order):
        raise ParamsError("params.yaml: `initial` plus the `steps` tasks must name each task of `tasks` exactly once "
                          f"(tasks: {sorted(tasks)}; initial+steps: {order})")
    if registry is not None:
        for name, family in tasks.items():
            task = registry.task(name)  # raises naming the unknown task
            if task.family != family:
                raise ParamsError(f"params.yaml: task {name!r} belongs to family {task.family!r}, not {family!r}")
    return {"tasks": tasks, "initial": initial, "steps": steps, "order": order}


# The errors a user can fix, by module: a module never imported cannot have raised its
# error, so run_stage looks them up without importing torch into light stages.
USER_ERRORS = {"share.cycle.params": "ParamsError", "share.koans.koan": "SchemaError",
               "share.model.modeling": "ModelError", "share.koans.plugins": "PluginError",
               "share.subspace.store": "ShareError", "share.cycle.report": "ReportError"}


def run_stage(main) -> None:
    """Run a stage's main(); an error the user can fix prints one `error: ...` line and
    exits 2 (outputs are written atomically, so nothing half-written is left)."""
    import sys

    try:
        main()
    except Exception as e:
        user_errors = tuple(getattr(sys.modules[module], name) for module, name in USER_ERRORS.items()
                            if module in sys.modules)
        if not isinstance(e, user_errors + (FileNotFoundError, RuntimeError)):
            raise
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
