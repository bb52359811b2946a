"""A content-addressed, on-disk cache of verdicts, so re-evaluating unchanged answers
costs almost nothing.

The key covers everything a verdict depends on: the code and hidden tests, mode,
edition, timeout, the rustc version, the isolation in force and the evaluator's own
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

from share.koan import Result, SchemaError

FORMAT = "koanshare-eval-2"  # bump when a change to the evaluator can change a verdict


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
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            if entry["key"] != key:
                return None
            return replace(Result(**entry["result"]), id=id)
        except (OSError, ValueError, KeyError, TypeError, SchemaError):  # missing or corrupt: recompute
            return None

    def put(self, key: str, result: Result) -> None:
        if result.status == "sandbox_error":
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        except OSError:
            return  # a cache that cannot be written only costs speed
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"key": key, "result": asdict(result)}, f)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def key(code: str, tests: str, mode: str, edition: str, timeout: float, rustc: str, isolation: str) -> str:
    material = json.dumps([FORMAT, code, tests, mode, edition, float(timeout), rustc, isolation])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
