"""Read rustc's JSON diagnostics and make every stored text reproducible.

The same code must always yield the same text, so whatever varies between runs is
scrubbed: sandbox and temp-dir paths, test timings, thread ids, addresses.
"""

from __future__ import annotations

import json
import re
import tempfile

from share.koans.koan import ERROR_CODE

DIAGNOSTIC_LIMIT = 4000  # characters of compiler/test output kept in a Result

_SCRUBS = [
    (re.compile(r"finished in \d+\.\d+s"), "finished in 0.00s"),  # libtest timing
    (re.compile(r"(thread '[^'\n]*') \(\d+\)"), r"\1"),  # panic messages name the thread id
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "0x0"),  # pointers printed with {:p} or in crash reports
]


def _temp_paths() -> re.Pattern:
    roots = {re.escape(tempfile.gettempdir()), "/tmp"}
    return re.compile(rf"(?:{'|'.join(sorted(roots))})/(?:koanshare-|rustc)[\w.-]*/?|/work/")


def scrub(text: str) -> str:
    """Remove temp-dir and sandbox paths, timings, thread ids and addresses."""
    text = _temp_paths().sub("", text)
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


def clip(text: str) -> str:
    return text if len(text) <= DIAGNOSTIC_LIMIT else text[:DIAGNOSTIC_LIMIT] + "\n[... output clipped]\n"


def parse(json_lines: str) -> list[dict]:
    """rustc's JSON diagnostics (one object per line); other lines are skipped."""
    found = []
    for line in json_lines.splitlines():
        if line.startswith("{"):
            try:
                found.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return found


def error_codes(json_lines: str) -> list[str]:
    """E0xxx codes of rustc's error diagnostics, in order, without repeats (a lint denied
    into an error carries its lint name as `code`, e.g. long_running_const_eval: skipped)."""
    codes = []
    for diag in parse(json_lines):
        code = (diag.get("code") or {}).get("code")
        if diag.get("level") == "error" and code and ERROR_CODE.match(code) and code not in codes:
            codes.append(code)
    return codes


def rendered(json_lines: str) -> str:
    """The human-readable text rustc would have printed, scrubbed."""
    return scrub("".join(d.get("rendered") or "" for d in parse(json_lines) if d.get("level") in ("error", "warning")))


def files_with_errors(json_lines: str) -> set[str] | None:
    """The source files named by each error's spans (children and macro expansions
    included); None if some error names no file of ours (e.g. a linker error)."""
    files = set()
    for diag in parse(json_lines):
        if diag.get("level") != "error" or not diag.get("spans") and _is_summary(diag):
            continue
        named = {f for f in _span_files(diag) if not f.startswith("/")}
        if not named:
            return None
        files |= named
    return files


def _is_summary(diag: dict) -> bool:
    message = diag.get("message", "")
    return message.startswith(("aborting due to", "For more information about"))


def _span_files(diag: dict):
    for span in diag.get("spans") or ():
        while span:
            yield span.get("file_name", "")
            span = (span.get("expansion") or {}).get("span")
    for child in diag.get("children") or ():
        yield from _span_files(child)
