"""The sandbox: limits, kills, isolation, fallbacks, and the hostile suite (real rustc)."""

import importlib.util
import logging
import os
import secrets
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from share.judge import cgroups, sandbox
from share.judge.evaluate import Job, judge, run_jobs

HOSTILE = Path(__file__).parents[1] / "benchmarks" / "hostile"
TIMEOUT = 4.0  # per compile and per run in the hostile suite
HAS_PIDS = any(b.controller == "pids" for b in cgroups.bases())
needs_bwrap = pytest.mark.skipif(not sandbox.bwrap_works(), reason="hostile programs run only inside bubblewrap")
needs_pids = pytest.mark.skipif(not HAS_PIDS, reason="no pids cgroup can be created here")


def load_suite():
    spec = importlib.util.spec_from_file_location("hostile_suite", HOSTILE / "suite.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SUITE = load_suite()


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Temp dirs of this test only, so leftovers are ours to count."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def marked() -> str:
    """A `sleep` duration unique to this test, so its processes can be found with ps."""
    return f"600.{secrets.randbelow(10**8):08d}"


def job_cgroups() -> list[Path]:
    return [p for b in cgroups.bases() for p in b.path.glob(f"job{os.getpid()}_*")]


# --- the hostile suite ----------------------------------------------------------------

@needs_bwrap
def test_hostile_suite_is_contained(tmp_path, private_tmp, monkeypatch):
    monkeypatch.setenv("KOANSHARE_CACHE", "off")
    monkeypatch.setenv("KOANSHARE_TEST_SECRET", "hunter2")
    host = SUITE.Host(tmp_path / "host")
    programs = host.programs(HAS_PIDS)
    assert len(programs) >= 15
    start = time.monotonic()
    try:
        results = run_jobs([Job(p.name, p.source, p.tests, p.mode, "2021") for p in programs], workers=3,
                           timeout=TIMEOUT, progress=False)
        problems = host.problems()
    finally:
        host.close()
    wall = time.monotonic() - start
    got = {p.name: (r.status, r.detail) for p, r in zip(programs, results)}
    wrong = {p.name: got[p.name] for p in programs if got[p.name][0] not in p.expect.split("|")}
    assert not wrong, wrong
    for p, r in zip(programs, results):
        assert r.seconds <= 2 * TIMEOUT + 2.0, (p.name, r.seconds)  # a compile and a run, each cut at TIMEOUT
        assert "bwrap" in r.isolation and "rlimits" in r.isolation
        assert len(r.diagnostic) <= 4100
    assert "root:x:0:0" not in str(results)  # nothing of /etc/passwd in any diagnostic
    assert problems == []
    assert list(private_tmp.iterdir()) == []
    assert job_cgroups() == []
    assert wall < 60


# --- primitives (no rustc) ------------------------------------------------------------

def test_run_captures_output_and_exit_status(tmp_path):
    done = sandbox.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], tmp_path, 5)
    assert (done.returncode, done.stdout, done.stderr, done.timed_out, done.sandbox_failure) == (3, "out\n", "err\n", False, "")
    assert done.isolation == sandbox.isolation()


def test_environment_is_scrubbed(tmp_path, monkeypatch):
    monkeypatch.setenv("KOANSHARE_TEST_SECRET", "hunter2")
    done = sandbox.run(["/usr/bin/env"], tmp_path, 5)
    names = {line.split("=")[0] for line in done.stdout.splitlines()}
    assert names <= {"PATH", "HOME", "TMPDIR", "PWD"} and "hunter2" not in done.stdout


def test_timeout_kills_the_command_and_everything_it_started(tmp_path):
    duration = marked()
    start = time.monotonic()
    done = sandbox.run(["/bin/sh", "-c", f"sleep {duration} & setsid sleep {duration} & sleep {duration}"], tmp_path, 1.0)
    assert done.timed_out and time.monotonic() - start < 2.5
    assert SUITE.processes_with(duration) == []
    assert job_cgroups() == []


def test_children_that_outlive_the_command_are_killed(tmp_path):
    duration = marked()
    done = sandbox.run(["/bin/sh", "-c", f"setsid sleep {duration} & (sleep {duration} &) ; exit 0"], tmp_path, 5)
    assert done.returncode == 0 and not done.timed_out
    assert SUITE.processes_with(duration) == []


@needs_pids
def test_pids_cgroup_caps_forks(tmp_path):
    script = "i=0; while [ $i -lt 40 ]; do sleep 1 & i=$((i+1)); done; wait"
    done = sandbox.run(["/bin/sh", "-c", script], tmp_path, 10, processes=8)
    assert "fork" in done.stderr.lower()  # dash: "Cannot fork"
    assert job_cgroups() == []


