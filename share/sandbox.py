"""Run rustc and model-written programs as hostile code.

Each job gets a fresh temp dir, a scrubbed environment, its own process group (killed on
timeout) and rlimits; where bubblewrap works, also private namespaces (no network, no
host files but the toolchain, nothing writable outside the temp dir).
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

OUTPUT_LIMIT = 1 << 20  # bytes of stdout/stderr kept from one process


@dataclass(frozen=True)
class Completed:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool
    isolation: str


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


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


@functools.lru_cache(maxsize=1)
def bwrap_works() -> bool:
    if shutil.which("bwrap") is None:
        return False
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--dev", "/dev", "true"], capture_output=True)
    return probe.returncode == 0


def _bwrap_prefix(workdir: Path) -> list[str]:
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/work",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for d in ("/usr", "/lib", "/lib64", "/bin", "/etc/alternatives"):  # cc links via alternatives
        if Path(d).exists():
            args += ["--ro-bind", d, d]
    sysroot = str(rust_sysroot())
    args += ["--ro-bind", sysroot, sysroot, "--bind", str(workdir), "/work", "--chdir", "/work"]
    return args


def _limits(memory_bytes: int, cpu_seconds: int):
    def apply():
        os.setsid()
        for limit, value in (
            (resource.RLIMIT_AS, memory_bytes),
            (resource.RLIMIT_CPU, cpu_seconds),
            (resource.RLIMIT_FSIZE, 64 << 20),
            (resource.RLIMIT_NOFILE, 256),
            (resource.RLIMIT_CORE, 0),
        ):
            resource.setrlimit(limit, (value, value))

    return apply


def run(argv: list[str], workdir: Path, timeout: float, memory_bytes: int = 2 << 30) -> Completed:
    """Run argv (paths inside the sandbox are relative to `workdir`, seen as /work)."""
    isolation = "bwrap+rlimits" if bwrap_works() else "rlimits-only"
    if bwrap_works():
        full = _bwrap_prefix(workdir) + argv
        env = {}
    else:
        full, env = argv, {"PATH": "/usr/bin:/bin", "HOME": str(workdir)}
    start = time.monotonic()
    proc = subprocess.Popen(full, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_limits(memory_bytes, int(timeout) + 1))
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    seconds = round(time.monotonic() - start, 4)
    decode = lambda b: b[:OUTPUT_LIMIT].decode("utf-8", "replace")  # noqa: E731
    return Completed(proc.returncode, decode(out), decode(err), seconds, timed_out, isolation)


@contextlib.contextmanager
def workspace():
    """A fresh temp dir for one job, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="koanshare-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def compile_rust(workdir: Path, source: str, mode: str, edition: str, timeout: float) -> Completed:
    (workdir / "main.rs").write_text(source, encoding="utf-8")
    rustc = str(rust_sysroot() / "bin" / "rustc")
    argv = [rustc, "main.rs", "--edition", edition, "--error-format=json",
            "-C", "opt-level=0", "-C", "debuginfo=0", "-o", "prog"]
    if mode == "test":
        argv.append("--test")
    elif mode == "lib":
        argv += ["--crate-type", "lib", "--emit", "metadata"]
    return run(argv, workdir, timeout, memory_bytes=4 << 30)


def run_binary(workdir: Path, mode: str, timeout: float) -> Completed:
    argv = ["./prog"] + (["--test-threads=1"] if mode == "test" else [])
    return run(argv, workdir, timeout, memory_bytes=1 << 30)
