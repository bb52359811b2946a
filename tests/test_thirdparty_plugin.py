"""A real third-party family: pip-installed into a private site dir, found through the
`koanshare.families` entry point, then generated and evaluated end to end by the CLI."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from share.koans.templating import new_shape

PACKAGE = Path(__file__).parent / "plugin_example"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(PACKAGE)], check=True)
    return target


def koanshare(site, *args):
    env = dict(os.environ, PYTHONPATH=str(site))
    return subprocess.run([sys.executable, "-m", "share.cli", *args], env=env, capture_output=True, text=True)


def test_installed_plugin_generates_and_evaluates(site, tmp_path):
    listed = koanshare(site, "families")
    assert listed.returncode == 0, listed.stderr
    assert "example  (example): A third-party family used by the tests" in listed.stdout
    assert "ex_sum" in listed.stdout

    for split, n in (("train", 6), ("eval", 3)):
        made = koanshare(site, "generate", "ex_sum", "--split", split, "--n", str(n), "--seed", "3", "-o", str(tmp_path / "koans"))
        assert made.returncode == 0, made.stderr
        assert "ex_sum" in made.stdout and "verified=100%" in made.stdout
    assert len((tmp_path / "koans" / "ex_sum" / "train.jsonl").read_text().splitlines()) == 6  # one -o keeps both splits
    koans = [json.loads(line) for line in (tmp_path / "koans" / "ex_sum" / "eval.jsonl").read_text().splitlines()]
    new = [k for k in koans if new_shape(k["id"])]  # the eval_ template's koans; the rest are held-out train_ instances
    assert len(koans) == 3 and len(new) >= 2
    assert all(k["expected_error"] == "E0308" and "error[E0308]" in k["diagnostic"] for k in new)

    answers = tmp_path / "answers.jsonl"
    answers.write_text("".join(json.dumps({"id": k["id"], "answer": f"```rust\n{k['reference']}```\n"}) + "\n" for k in koans))
    judged = koanshare(site, "evaluate", str(tmp_path / "koans" / "ex_sum" / "eval.jsonl"), str(answers), "-o", str(tmp_path / "r.jsonl"))
    assert judged.returncode == 0, judged.stderr
    assert "3/3 passed" in judged.stdout


def test_restricting_plugins_hides_it(site):
    env = dict(os.environ, PYTHONPATH=str(site), KOANSHARE_PLUGINS="borrow_checker")
    listed = subprocess.run([sys.executable, "-m", "share.cli", "families"], env=env, capture_output=True, text=True)
    assert listed.returncode == 0 and "ex_sum" not in listed.stdout and "bc_move" in listed.stdout