@needs_pids
def test_the_command_runs_in_its_job_cgroups(tmp_path):
    """One job cgroup per hierarchy (pids, and memory where offered), each holding the command."""
    with ThreadPoolExecutor(1) as pool:
        done = pool.submit(sandbox.run, ["/bin/sleep", "1"], tmp_path, 5)
        deadline, held = time.monotonic() + 5, []
        while time.monotonic() < deadline and len(held) < len(cgroups.bases()):
            held = [p for p in job_cgroups() if (p / "cgroup.procs").read_text().split()]
            time.sleep(0.01)
        assert done.result().returncode == 0
    assert sorted(p.parent for p in held) == sorted(b.path for b in cgroups.bases())


@needs_pids
def test_a_gate_that_cannot_join_its_cgroup_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(cgroups.JobCgroup, "join_files", lambda self: [str(tmp_path / "missing" / "tasks")])
    done = sandbox.run(["/bin/sh", "-c", "touch /work/ran"], tmp_path, 5)
    assert done.sandbox_failure.endswith("could not join its cgroup") and done.returncode == -1
    assert not (tmp_path / "ran").exists() and job_cgroups() == []


@needs_bwrap
def test_program_runs_see_only_their_binary_read_only(tmp_path):
    (tmp_path / "prog").write_text("binary")
    (tmp_path / "secret.txt").write_text("secret")
    done = sandbox.run(["/bin/sh", "-c", "ls -A /work; cat /work/secret.txt; touch /work/new /new; echo x > /tmp/ok && echo tmp-ok"],
                       tmp_path, 5, writable=False, visible=["prog"])
    assert done.stdout.splitlines() == ["prog", "tmp-ok"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prog", "secret.txt"]


@needs_bwrap
def test_no_network_and_no_host_files(tmp_path):
    done = sandbox.run(["/bin/sh", "-c", "cat /etc/passwd; cat /proc/net/dev | wc -l"], tmp_path, 5)
    assert "root:" not in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "3"  # two header lines and `lo`: no host interfaces


@needs_bwrap
def test_a_sandbox_that_cannot_start_is_a_sandbox_failure(tmp_path):
    done = sandbox.run(["/nonexistent/command"], tmp_path, 5)
    assert done.sandbox_failure.startswith("bwrap could not set up the sandbox")


def test_without_bwrap_it_warns_once_and_records_the_weaker_isolation(tmp_path, monkeypatch, caplog):
    real_which = shutil.which
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None if name == "bwrap" else real_which(name))
    sandbox.bwrap_works.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="share.judge.sandbox"):
            first = sandbox.run(["/bin/sh", "-c", "echo ok"], tmp_path, 5)
            second = sandbox.run(["/bin/sh", "-c", "echo ok"], tmp_path, 5)
        assert first.stdout == second.stdout == "ok\n"
        assert "bwrap" not in first.isolation and first.isolation.endswith("rlimits")
        assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
        assert "WITHOUT namespaces" in caplog.records[0].message
        judged = judge(Job("j", "pub fn f() -> i32 { \"x\" }\n", "", "lib", "2021"), 20)
        assert judged.status == "compile_error" and judged.isolation == first.isolation
        assert " --> main.rs:1:" in judged.diagnostic and "koanshare-" not in judged.diagnostic
        if HAS_PIDS:  # the cgroup alone still kills what outlives the command
            duration = marked()
            sandbox.run(["/bin/sh", "-c", f"setsid sleep {duration} & exit 0"], tmp_path, 5)
            assert SUITE.processes_with(duration) == []
    finally:
        sandbox.bwrap_works.cache_clear()


def test_without_cgroups_it_falls_back_cleanly(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(cgroups, "bases", lambda: ())
    cgroups._warn_no_pids.cache_clear()
    with caplog.at_level(logging.WARNING, logger="share.judge.cgroups"):
        done = sandbox.run(["/bin/sh", "-c", "echo ok"], tmp_path, 5)
    assert done.stdout == "ok\n" and "cgroup" not in done.isolation
    assert any("no pids cgroup" in r.message for r in caplog.records)
    cgroups._warn_no_pids.cache_clear()


def test_clippy_driver_runs_in_the_sandbox(tmp_path):
    clippy = sandbox.rust_sysroot() / "bin" / "clippy-driver"
    if not clippy.exists():
        pytest.skip("clippy-driver is not installed")
    (tmp_path / "main.rs").write_text("pub fn f(x: &Vec<i32>) -> usize { x.len() }\n")
    done = sandbox.run([str(clippy), "main.rs", "--crate-type", "lib", "--emit", "metadata", "--error-format=json",
                        "-o", "lint.rmeta", "-W", "clippy::ptr_arg"], tmp_path, 60)
    assert done.returncode == 0 and "clippy::ptr_arg" in done.stderr
