"""The DVC cycle end to end on a tiny configuration, in a throwaway git repository:
repro -> commit -> a second repro does nothing -> change a param -> repro -> the change
shows in `dvc params diff` and `dvc metrics diff`."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml


ROOT = Path(__file__).resolve().parents[1]
TOOLCHAIN = "toolchain/dvc.yaml:toolchain"  # the always-run stage, in its own dvc.yaml
MODELS = "models/dvc.yaml:"  # the training stages' dvc.yaml
COPY = ["dvc.yaml", "data/dvc.yaml", "models/dvc.yaml", "toolchain/dvc.yaml", "stages", "share", "plugins", ".dvc/config", ".dvc/plots", ".dvcignore", ".gitignore"]

TINY = yaml.safe_load((ROOT / "tests/params-tiny.yaml").read_text())  # the tests' profile


def dvc_env() -> dict:
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", DVC_NO_ANALYTICS="1")


def run(cwd, *argv):
    done = subprocess.run(argv, cwd=cwd, env=dvc_env(), capture_output=True, text=True)
    assert done.returncode == 0, f"{argv} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("cycle")
    for name in COPY:
        src, dst = ROOT / name, root / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst)
    dvc_yaml = yaml.safe_load((root / "models/dvc.yaml").read_text())
    dvc_yaml["stages"]["core_curriculum"].pop("frozen")  # the tiny cycle teaches its own tiny base
    (root / "models/dvc.yaml").write_text(yaml.safe_dump(dvc_yaml, sort_keys=False))
    (root / "params.yaml").write_text(yaml.safe_dump(TINY, sort_keys=False))
    run(root, "git", "init", "-q")
    run(root, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "empty")
    run(root, "dvc", "repro")
    run(root, "git", "add", "-A")
    run(root, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "cycle")
    return root


def test_cycle_reports_every_method(project):
    rates = json.loads((project / "reports/breakdown/pass_rates.json").read_text())
    assert set(rates) == {"base", "lora", "merged_linear", "sequential", "share", "share_mean", "random_basis"}
    cost = json.loads((project / "reports/breakdown/cost.json").read_text())
    assert cost["merged_linear"]["stored_bytes"] > 0 and cost["merged_linear"]["trainable_params"] == cost["lora"]["trainable_params"]
    assert rates["lora"]["tasks"]["n"] == 4 and rates["base"]["core"]["n"] == 12
    assert rates["lora"]["core"] is None  # no single model: each adapter is priced on the core subset instead
    report = (project / "reports/cycle.md").read_text()
    assert "## Success criteria" in report and "| share |" in report
    assert "NOT MEASURABLE**: Share learns without replay" in report  # a tiny model learns nothing to compare
    assert "![share: accuracy matrix, token accuracy](figures/matrix_share.png)" in report
    assert (project / "reports/figures/matrix_share.png").read_bytes().startswith(b"\x89PNG")
    continual = json.loads((project / "reports/breakdown/continual.json").read_text())
    assert set(continual) == {"sequential", "share"} and "bwt" in continual["share"]["seen"]
    assert (project / "data/koans/bc_move/dev.jsonl").is_file() and (project / "data/koans/core/dev.jsonl").is_file()


def test_second_repro_runs_nothing(project):
    out = run(project, "dvc", "repro")
    ran = [line for line in out.splitlines() if line.startswith("Running stage") and f"'{TOOLCHAIN}'" not in line]
    assert not ran, out


def test_param_change_shows_in_params_and_metrics_diff(project):
    params = yaml.safe_load((project / "params.yaml").read_text())
    params["coefficients"]["train"]["steps"] = 6
    (project / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    out = run(project, "dvc", "repro")
    assert f"Running stage '{MODELS}train_coefficients@0'" in out and f"Running stage '{MODELS}train_lora" not in out
    assert "Running stage 'evaluate@share'" in out  # each evaluate stage depends on its own models folder
    assert "Running stage 'evaluate@base'" not in out and "Running stage 'evaluate@lora'" not in out
    params_diff = json.loads(run(project, "dvc", "params", "diff", "--json"))
    change = params_diff["params.yaml"]["coefficients.train.steps"]
    assert (change["old"], change["new"]) == (2, 6)
    metrics_diff = json.loads(run(project, "dvc", "metrics", "diff", "--json"))
    changed = metrics_diff.get("metrics/cycle.json", {})
    assert "share.loss" in changed, metrics_diff
    assert len(metrics_diff) <= 2 and len(changed) <= 20  # one screen: the headline (and verdicts), not the breakdown


def test_exp_run_sweeps_a_param_and_exp_show_lists_it(project):
    run(project, "git", "add", "-A")
    run(project, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "before the sweep")
    out = run(project, "dvc", "exp", "run", "-n", "phi0", "-S", "coefficients.phi=0")
    assert f"Running stage '{MODELS}train_coefficients@0'" in out and f"Running stage '{MODELS}train_lora" not in out
    shown = json.dumps(json.loads(run(project, "dvc", "exp", "show", "--json")))
    assert '"phi0"' in shown and '"phi": 0' in shown


def test_repro_killed_mid_stage_picks_up_where_it_stopped(project):
    """SIGKILL the whole `dvc repro` process group while a training stage runs; the next
    repro re-runs that stage and what follows, and leaves the cycle up to date."""
    params = yaml.safe_load((project / "params.yaml").read_text())
    params["coefficients"]["train"]["steps"] = 400  # long enough to be caught mid-training
    (project / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    log = project / "killed.log"
    with open(log, "w") as out:
        repro = subprocess.Popen(["dvc", "repro"], cwd=project, env=dvc_env(), stdout=out, stderr=subprocess.STDOUT,
                                 start_new_session=True)
        deadline = time.monotonic() + 300
        while "train:" not in log.read_text().partition(f"Running stage '{MODELS}train_coefficients@0'")[2]:
            assert repro.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.1)
        os.killpg(repro.pid, signal.SIGKILL)  # mid-training: its dvclive log is half-written
        repro.wait()
    out = run(project, "dvc", "repro")
    assert f"Running stage '{MODELS}train_coefficients@0'" in out and f"Running stage '{MODELS}train_lora" not in out
    status = json.loads(run(project, "dvc", "status", "--json"))
    assert set(status) <= {TOOLCHAIN}, status  # toolchain is always changed; nothing else is stale
    leftovers = [p for d in ("models", "logs") for p in (project / d).rglob("*.tmp")]
    assert not leftovers, leftovers
