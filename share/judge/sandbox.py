"""Run rustc and model-written programs as hostile code.

Every process gets a fresh temp dir, a scrubbed environment, its own session and
process group, rlimits (address space, CPU time, file size, open files, no core dumps)
and, where one can be created, a cgroup of its own (share.judge.cgroups: process count and
memory, and a way to kill everything it started). Where bubblewrap works it also gets
private namespaces: no network, its own pid namespace (nothing outlives it), no
capabilities, read-only system dirs and toolchain and no other host file, a read-only
root, and nothing writable but the temp dir (compiles) or a small private /tmp (program
runs, which see only their binary). `Completed.isolation` records what was in force;
where bubblewrap cannot run we say so once, loudly.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import resource
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from share.judge import cgroups

log = logging.getLogger(__name__)
OUTPUT_LIMIT = 1 << 20  # bytes of stdout/stderr kept from one process
FILE_LIMIT = 64 << 20  # RLIMIT_FSIZE: largest file (stdout included) a process may write
TMP_SIZE = 64 << 20  # the private /tmp of a sandbox
COMPILE_MEMORY, RUN_MEMORY = 4 << 30, 512 << 20
COMPILE_PROCESSES, RUN_PROCESSES = 128, 64  # pids.max: threads count too
CGROUP_MEMORY_SLACK = TMP_SIZE + (256 << 20)  # RLIMIT_AS stops one process first; the cgroup stops many
SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/bin", "/etc/alternatives")  # cc links via alternatives
MODE_ARGS = {"test": ["--test"], "run": [], "lib": ["--crate-type", "lib", "--emit", "metadata"]}


@dataclass(frozen=True)
class Completed:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool
    isolation: str
    sandbox_failure: str = ""  # set when the sandbox could not start the command at all


@functools.lru_cache(maxsize=1)
def rust_sysroot() -> Path:
    rustc = shutil.which("rustc")
    if rustc is None:
        raise RuntimeError("rustc not found on PATH: install Rust >= 1.85 (edition 2024), e.g. with rustup")
    out = subprocess.run([rustc, "--print", "sysroot"], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


@functools.lru_cache(maxsize=1)
def rustc_version() -> str:
    out = subprocess.run([str(rust_sysroot() / "bin" / "rustc"), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def cores() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def default_workers() -> int:
    """Jobs judged at once: one more than the cores, since each job's start and end (bwrap's
    namespaces, its cgroups) leave its core idle for a few ms that another job's rustc
    fills: 300 broken koans in 8.1 s with 3 workers against 9.1 s with 2 on 2 cores."""
    return cores() + 1


@functools.lru_cache(maxsize=1)
def bwrap_works() -> bool:
    """Probe bubblewrap once with the options every sandbox uses; warn loudly if it fails."""
    problem = None
    if shutil.which("bwrap") is None:
        problem = "bwrap is not installed"
    else:
        with tempfile.TemporaryDirectory(prefix="koanshare-probe-") as tmp:
            probe = subprocess.run(_bwrap_args(Path(tmp), True, None) + ["true"], capture_output=True, text=True)
        if probe.returncode != 0:
            problem = f"bwrap fails here: {probe.stderr.strip()[:300]}"
    if problem:
        log.warning("%s. Programs run WITHOUT namespaces: they can read host files, use the network and "
                    "write outside their temp dir. Results record the weaker isolation.", problem)
    return problem is None


def isolation() -> str:
    """The isolation a job gets here, e.g. `bwrap+cgroup(memory,pids)+rlimits`."""
    controllers = sorted(b.controller for b in cgroups.bases())
    parts = ("bwrap" if bwrap_works() else "", f"cgroup({','.join(controllers)})" if controllers else "", "rlimits")
    return "+".join(p for p in parts if p)


@functools.lru_cache(maxsize=1)
def _bwrap_has_size() -> bool:
    return "--size" in subprocess.run(["bwrap", "--help"], capture_output=True, text=True).stdout


def _bwrap_args(workdir: Path, writable: bool, visible: Sequence[str] | None, status_fd: int | None = None) -> list[str]:
    args = [shutil.which("bwrap") or "bwrap", "--unshare-all", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/work",
            "--setenv", "TMPDIR", "/tmp", "--proc", "/proc", "--dev", "/dev",
            *(["--size", str(TMP_SIZE)] if _bwrap_has_size() else []), "--tmpfs", "/tmp"]
    if status_fd is not None:
        args += ["--json-status-fd", str(status_fd)]
    for d in SYSTEM_DIRS:
        if os.path.islink(d):
            args += ["--symlink", os.readlink(d), d]
        elif os.path.exists(d):
            args += ["--ro-bind", d, d]
    sysroot = str(rust_sysroot())
    args += ["--ro-bind", sysroot, sysroot]
    if visible is None:
        args += ["--bind" if writable else "--ro-bind", str(workdir), "/work"]
    else:
        args += ["--dir", "/work"]
        for name in visible:
            args += ["--ro-bind", str(workdir / name), f"/work/{name}"]
    return args + ["--chdir", "/work", "--remount-ro", "/"]


def _limits(memory_bytes: int, timeout: float, processes: int, cgroup) -> list[tuple[int, int]]:
    cpu_seconds = int(timeout * cores()) + 1  # never before the wall-clock timeout
    limits = [(resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_CPU, cpu_seconds),
              (resource.RLIMIT_FSIZE, FILE_LIMIT), (resource.RLIMIT_NOFILE, 256), (resource.RLIMIT_CORE, 0)]
    if (cgroup is None or "pids" not in cgroup.controllers) and os.geteuid() != 0:
        limits.append((resource.RLIMIT_NPROC, _user_processes() + processes))  # a weak fork-bomb guard
    return limits


def _user_processes() -> int:
    uid = os.getuid()
    return sum(1 for p in Path("/proc").iterdir() if p.name.isdigit() and _owner(p) == uid)


def _owner(path: Path) -> int:
    try:
        return path.stat().st_uid
    except OSError:
        return -1


class SandboxFailure(Exception):
    pass


# The gate: join each job cgroup (`echo 0` moves the shell itself), tell the parent on
# stdin (a socket), wait there for "go" (sent once the rlimits are set), then exec.
_GATE = 'while [ "$1" != -- ]; do echo 0 > "$1" || exit 1; shift; done; shift; echo >&0 && read _ && exec "$@" </dev/null'


def _start(full: list[str], workdir: Path, env: dict, out, err, keep_fds: tuple, cgroup, limits) -> subprocess.Popen:
    """Start `full` held at a gate (a shell) that joins its cgroups, wait until it has, put
    it under its rlimits, then let it exec. No Python runs between fork and exec, so this
    is safe with threads and cheap in a big parent (vfork)."""
    ours, theirs = socket.socketpair()
    joins = cgroup.join_files() if cgroup is not None else []
    try:
        proc = subprocess.Popen(["/bin/sh", "-c", _GATE, "sh", *joins, "--", *full], cwd=workdir, env=env,
                                stdin=theirs, stdout=out, stderr=err, start_new_session=True, pass_fds=keep_fds)
    except OSError as e:
        ours.close()
        raise SandboxFailure(f"could not start {full[0]}: {e}") from e
    finally:
        theirs.close()
    with ours:
        try:
            if not ours.recv(1):  # the gate ended without a word: a cgroup would not take it
                raise OSError("the process could not join its cgroup")
            for limit, value in limits:
                resource.prlimit(proc.pid, limit, (value, value))
            ours.sendall(b"go\n")
        except OSError as e:
            proc.kill()
            proc.wait()
            raise SandboxFailure(f"could not confine {full[0]}: {e}") from e
    return proc


def run(argv: list[str], workdir: Path, timeout: float, memory_bytes: int = 2 << 30, *,
        processes: int = COMPILE_PROCESSES, writable: bool = True, visible: Sequence[str] | None = None) -> Completed:
    """Run argv in the sandbox (paths relative to `workdir`, which it sees as /work).

    `visible` names the only files of workdir the command may see (read-only); otherwise
    it sees all of workdir, writable if `writable`. On timeout every process of the job
    is killed; so is any process still alive when the command itself ends.
    """
    use_bwrap = bwrap_works()
    cgroup = cgroups.create(memory_bytes + CGROUP_MEMORY_SLACK, processes)
    isolation = "+".join(part for part in ("bwrap" if use_bwrap else "", cgroup.label if cgroup else "", "rlimits") if part)
    status_r, status_w = os.pipe() if use_bwrap else (None, None)
    if use_bwrap:
        full, env = _bwrap_args(workdir, writable, visible, status_w) + argv, {}
    else:
        full, env = argv, {"PATH": "/usr/bin:/bin", "HOME": str(workdir), "TMPDIR": str(workdir)}
    try:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.monotonic()
            try:
                proc = _start(full, workdir, env, out, err, () if status_w is None else (status_w,), cgroup,
                              _limits(memory_bytes, timeout, processes, cgroup))
            except SandboxFailure as e:
                return Completed(-1, "", "", 0.0, False, isolation, str(e))
            finally:
                if status_w is not None:
                    os.close(status_w)
            timed_out = _wait(proc, timeout, cgroup)
            seconds = round(time.monotonic() - start, 4)
            stdout, stderr = _read(out), _read(err)
        failure = ""
        if status_r is not None and not timed_out:
            failure = _bwrap_failure(status_r, stderr)
        return Completed(proc.returncode, stdout, stderr, seconds, timed_out, isolation, failure)
    finally:
        if status_r is not None:
            os.close(status_r)
        if cgroup is not None:
            cgroup.remove()


def _wait(proc: subprocess.Popen, timeout: float, cgroup) -> bool:
    """Wait for the command to end (or kill it at the timeout), then kill what it left behind.

    The exited child stays a zombie until reaped, so its pid (= its process group id)
    cannot be reused while we kill the group.
    """
    timed_out = not _wait_unreaped(proc.pid, timeout)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    if cgroup is not None:
        cgroup.kill_all()
    proc.wait()
    return timed_out


def _wait_unreaped(pid: int, timeout: float) -> bool:
    """True when pid exited within timeout (left unreaped)."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfds: poll
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return True
            time.sleep(0.002)
        return False
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    finally:
        os.close(fd)


