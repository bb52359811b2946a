"""Atomic outputs: written whole or not at all, and a killed writer's debris is cleared."""

import os
import subprocess

import pytest

from share.io import atomic_path, write_text


def test_a_failed_write_leaves_the_old_output_untouched(tmp_path):
    write_text(tmp_path / "out.txt", "old\n")
    with pytest.raises(RuntimeError):
        with atomic_path(tmp_path / "out.txt") as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed")
    assert (tmp_path / "out.txt").read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_the_next_write_removes_temporaries_of_dead_writers_only(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    orphan = tmp_path / f".model.{dead.pid}.x1.tmp" / "model"  # what a SIGKILLed writer leaves
    orphan.mkdir(parents=True)
    live = tmp_path / f".model.{os.getpid()}.x2.tmp"  # a writer still running (this process)
    live.mkdir()
    with atomic_path(tmp_path / "model") as tmp:
        tmp.mkdir()
        (tmp / "weights").write_text("w")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["model", live.name])
    assert (tmp_path / "model" / "weights").read_text() == "w"
