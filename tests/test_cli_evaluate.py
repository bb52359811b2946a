"""`koanshare evaluate`: bad input refused before anything compiles, and a real run of
references, broken programs and answers."""

import json
import sys
from pathlib import Path

import pytest
from test_evaluate import LIB, koan, no_cache  # noqa: F401  (autouse: the evaluator cache is off here too)

from share.cli import main
from share.judge import evaluate

@pytest.fixture
def lean_cli(monkeypatch):
    """The CLI without the optional Share subcommands (they import torch: seconds)."""
    monkeypatch.setitem(sys.modules, "share.subspace.cli", None)


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def koan_row(**change):
    from dataclasses import asdict
    return {**asdict(koan()), **change}


@pytest.mark.parametrize("files, extra, message", [
    ({"k": [koan_row(mode="exe")]}, ["--reference"], "mode: 'exe' is not one of"),
    ({"k": [koan_row(edition="2018")]}, ["--reference"], "edition: '2018'"),
    ({}, ["--reference"], "cannot read"),
    ({"k": [koan_row()], "a": [{"id": "nope", "answer": "x"}]}, [], "answer id 'nope' is not in"),
    ({"k": [koan_row()], "a": [{"id": "k1"}]}, [], "answer: missing field"),
    ({"k": [koan_row()]}, [], "give exactly one of"),
    ({"k": [koan_row()]}, ["--reference", "--broken"], "give exactly one of"),
    ({"k": [koan_row()]}, ["--reference", "--jobs", "0"], "--jobs 0"),
    ({"k": [koan_row()]}, ["--reference", "--timeout", "0"], "--timeout"),
])
def test_cli_rejects_bad_input_before_compiling(tmp_path, monkeypatch, capsys, lean_cli, files, extra, message):
    monkeypatch.setattr(evaluate, "run_jobs", lambda *a, **k: pytest.fail("compiled despite bad input"))
    paths = {name: write_jsonl(tmp_path / f"{name}.jsonl", rows) for name, rows in files.items()}
    argv = ["evaluate", str(paths.get("k", tmp_path / "missing.jsonl"))]
    argv += [str(paths["a"])] if "a" in paths else []
    assert main(argv + ["-o", str(tmp_path / "out.jsonl"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_end_to_end(tmp_path, capsys, lean_cli):
    koans = write_jsonl(tmp_path / "k.jsonl", [koan_row(), koan_row(id="k2")])
    answers = write_jsonl(tmp_path / "a.jsonl", [{"id": "k2", "answer": "```rust\n" + LIB.format(value=2) + "```"},
                                                  {"id": "k1", "answer": "nothing useful"}])
    assert main(["evaluate", str(koans), "--reference", "-o", str(tmp_path / "ref.jsonl"), "--jobs", "2"]) == 0
    assert [json.loads(l)["status"] for l in (tmp_path / "ref.jsonl").read_text().splitlines()] == ["pass", "pass"]
    assert main(["evaluate", str(koans), "--broken", "-o", str(tmp_path / "brk.jsonl")]) == 0
    assert {json.loads(l)["status"] for l in (tmp_path / "brk.jsonl").read_text().splitlines()} == {"compile_error"}
    assert main(["evaluate", str(koans), str(answers), "-o", str(tmp_path / "ans.jsonl"), "--timeout", "20"]) == 0
    rows = [json.loads(l) for l in (tmp_path / "ans.jsonl").read_text().splitlines()]
    assert [(r["id"], r["status"]) for r in rows] == [("k2", "pass"), ("k1", "compile_error")]
    assert "1/2 passed" in capsys.readouterr().out


def test_every_koanshare_argument_has_a_help_text():
    """`koanshare ... --help` explains every argument, the `share` subcommands' included."""
    import argparse

    from share.cli import build_parser

    def missing(parser: argparse.ArgumentParser, where: str) -> list[str]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += missing(sub, f"{where} {name}")
            elif not isinstance(action, argparse._HelpAction) and not action.help:
                found.append(f"{where} {'/'.join(action.option_strings) or action.dest}")
        return found

    assert missing(build_parser(), "koanshare") == []
