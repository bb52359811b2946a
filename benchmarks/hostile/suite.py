"""The hostile suite: programs that try to exhaust or escape the sandbox, and the host-side
checks that they did not. Used by tests/test_sandbox.py and benchmarks/bench_evaluate.py.

Each `*.rs` file starts with `//~ mode:` and `//~ expect:` (the status it must get, or
alternatives such as `timeout|compile_error` where either ends it within the limit) and
optionally `//~ needs: pids` (run only where a pids cgroup caps forks: as root nothing
else does). In test mode a line `//~ tests` starts the hidden tests, which prove a pass.
Placeholders: @HOST_DIR@ (a host folder holding canary.txt), @PROJECT@ (the repository),
@PORT@ (a TCP listener on the host), @MARKER@ (in every leftover process).
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
PROJECT = HERE.parents[1]
CANARY = "canary: do not delete\n"


def processes_with(needle: str) -> list[tuple[int, str]]:
    """(pid, command line) of every process whose command line contains needle."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # not a process, or it just ended
            continue
        if proc.name.isdigit() and needle in cmdline:
            found.append((int(proc.name), cmdline))
    return found


@dataclass(frozen=True)
class Hostile:
    name: str
    mode: str
    expect: str
    needs_pids: bool
    source: str
    tests: str = ""


@dataclass
class Host:
    """The host state the suite must leave as it found it."""

    dir: Path
    marker: str = field(default_factory=lambda: f"koanshare-hostile-{secrets.token_hex(6)}")
    listener: socket.socket = field(default_factory=lambda: socket.create_server(("127.0.0.1", 0)))

    def __post_init__(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "canary.txt").write_text(CANARY)
        self.listener.setblocking(False)
        self.temp_before = set(os.listdir(tempfile.gettempdir()))

    def programs(self, with_pids_cgroup: bool) -> list[Hostile]:
        port = str(self.listener.getsockname()[1])
        found = []
        for path in sorted(HERE.glob("*.rs")):
            text = path.read_text()
            head = dict(re.findall(r"^//~ (\w+): (\S+)$", text, re.M))
            if head.get("needs") == "pids" and not with_pids_cgroup:
                continue
            for key, value in (("@HOST_DIR@", str(self.dir)), ("@PROJECT@", str(PROJECT)), ("@PORT@", port),
                               ("@MARKER@", self.marker)):
                text = text.replace(key, value)
            source, _, tests = text.partition("//~ tests\n")
            found.append(Hostile(path.stem, head["mode"], head["expect"], head.get("needs") == "pids", source, tests))
        return found

    def problems(self) -> list[str]:
        """What the suite left behind: processes, files, connections, temp dirs."""
        found = [f"process {pid} survived: {cmdline}" for pid, cmdline in processes_with(self.marker)]
        if sorted(p.name for p in self.dir.iterdir()) != ["canary.txt"]:
            found.append(f"{self.dir} now holds {sorted(p.name for p in self.dir.iterdir())}")
        elif (self.dir / "canary.txt").read_text() != CANARY:
            found.append("the canary was changed")
        for root in (Path("/tmp"), Path("/"), PROJECT, Path(tempfile.gettempdir())):
            found += [f"{p} was written" for p in root.glob(f"{self.marker}*")]
        try:
            self.listener.accept()
            found.append("the host listener got a connection")
        except BlockingIOError:
            pass
        new_temp = {n for n in set(os.listdir(tempfile.gettempdir())) - self.temp_before if n.startswith("koanshare-")}
        found += [f"temp dir {n} was left behind" for n in sorted(new_temp)]
        return found

    def close(self):
        self.listener.close()
