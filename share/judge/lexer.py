"""A Rust lexer just precise enough for static rules on programs (share.judge.batch, share.judge.guard):
tokens without spaces and comments, each with its offset in the source; None where the
lexing is unsure (an unterminated string, character or block comment)."""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*)
  | (?P<block>/\*)
  | (?P<raw>(?:br|cr|r)(?P<hashes>\#*)")
  | (?P<string>[bc]?"(?:\\.|[^"\\])*")
  | (?P<char>b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F_]{1,6}\}|.)|[^'\\\n])')
  | (?P<lifetime>'(?:r\#)?[^\W\d]\w*)
  | (?P<ident>(?:r\#)?[^\W\d]\w*)
  | (?P<number>\d\w*)
  | (?P<punct>::|.)
""", re.X | re.S)
_COMMENT_MARK = re.compile(r"/\*|\*/")
OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = (")", "]", "}")


class Token(NamedTuple):
    kind: str  # ident, lifetime, string, char, number or punct
    text: str
    start: int  # offset in the source

    @property
    def name(self) -> str:
        """An identifier as rustc resolves it: `r#vec` names `vec`."""
        return self.text.removeprefix("r#")


def tokens(source: str) -> list[Token] | None:
    """The tokens of `source` but spaces and comments; None if the lexing is unsure."""
    out, pos = [], 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        kind = m.lastgroup
        if kind == "block":
            pos = _block_comment_end(source, m.end())
        elif kind == "raw":
            end = source.find('"' + m.group("hashes"), m.end())
            if end < 0:
                return None
            out.append(Token("string", source[m.start():end + 1 + len(m.group("hashes"))], m.start()))
            pos = end + 1 + len(m.group("hashes"))
        elif kind == "punct" and m.group() in "\"'":
            return None  # an unterminated string or char literal
        else:
            if kind not in ("space", "comment"):
                out.append(Token(kind, m.group(), m.start()))
            pos = m.end()
        if pos < 0:
            return None
    return out


def _block_comment_end(source: str, pos: int) -> int:
    """The end of a (nestable) block comment opened just before pos; -1 if it never ends."""
    depth = 1
    while depth:
        m = _COMMENT_MARK.search(source, pos)
        if m is None:
            return -1
        depth += 1 if m.group() == "/*" else -1
        pos = m.end()
    return pos


def balanced(source: str) -> bool:
    """Whether source lexes and every delimiter it opens is closed by its match."""
    toks = tokens(source)
    return toks is not None and len(matching(toks)) == sum(t.text in OPENERS or t.text in CLOSERS for t in toks)


def matching(toks: list[Token]) -> dict[int, int]:
    """The index of the closing delimiter of every opening one that is closed (and back)."""
    pairs, stack = {}, []
    for i, t in enumerate(toks):
        if t.text in OPENERS:
            stack.append(i)
        elif t.text in CLOSERS and stack and OPENERS[toks[stack[-1]].text] == t.text:
            j = stack.pop()
            pairs[j], pairs[i] = i, j
        elif t.text in CLOSERS:
            stack.clear()  # unbalanced: what was open before cannot be matched reliably
    return pairs
