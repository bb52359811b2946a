"""Renamed copies of koans for pre-training: the names a program defines, replaced
consistently by other names of the same length (drawn from the names all the koans use).

A small model trained on koans drawn from fixed name pools learns to recall names
instead of copying them from the prompt: it writes a plausible SEARCH line with the
wrong names. A copy whose names were shuffled can only be answered by copying. Every name keeps
its length, so the columns of rustc's `^^^` markers in the diagnostic stay right; in the
diagnostic only numbered source lines and `backticked` text are rewritten (the rest is
rustc's English, where a variable called `value` is just a word).

Copies are training data only: they are not koans (no rustc verdict is claimed for them).
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from share.koan import Koan

KEYWORDS = set(
    "as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move "
    "mut pub ref return self Self static struct super trait true type unsafe use where while abstract become box do "
    "final gen macro override priv try typeof unsized virtual yield union macro_rules".split()
)
_DEFINED = re.compile(
    r"\b(?:let|for|fn|struct|enum|trait|mod|const|static|type|union)\s+(?:mut\s+)?([A-Za-z_]\w*)"
    r"|(?<![\w'.:])([A-Za-z_]\w*)\s*:(?!:)"
)
# methods of std traits a program implements (`fn fmt`, `fn next`): renaming one would break the impl
STD_METHODS = set(
    "fmt next from into eq ne cmp partial_cmp hash clone default drop deref deref_mut add sub mul div rem neg not "
    "index index_mut as_ref as_mut borrow to_string try_from try_into from_str poll call len is_empty iter "
    "into_iter size_hint source description main".split()
)
_SOURCE_LINE = re.compile(r"^\s*\d+\s*\|")
_BACKTICKED = re.compile(r"`[^`\n]*`")


def defined_names(code: str) -> set[str]:
    """Names the code introduces (bindings, items, fields, parameters), not the words of
    Rust or its standard library, nor path segments (`fmt::Result`, `Point::new`); names
    of one or two characters are kept as they are."""
    used_as_method = set(re.findall(r"\.([A-Za-z_]\w*)\s*\(", code))
    own_fns = set(re.findall(r"\bfn\s+([A-Za-z_]\w*)", code))
    in_paths = set(re.findall(r"([A-Za-z_]\w*)\s*::", code)) | set(re.findall(r"::\s*([A-Za-z_]\w*)", code))
    names = {a or b for a, b in _DEFINED.findall(code)}
    return {n for n in names if len(n) > 2 and n not in KEYWORDS | STD_METHODS | in_paths and not n.startswith("_")
            and (n not in used_as_method or n in own_fns)}


def shape(name: str) -> tuple:
    """What a stand-in must share with a name: length, capitalisation, underscores."""
    return len(name), name[0].isupper(), tuple(i for i, c in enumerate(name) if c == "_")


def name_pool(koans: list[Koan]) -> dict[tuple, list[str]]:
    """Every defined name of the koans, by shape: stand-ins the tokenizer has seen."""
    pool: dict[tuple, set[str]] = {}
    for k in koans:
        for n in defined_names("\n".join((k.broken, k.reference, k.tests))):
            pool.setdefault(shape(n), set()).add(n)
    return {key: sorted(names) for key, names in pool.items()}


def fresh_name(name: str, rng: random.Random, taken: set[str], pool: dict[tuple, list[str]]) -> str:
    """Another name of the same shape, from the pool where it has one, else random letters."""
    candidates = [n for n in pool.get(shape(name), ()) if n not in taken]
    if candidates:
        return rng.choice(candidates)
    for _ in range(100):
        out = "".join(
            rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if c.isupper() else
            rng.choice("abcdefghijklmnopqrstuvwxyz") if c.isalpha() else c
            for c in name
        )
        if out not in taken and out not in KEYWORDS:
            return out
    return name


def renamed(koan: Koan, rng: random.Random, pool: dict[tuple, list[str]]) -> Koan:
    """The koan with every name its code defines replaced consistently by another."""
    code = "\n".join((koan.broken, koan.reference, koan.tests))
    names = sorted(defined_names(code))
    if not names:
        return koan
    taken = set(re.findall(r"\w+", code))
    mapping = {}
    for n in names:
        mapping[n] = fresh_name(n, rng, taken, pool)
        taken.add(mapping[n])
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")

    def swap(text: str) -> str:
        return pattern.sub(lambda m: mapping[m.group()], text)

    diagnostic = "\n".join(swap(line) if _SOURCE_LINE.match(line) else _BACKTICKED.sub(lambda m: swap(m.group()), line)
                           for line in koan.diagnostic.split("\n"))
    return replace(koan, id=f"{koan.id}~renamed", broken=swap(koan.broken), reference=swap(koan.reference),
                   tests=swap(koan.tests), diagnostic=diagnostic)


def with_renamed_copies(koans: list[Koan], copies: int, seed: int) -> list[Koan]:
    """The koans followed by `copies` renamed copies of each (deterministic in the seed)."""
    rng, pool = random.Random(seed), name_pool(koans)
    return list(koans) + [renamed(k, rng, pool) for _ in range(copies) for k in koans]
