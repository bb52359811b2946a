"""Auxiliary crates inside one program source (the adv_proc_macro task needs them):

    //@ crate NAME proc-macro      (or `lib`)
    ...the helper crate's source...
    //@ end crate

`split` cuts them out of the main source, leaving blank lines so that line numbers in
the main program's diagnostics stay those of the source as written. `Artifacts` keeps
the crates a process has built, so programs that share a helper crate build it once.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

_START = re.compile(r"^\s*//@\s*crate\s+(\S+)\s+(\S+)\s*$")
_END = re.compile(r"^\s*//@\s*end\s+crate\s*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
KINDS = ("proc-macro", "lib")


@dataclass(frozen=True)
class AuxCrate:
    name: str
    kind: str  # a rustc --crate-type
    source: str

    @property
    def filename(self) -> str:
        return f"aux_{self.name}.rs"

    @property
    def artifact(self) -> str:
        return f"lib{self.name}.so" if self.kind == "proc-macro" else f"lib{self.name}.rlib"


class AuxError(ValueError):
    """A malformed `//@ crate` section; the message says which line and why."""


def split(source: str) -> tuple[str, list[AuxCrate]]:
    """(main source, auxiliary crates in order of appearance)."""
    if "//@" not in source:
        return source, []
    main, crates, current, body = [], [], None, []
    for n, line in enumerate(source.splitlines(keepends=True), 1):
        start, end = _START.match(line), _END.match(line)
        if current is None and start:
            name, kind = start.groups()
            if not _NAME.match(name) or kind not in KINDS:
                raise AuxError(f"line {n}: `//@ crate {name} {kind}`: want a crate name and one of {KINDS}")
            if any(c.name == name for c in crates):
                raise AuxError(f"line {n}: crate {name!r} is defined twice")
            current, body = (name, kind), []
        elif current is not None and end:
            crates.append(AuxCrate(current[0], current[1], "".join(body)))
            current = None
        elif current is not None:
            body.append(line)
        elif end:
            raise AuxError(f"line {n}: `//@ end crate` without `//@ crate`")
        else:
            main.append(line)
            continue
        main.append("\n")
    if current is not None:
        raise AuxError(f"crate {current[0]!r} is not closed with `//@ end crate`")
    return "".join(main), crates


class Artifacts:
    """Built auxiliary crates, in memory, by a key naming everything that determines the
    artifact (see `key`). A koan's broken and fixed programs share their helper crate, and
    a proc-macro build (a 5 MB dylib) costs as much as compiling the program itself.
    Only successful builds are kept, the most recently used up to `limit` bytes; one
    build per key runs at a time, so a second thread waits for the first one's artifact."""

    def __init__(self, limit: int = 256 << 20):
        self.limit = limit
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._kept: OrderedDict[str, bytes] = OrderedDict()

    @staticmethod
    def key(previous: str, edition: str, crate: AuxCrate) -> str:
        """`previous`: the key of the crate built before this one (which it may link), or
        the rustc version for the first."""
        text = "\0".join((previous, edition, crate.kind, crate.name, crate.source))
        return hashlib.sha256(text.encode()).hexdigest()

    def provide(self, key: str, path: Path, build: Callable[[], object], built: Callable[[object], bool]):
        """Write the artifact to `path`, from memory (returns None) or by calling `build`
        (returns what it returned; kept when `built` says it succeeded)."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                data = self._kept.get(key)
                if data is not None:
                    self._kept.move_to_end(key)
            if data is not None:
                path.write_bytes(data)
                return None
            outcome = build()
            if built(outcome) and path.is_file():
                self._keep(key, path.read_bytes())
            return outcome

    def _keep(self, key: str, data: bytes) -> None:
        with self._guard:
            self._kept[key] = data
            while sum(map(len, self._kept.values())) > self.limit and len(self._kept) > 1:
                self._kept.popitem(last=False)