def _read(f) -> str:
    f.seek(0)
    return f.read(OUTPUT_LIMIT).decode("utf-8", "replace")


def _bwrap_failure(status_r: int, stderr: str) -> str:
    """bwrap reports the command's exit code on its status fd; without one, bwrap itself failed."""
    os.set_blocking(status_r, False)  # bwrap has exited: all it wrote is in the pipe already
    try:
        status = os.read(status_r, 1 << 16).decode("utf-8", "replace")
    except BlockingIOError:
        status = ""
    for line in status.splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            if "exit-code" in json.loads(line):
                return ""
    return f"bwrap could not set up the sandbox: {stderr.strip()[:500]}"


@contextlib.contextmanager
def workspace():
    """A fresh temp dir for one job, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="koanshare-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def rustc(workdir: Path, args: list[str], timeout: float) -> Completed:
    """rustc in the sandbox, with JSON diagnostics, no optimisation and no debug info."""
    argv = [str(rust_sysroot() / "bin" / "rustc"), *args, "--error-format=json", "-C", "opt-level=0", "-C", "debuginfo=0"]
    return run(argv, workdir, timeout, memory_bytes=COMPILE_MEMORY, processes=COMPILE_PROCESSES)


def compile_rust(workdir: Path, source: str, mode: str, edition: str, timeout: float,
                 extra_args: Sequence[str] = ()) -> Completed:
    """Compile `source` as main.rs into `prog` (a test harness, a binary, or lib metadata)."""
    (workdir / "main.rs").write_text(source, encoding="utf-8")
    return rustc(workdir, ["main.rs", "--edition", edition, *MODE_ARGS[mode], "-o", "prog", *extra_args], timeout)


def run_binary(workdir: Path, mode: str, timeout: float, args: Sequence[str] = ()) -> Completed:
    """Run the compiled `prog`: it sees only itself, read-only, and a small private /tmp."""
    argv = ["./prog", *(["--test-threads=1"] if mode == "test" else []), *args]
    return run(argv, workdir, timeout, memory_bytes=RUN_MEMORY, processes=RUN_PROCESSES, writable=False, visible=["prog"])
