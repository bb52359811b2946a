"""Turn a raw model answer into a program: SEARCH/REPLACE edits or a fenced whole program.

Both formats are first-class. Edits are applied to the koan's broken code and each
SEARCH must match exactly one run of whole lines; a whole program is the last ```rust or
plain ``` block found by CommonMark's fence rules (so a longer fence can hold ```), else
the whole text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

SEARCH, DIVIDER, REPLACE = "<<<<<<< SEARCH", "=======", ">>>>>>> REPLACE"
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")


@dataclass(frozen=True)
class Program:
    """The code to compile, or why there is none (`status` is then a Result status)."""

    code: str | None
    status: str | None = None
    detail: str = ""


def extract_program(answer: str, broken: str) -> Program:
    if not answer.strip():
        return Program(None, "no_code", "the answer is empty")
    if any(line.strip() == SEARCH for line in answer.splitlines()):
        return apply_edits(broken, answer)
    code = last_code_block(answer)
    code = answer if code is None else code
    if not code.strip():
        return Program(None, "no_code", "the code block is empty")
    return Program(code)


def last_code_block(text: str) -> str | None:
    """The content of the last fenced block whose info string is empty or `rust...`."""
    lines = text.splitlines()
    found, i = None, 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m or (m.group(2)[0] == "`" and "`" in m.group(3)):
            i += 1
            continue
        indent, fence, info = len(m.group(1)), m.group(2), m.group(3).strip()
        body, i = [], i + 1
        while i < len(lines):
            close = _FENCE.match(lines[i])
            if close and close.group(2)[0] == fence[0] and len(close.group(2)) >= len(fence) and not close.group(3).strip():
                break
            body.append(_dedent(lines[i], indent))
            i += 1
        i += 1  # past the closing fence (or the end: an unclosed block runs to the end)
        if info == "" or info.split()[0].lower().startswith("rust"):
            found = "\n".join(body) + "\n"
    return found


def _dedent(line: str, indent: int) -> str:
    strip = len(line) - len(line.lstrip(" "))
    return line[min(strip, indent):]


def parse_edits(answer: str) -> list[tuple[list[str], list[str]]] | str:
    """The (search, replace) line lists of each edit block, or a message saying what is malformed."""
    edits, state, search, replace = [], None, [], []
    for n, line in enumerate(answer.splitlines(), 1):
        marker = line.strip()
        if marker == SEARCH:
            if state is not None:
                return f"line {n}: {SEARCH} inside an unfinished edit block"
            state, search, replace = "search", [], []
        elif marker == DIVIDER and state == "search":
            state = "replace"
        elif marker == REPLACE:
            if state != "replace":
                return f"line {n}: {REPLACE} without a matching {SEARCH} and {DIVIDER}"
            if not any(s.strip() for s in search):
                return f"line {n}: the SEARCH part is empty"
            edits.append((search, replace))
            state = None
        elif state == "search":
            search.append(line)
        elif state == "replace":
            replace.append(line)
    if state is not None:
        return f"the last edit block is not closed with {REPLACE}"
    return edits


def apply_edits(broken: str, answer: str) -> Program:
    edits = parse_edits(answer)
    if isinstance(edits, str):
        if cannot_apply(answer, broken):  # what a cut answer (share.model.generation) is judged by
            return Program(None, "edit_not_applicable", "not found: SEARCH of edit 1 matches no lines")
        return Program(None, "edit_not_applicable", f"malformed: {edits}")
    lines = broken.splitlines()
    for number, (search, replace) in enumerate(edits, 1):
        places = _find_lines(lines, search)
        if not places:
            return Program(None, "edit_not_applicable", f"not found: SEARCH of edit {number} matches no lines")
        if len(places) > 1:
            return Program(None, "edit_not_applicable", f"ambiguous: SEARCH of edit {number} matches {len(places)} places")
        at = places[0]
        lines = lines[:at] + replace + lines[at + len(search):]
    return Program("\n".join(lines) + "\n")


def cannot_apply(answer: str, broken: str, exact: bool = False) -> bool:
    """True when an edit answer, even one still being written, can never apply: no run of
    the broken code's lines matches what is written of its first SEARCH part (whose last
    line may be unfinished). apply_edits gives an answer cut there the status the whole
    one would get. False whenever unsure. `exact`: the unfinished line must also be a
    prefix of a code line as written, trailing spaces included, or of an unindented
    divider (what generation keeps a SEARCH to: else spaces, which matching ignores,
    could pad a line without end)."""
    state = open_search(answer, broken)
    if state is None or isinstance(state, bool):
        return bool(state)
    partial, options, divider = state
    if exact:
        return not may_become(partial, options, divider)
    return not (any(line.rstrip().startswith(partial.rstrip()) for line in options)
                or (divider and DIVIDER.startswith(partial.strip())))


def may_become(line: str, options: list[str], divider: bool) -> bool:
    """Whether an unfinished SEARCH line is, as written, the start of one of the options
    (open_search's code lines) or of an unindented divider."""
    return any(option.startswith(line) for option in options) or (divider and DIVIDER.startswith(line))


def open_search(answer: str, broken: str) -> tuple[str, list[str], bool] | bool | None:
    """Where an edit answer stands in its first SEARCH part. None: not an edit answer yet,
    or unsure (a character cut mid-bytes, in code that has such characters). A bool: its
    fate is settled, True when it can never apply (the part is complete and matches
    nothing, or holds a character cut mid-bytes that pure-ASCII code cannot have), False
    when the part is complete and matches. Else (the unfinished last line, the code lines
    as written that it may still become, whether a divider may end the part there)."""
    lines = answer.splitlines(keepends=True)
    partial = lines.pop() if lines and lines[-1].splitlines()[0] == lines[-1] else ""  # the line being written
    done = [line.splitlines()[0] for line in lines]
    start = next((n for n, line in enumerate(done) if line.strip() == SEARCH), None)
    if start is None:
        return None
    if partial.endswith("\ufffd"):  # a character cut mid-bytes: unsure, unless no code line has such a character
        return True if broken.isascii() else None
    search = []
    for line in done[start + 1:]:
        if line.strip() in (SEARCH, DIVIDER, REPLACE):  # the SEARCH part is complete (or malformed: the parser's word)
            return line.strip() == DIVIDER and any(s.strip() for s in search) and not _find_lines(broken.splitlines(), search)
        search.append(line)
    code = broken.splitlines()
    have, want = [s.rstrip() for s in code], [s.rstrip() for s in search]
    at = [i for i in range(len(have) - len(want) + 1) if have[i:i + len(want)] == want]  # where the lines so far match
    return partial, [code[i + len(want)] for i in at if i + len(want) < len(code)], bool(want and at)


def _find_lines(lines: list[str], search: list[str]) -> list[int]:
    """Start indices where `search` matches whole lines (trailing whitespace ignored)."""
    want = [s.rstrip() for s in search]
    have = [s.rstrip() for s in lines]
    n = len(want)
    return [i for i in range(len(have) - n + 1) if have[i:i + n] == want]


def make_edits(broken: str, reference: str) -> str:
    """The SEARCH/REPLACE blocks that turn `broken` into `reference` (the training target).

    One block per changed region: each hunk's SEARCH grows by a line of context at a time
    until it matches exactly one place, and hunks whose context would overlap become one
    block, so apply_edits(broken, make_edits(...)) == reference always holds (checked; if
    a replacement creates a new match for a later block, one block spans all changes).
    """
    old, new = broken.splitlines(), reference.splitlines()
    if not any(line.strip() for line in old):
        raise ValueError("broken code with no non-blank line cannot be edited: a SEARCH needs a non-blank line")
    regions = []  # [lo, hi) in old and the matching [jlo, jhi) in new
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lo, hi = _unique_context(old, i1, i2)
        jlo, jhi = j1 - (i1 - lo), j2 + (hi - i2)
        if regions and lo < regions[-1][1]:  # overlaps the previous block: merge the two
            plo, _, pjlo, _ = regions.pop()
            lo, jlo = plo, pjlo
        regions.append((lo, hi, jlo, jhi))
    edits = _blocks(old, new, regions)
    if regions and apply_edits(broken, edits).code != reference:
        first, last = regions[0], regions[-1]
        edits = _blocks(old, new, [(first[0], last[1], first[2], last[3])])
    return edits


def _unique_context(old: list[str], i1: int, i2: int) -> tuple[int, int]:
    """Grow [i1, i2) by one line at a time, alternating sides, until it matches once."""
    before = after = 0
    while True:
        lo, hi = i1 - before, i2 + after
        search = old[lo:hi]
        if (search and any(s.strip() for s in search) and len(_find_lines(old, search)) == 1) or (lo == 0 and hi == len(old)):
            return lo, hi
        if (before <= after and lo > 0) or hi == len(old):
            before += 1
        else:
            after += 1


def _blocks(old: list[str], new: list[str], regions) -> str:
    blocks = ["\n".join([SEARCH, *old[lo:hi], DIVIDER, *new[jlo:jhi], REPLACE]) for lo, hi, jlo, jhi in regions]
    return "\n".join(blocks) + ("\n" if blocks else "")
