"""The koan, answer and result records of docs/design.md, and validated JSONL I/O.

A malformed line is reported as `file:line: field: problem`, so a bad generator or a
hand-edited file is fixed in one look; files are written atomically (share.io).
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterator

from share.io import write_jsonl

MODES = ("test", "run", "lib")
SPLITS = ("train", "eval", "dev")  # dev: for choosing recipes; disjoint from eval, which the report uses
EDITIONS = ("2021", "2024")
STATUSES = (
    "pass",
    "compile_error",
    "test_failure",
    "runtime_error",
    "timeout",
    "no_code",
    "edit_not_applicable",
    "sandbox_error",
)
ERROR_CODE = re.compile(r"^E\d{4}$")


class SchemaError(ValueError):
    """A record does not follow the docs/design.md schema; the message says where and how."""


@dataclass(frozen=True)
class Koan:
    id: str
    family: str
    task: str
    edition: str
    mode: str
    description: str
    broken: str
    diagnostic: str
    reference: str
    tests: str = ""
    expected_error: str | None = None

    def __post_init__(self):
        _check_strings(self, exclude=("expected_error",))
        if self.edition not in EDITIONS:
            raise SchemaError(f"edition: {self.edition!r} is not one of {EDITIONS}")
        if self.mode not in MODES:
            raise SchemaError(f"mode: {self.mode!r} is not one of {MODES}")
        if self.expected_error is not None and not ERROR_CODE.match(str(self.expected_error)):
            raise SchemaError(f"expected_error: {self.expected_error!r} is not an E0xxx code or null")
        if not self.id:
            raise SchemaError("id: must not be empty")


@dataclass(frozen=True)
class Answer:
    id: str
    answer: str

    def __post_init__(self):
        _check_strings(self)


@dataclass(frozen=True)
class Result:
    """The verdict on one answer. `detail` says why (e.g. which edit failed); `isolation`
    records the sandbox that was in force; `diagnostic` is the path-free compiler or test
    output that led to the verdict (empty on pass)."""

    id: str
    status: str
    error_codes: list = field(default_factory=list)
    seconds: float = 0.0
    detail: str = ""
    diagnostic: str = ""
    isolation: str = ""

    def __post_init__(self):
        _check_strings(self)
        if self.status not in STATUSES:
            raise SchemaError(f"status: {self.status!r} is not one of {STATUSES}")
        if not isinstance(self.error_codes, list) or not all(ERROR_CODE.match(c) for c in self.error_codes):
            raise SchemaError(f"error_codes: {self.error_codes!r} must be a list of E0xxx codes")


def _check_strings(record, exclude=()) -> None:
    for f in fields(record):
        if f.name in exclude:
            continue
        value = getattr(record, f.name)
        if f.type == "str" and not isinstance(value, str):
            raise SchemaError(f"{f.name}: expected a string, got {type(value).__name__}")


def from_dict(cls, data: dict):
    """Build a record from a parsed JSON object, naming missing or unknown fields."""
    if not isinstance(data, dict):
        raise SchemaError(f"expected a JSON object, got {type(data).__name__}")
    names = {f.name for f in fields(cls)}
    required = {f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
    missing = sorted(required - data.keys())
    if missing:
        raise SchemaError(f"{missing[0]}: missing field")
    unknown = sorted(data.keys() - names)
    if unknown:
        raise SchemaError(f"{unknown[0]}: unknown field (allowed: {', '.join(sorted(names))})")
    try:
        return cls(**data)
    except TypeError as e:  # pragma: no cover - guarded by the checks above
        raise SchemaError(str(e)) from e


def read_records(path: str | Path, cls) -> list:
    """Read and validate a JSONL file of `cls` records; errors name file, line and field."""
    return list(iter_records(path, cls))


def iter_records(path: str | Path, cls) -> Iterator:
    path = Path(path)
    try:
        handle = open(path, encoding="utf-8")
    except OSError as e:
        raise SchemaError(f"{path}: cannot read ({e.strerror}); check the path") from e
    seen = set()
    with handle:
        for lineno, line in _numbered_lines(path, handle):
            if not line.strip():
                continue
            try:
                record = from_dict(cls, json.loads(line))
            except json.JSONDecodeError as e:
                raise SchemaError(f"{path}:{lineno}: not valid JSON ({e.msg})") from e
            except SchemaError as e:
                raise SchemaError(f"{path}:{lineno}: {e}") from e
            if record.id in seen:
                raise SchemaError(f"{path}:{lineno}: id: duplicate id {record.id!r}")
            seen.add(record.id)
            yield record


def _numbered_lines(path: Path, handle) -> Iterator[tuple[int, str]]:
    lineno = 0
    try:
        for lineno, line in enumerate(handle, 1):
            yield lineno, line
    except UnicodeDecodeError as e:
        raise SchemaError(f"{path}:{lineno + 1}: not valid UTF-8 ({e.reason})") from e


def write_records(path: str | Path, records) -> None:
    write_jsonl(path, (asdict(r) for r in records))


def read_koans(path: str | Path) -> list[Koan]:
    return read_records(path, Koan)


def read_answers(path: str | Path) -> list[Answer]:
    return read_records(path, Answer)
