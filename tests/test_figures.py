"""The report's PNG figures: drawn headless, readable offline, the same bytes for the same data."""

from share.cycle import figures

ROWS = [{"a": 0.5, "core": 0.3}, {"a": 0.25, "b": 0.75, "core": 0.2}]


def draw_all(folder):
    figures.matrix_heatmap("share", ["a", "b", "core"], ROWS, folder / "matrix.png")
    figures.task_curves("share", ["a", "b", "core"], ROWS, folder / "tasks.png")
    figures.pass_rates([{"method": "base", "pass_rate": 0.1, "low": 0.05, "high": 0.2},
                        {"method": "lora", "pass_rate": 0.6, "low": 0.5, "high": 0.7}], folder / "rates.png")
    figures.loss_curves([{"run": "lora/a", "step": s, "loss": 2.0 / (s + 1)} for s in range(5)], folder / "loss.png")
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_figures_are_pngs_and_the_same_data_give_the_same_bytes(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first, second = draw_all(tmp_path / "one"), draw_all(tmp_path / "two")
    assert set(first) == {"matrix.png", "tasks.png", "rates.png", "loss.png"}
    assert all(data.startswith(b"\x89PNG") and len(data) > 2000 for data in first.values())
    assert first == second
