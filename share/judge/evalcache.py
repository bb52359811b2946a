"""A content-addressed, on-disk cache of verdicts, so re-evaluating unchanged answers
costs almost nothing; it also keeps the stdout of run-mode references (the output their
answers must print), so a reference runs once.

The key covers everything a verdict depends on: the code and hidden tests, mode,
edition, timeout, the rustc version, the isolation in force, the koan's reference and
broken code (what the guard allows; the output run mode expects) and the evaluator's own
version. Timeouts are cached too (the key includes the timeout): a verdict is a
function of its key, and a timeout caused by an overloaded machine is re-judged by
clearing the cache or changing the timeout. sandbox_error is never cached (it is a
fault of the machine, not of the program). Entries are written atomically; an entry
that cannot be read back is ignored and recomputed.

Location: $KOANSHARE_CACHE, default ~/.cache/koanshare/eval; KOANSHARE_CACHE=off disables it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

from share.koans.koan import Result, SchemaError

FORMAT = "koanshare-eval-3"  # bump when a change to the evaluator can change a verdict


class Cache:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    @classmethod
    def from_env(cls) -> Cache | None:
        where = os.environ.get("KOANSHARE_CACHE", "")
        if where.lower() == "off":
            return None
        return cls(where or Path.home() / ".cache" / "koanshare" / "eval")

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, id: str) -> Result | None:
        try:
            return replace(Result(**self._read(key)["result"]), id=id)
        except (OSError, ValueError, KeyError, TypeError, SchemaError):  # missing or corrupt: recompute
            return None

    def put(self, key: str, result: Result) -> None:
        if result.status != "sandbox_error":
            self._write(key, {"result": asdict(result)})

    def get_output(self, key: str) -> str | None:
        try:
            stdout = self._read(key)["stdout"]
            return stdout if isinstance(stdout, str) else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_output(self, key: str, stdout: str) -> None:
        self._write(key, {"stdout": stdout})

    def _read(self, key: str) -> dict:
        entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        if entry["key"] != key:
            raise KeyError(key)
        return entry

    def _write(self, key: str, entry: dict) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        except OSError:
            return  # a cache that cannot be written only costs speed
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"key": key, **entry}, f)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def key(code: str, tests: str, mode: str, edition: str, timeout: float, rustc: str, isolation: str,
        reference: str | None, broken: str) -> str:
    material = json.dumps([FORMAT, code, tests, mode, edition, float(timeout), rustc, isolation, reference, broken])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def output_key(reference: str, edition: str, rustc: str, isolation: str) -> str:
    """The key of a run-mode reference's stdout (only a run that exited 0 is kept, so the
    timeout does not matter)."""
    material = json.dumps([FORMAT, "reference stdout", reference, edition, rustc, isolation])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
