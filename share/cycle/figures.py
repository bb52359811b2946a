"""The cycle's figures as PNG images that reports/cycle.md embeds, drawn from the same
data as the DVC plots (`dvc plots show` needs a network for its Vega page; these do not).

Each function takes plain rows (the plot files' data) and writes one image atomically;
matplotlib runs headless (Agg) and stamps no date, so the same data give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from share.io import atomic_path

PNG = {"Software": None}  # no version stamp in the file


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: str | Path) -> None:
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=100, metadata=PNG)
    _pyplot().close(fig)


def matrix_heatmap(method: str, columns: list[str], rows: list[dict], path, measure: str = "pass rate") -> None:
    """One method's accuracy matrix: a row per step, a column per task (and core), each
    cell its `measure`; blank where a task was not measured at that step."""
    plt = _pyplot()
    values = [[float("nan") if r.get(c) is None else r[c] for c in columns] for r in rows]
    fig, ax = plt.subplots(figsize=(1.1 * len(columns) + 2, 0.5 * len(rows) + 1.6))
    image = ax.imshow(values, vmin=0, vmax=1, cmap="viridis", aspect="auto")
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            if v == v:  # not NaN
                ax.text(j, i, f"{v:.0%}", ha="center", va="center", color="white" if v < 0.6 else "black", fontsize=8)
    ax.set_xticks(range(len(columns)), columns, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), [f"step {i}" for i in range(len(rows))], fontsize=8)
    ax.set_title(f"{method}: {measure} after each step")
    fig.colorbar(image, ax=ax, fraction=0.04)
    fig.tight_layout()
    _save(fig, path)


def task_curves(method: str, columns: list[str], rows: list[dict], path, measure: str = "pass rate") -> None:
    """Each task's `measure` after every step it was measured at."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.set_prop_cycle(color=plt.cm.tab20.colors)  # 20 distinct colours: a cycle has more than 10 tasks
    for c in columns:
        points = [(i, r[c]) for i, r in enumerate(rows) if r.get(c) is not None]
        if points:
            ax.plot(*zip(*points), marker="o", label=c)
    ax.set(xlabel="step", ylabel=measure, ylim=(-0.02, 1.02), title=f"{method}: each task after every step")
    ax.set_xticks(range(len(rows)))
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    _save(fig, path)


def pass_rates(rows: list[dict], path) -> None:
    """Pass rate on all learned tasks per method, with its 95% interval."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 0.4 * len(rows) + 1.2))
    for i, r in enumerate(rows):
        ax.errorbar(r["pass_rate"], i, xerr=[[r["pass_rate"] - r["low"]], [r["high"] - r["pass_rate"]]], fmt="o",
                    capsize=3, color="tab:blue")
    ax.set_yticks(range(len(rows)), [r["method"] for r in rows])
    ax.set(xlabel="pass rate on all learned tasks (95% interval)", xlim=(0, 1))
    ax.invert_yaxis()
    fig.tight_layout()
    _save(fig, path)


def loss_curves(rows: list[dict], path) -> None:
    """Training loss per step of every per-task run."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.set_prop_cycle(color=plt.cm.tab20.colors)
    runs: dict[str, list] = {}
    for r in rows:
        runs.setdefault(r["run"], []).append((r["step"], r["loss"]))
    for run, points in runs.items():
        ax.plot(*zip(*sorted(points)), label=run, linewidth=1)
    ax.set(xlabel="step", ylabel="training loss", title="training loss", yscale="log")
    if runs:
        ax.legend(fontsize=6, ncol=2)
    fig.tight_layout()
    _save(fig, path)
