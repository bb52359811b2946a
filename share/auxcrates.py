"""Auxiliary crates inside one program source (the adv_proc_macro task needs them):

    //@ crate NAME proc-macro      (or `lib`)
    ...the helper crate's source...
    //@ end crate

`split` cuts them out of the main source, leaving blank lines so that line numbers in
the main program's diagnostics stay those of the source as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
