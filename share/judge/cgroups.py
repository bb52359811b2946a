"""Per-job cgroups: the real fork-bomb and memory guard, and a way to find and kill
every process a job started, even one that left its process group.

We run as root, where RLIMIT_NPROC does not bind; a `pids` cgroup does. Each job gets a
cgroup of its own under ours, in every hierarchy (v1 `pids` and `memory`, or the v2
unified one) where we may create one and it offers the limit. Where none can be
created, `create` returns None and the caller records the weaker isolation.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
CONTROLLERS = ("pids", "memory")
_LIMIT_FILES = {"pids": ("pids.max",), "memory": ("memory.limit_in_bytes", "memory.max")}  # v1, v2
_counter = itertools.count()


@dataclass(frozen=True)
class _Base:
    path: Path  # the `koanshare` folder under our own cgroup, where job cgroups go
    controller: str


@functools.lru_cache(maxsize=1)
def bases() -> tuple[_Base, ...]:
    """One usable base per controller, found by creating and removing a probe cgroup."""
    found: dict[str, _Base] = {}
    for mount, own, names in _hierarchies():
        for controller in names:
            if controller in found:
                continue
            base = mount / own.lstrip("/") / "koanshare"
            probe = base / f"probe{os.getpid()}"
            try:
                base.mkdir(exist_ok=True)
                _enable(base.parent, base)
                probe.mkdir()
                try:
                    if _limit_file(probe, controller) is not None:
                        found[controller] = _Base(base, controller)
                        _remove_stale(base)
                finally:
                    probe.rmdir()
            except OSError as e:
                log.debug("no %s cgroup under %s: %s", controller, base, e)
    return tuple(found.values())


def _hierarchies():
    """(mount point, our cgroup path in it, controllers it may offer) for each hierarchy."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
        own = {}
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, names, path = line.split(":", 2)
            own[names] = path
    except OSError:
        return
    for line in mounts:
        _, point, fstype, options = line.split()[:4]
        if fstype == "cgroup":
            names = [c for c in CONTROLLERS if c in options.split(",")]
            key = next((k for k in own if names and names[0] in k.split(",")), None)
            if key is not None:
                yield Path(point), own[key], names
        elif fstype == "cgroup2" and "" in own:
            yield Path(point), own[""], list(CONTROLLERS)


def _enable(*dirs: Path) -> None:
    """v2 only: let child cgroups use the controllers (fails harmlessly where not allowed)."""
    for d in dirs:
        control = d / "cgroup.subtree_control"
        if control.exists():
            for controller in CONTROLLERS:
                try:
                    control.write_text(f"+{controller}")
                except OSError:
                    pass


def _limit_file(cgroup: Path, controller: str) -> Path | None:
    return next((cgroup / f for f in _LIMIT_FILES[controller] if (cgroup / f).exists()), None)


class JobCgroup:
    """The cgroups of one job (one per hierarchy), limited; the process joins before it execs."""

    def __init__(self, paths: list[Path], controllers: list[str]):
        self.paths, self.controllers = paths, controllers

    @property
    def label(self) -> str:
        return f"cgroup({','.join(sorted(self.controllers))})" if self.controllers else ""

    def join_files(self) -> list[str]:
        """The files a process writes "0" into to join every job cgroup itself. In v1 that is
        `tasks`: moving only the writing thread spares the kernel its global threadgroup
        lock, about 1 ms where moving another process through cgroup.procs waits about
        10 ms (an RCU grace period) on this machine; v2 has only cgroup.procs."""
        return [str(p / "tasks") if (p / "tasks").exists() else str(p / "cgroup.procs") for p in self.paths]

    def pids(self) -> set[int]:
        found = set()
        for path in self.paths:
            try:
                found.update(int(p) for p in (path / "cgroup.procs").read_text().split())
            except OSError:
                pass
        return found

    def kill_all(self) -> None:
        """SIGKILL every process in the job until none is left (a fork bomb is capped by pids.max)."""
        for _ in range(200):
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.002)
        log.warning("processes %s of a job survived SIGKILL", sorted(self.pids()))

    def remove(self) -> None:
        self.kill_all()
        for path in self.paths:
            for _ in range(50):  # a killed task leaves its cgroup a moment after it dies
                try:
                    path.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.002)
            else:
                log.warning("could not remove cgroup %s", path)


def create(memory_bytes: int, processes: int) -> JobCgroup | None:
    """A limited cgroup for one job, or None where no cgroup can be created."""
    name = f"job{os.getpid()}_{next(_counter)}"
    cgroup = JobCgroup([], [])
    for base in bases():
        path = base.path / name
        try:
            path.mkdir()
            cgroup.paths.append(path)
            value = processes if base.controller == "pids" else memory_bytes
            _limit_file(path, base.controller).write_text(str(value))
            cgroup.controllers.append(base.controller)
        except OSError as e:
            log.debug("cgroup %s: %s", path, e)
    if "pids" not in cgroup.controllers:
        _warn_no_pids()
    return cgroup if cgroup.paths else None


def _remove_stale(base: Path) -> None:
    """Remove empty job cgroups left by evaluators that died. (A non-empty one may belong to
    a live evaluator in another pid namespace, so nothing is killed here.)"""
    for path in base.glob("job*_*"):
        owner = re.fullmatch(r"job(\d+)_\d+", path.name)
        if owner and not Path(f"/proc/{owner.group(1)}").exists():
            try:
                path.rmdir()
            except OSError:
                pass


@functools.lru_cache(maxsize=1)
def _warn_no_pids() -> None:
    log.warning("no pids cgroup could be created: a fork bomb is bounded only by RLIMIT_NPROC, "
                "which does not bind root")
