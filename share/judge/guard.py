"""The static guard: nothing a koan's program writes may remove, skip or rewrite the hidden
tests appended to it (docs/judge.md: why each rule is sound, and what no rule covers).

`refusal` names a construct the judge will not compile. `protected_tests` qualifies the
std macros the hidden tests invoke (`::std::assert_eq!`) whenever the program could bind
one of their names, so no macro of the program stands in for them.
"""

from __future__ import annotations

from share.judge import auxcrates
from share.judge.lexer import CLOSERS, OPENERS, Token, matching, tokens

LINT_LEVELS = frozenset({"allow", "warn", "deny", "forbid", "expect"})
BEFORE_MAIN = "runs code before main (before any test) or outside the compiler's checks"
OWN_SOURCE = "reads or names the source file, which holds the hidden tests"
# Refused wherever they appear, since a macro can carry a name to where it takes effect.
REFUSED_NAMES = {
    "link_section": BEFORE_MAIN, "global_allocator": BEFORE_MAIN,
    "asm": BEFORE_MAIN, "global_asm": BEFORE_MAIN, "naked_asm": BEFORE_MAIN,
    "include": OWN_SOURCE, "include_str": OWN_SOURCE, "include_bytes": OWN_SOURCE,
}
REFUSED_ATTRIBUTES = {"used": "keeps a static the linker would drop, as an `.init_array` entry (run before main) is kept"}
REFUSED_MACROS = {"file": OWN_SOURCE}
EXPORTS = ("no_mangle", "export_name")  # symbols the linker may take in place of the runtime's own
ITEM_PREFIX = {"pub", "crate", "in", "self", "super", "unsafe", "safe", "extern", "const", "async", "(", ")"}
STD_MACROS = frozenset("""assert assert_eq assert_ne debug_assert debug_assert_eq debug_assert_ne panic unreachable
    unimplemented todo vec format format_args print println eprint eprintln write writeln matches dbg concat
    stringify line column file module_path cfg env option_env include include_str include_bytes compile_error
    thread_local""".split())


def refusal(code: str, reference: str, broken: str) -> str | None:
    """Why the guard refuses a program written for the koan with this reference and broken
    code, or None. The koan sets what is allowed: the symbols its reference exports, and
    the auxiliary crates of its reference or broken code."""
    try:
        main, crates = auxcrates.split(code)
    except auxcrates.AuxError:
        return None  # not a program yet: the judge reports the malformed section
    allowed = set(_crates(reference)) | set(_crates(broken))
    for crate in crates:
        if crate not in allowed:
            return (f"auxiliary crate `{crate.name}` differs from the koan's: a helper crate runs code at compile "
                    "time that the guard cannot see; keep the koan's crates as they are")
    toks = tokens(main)
    if toks is None:
        return "the guard cannot read the program: a string, character or block comment is not closed"
    pairs = matching(toks)
    return _refused_construct(toks, pairs, exported_symbols(reference)) or _trailing_attribute(toks, pairs)


def exported_symbols(code: str) -> set[str]:
    """The symbols a program's attributes export (`#[no_mangle]`, `#[export_name = ...]`)."""
    toks = tokens(_main(code)) or []
    pairs = matching(toks)
    ends = _attribute_ends(toks, pairs)
    return {_symbol(toks, i, ends[i], pairs) for i, t in enumerate(toks)
            if t.kind == "ident" and t.name in EXPORTS and ends[i] is not None} - {None}


def protected_tests(code: str, tests: str) -> str:
    """The hidden tests as compiled after `code`: where the code could bind the name of a
    std macro they invoke (a `macro_rules!`, or a `use` naming it), those invocations
    become `::std::NAME!`."""
    toks = tokens(tests) or []
    invoked = [t for k, t in enumerate(toks) if t.kind == "ident" and t.name in STD_MACROS and _text(toks, k + 1) == "!"
               and _text(toks, k + 2) in OPENERS and _text(toks, k - 1) != "::"]
    if not invoked or not _could_bind(code, {t.name for t in invoked}):
        return tests
    parts, pos = [], 0
    for t in invoked:
        parts += [tests[pos:t.start], "::std::"]
        pos = t.start
    return "".join(parts) + tests[pos:]


def _could_bind(code: str, names: set[str]) -> bool:
    """Whether code could give a macro one of `names`: only `macro_rules!` (perhaps written
    by another macro) or a `use` (perhaps renaming another macro) can."""
    toks = tokens(code)
    if toks is None:
        return True
    in_use = False
    for t in toks:
        if t.kind == "ident" and t.name == "macro_rules":
            return True
        if t.kind == "ident" and t.name == "use":
            in_use = True
        elif t.text == ";":
            in_use = False
        elif in_use and t.kind == "ident" and t.name in names:
            return True
    return False


def _refused_construct(toks: list[Token], pairs: dict[int, int], exports: set[str]) -> str | None:
    """The first construct the guard refuses: a name that runs code before main or reads the
    source, a symbol the reference does not export, a crate-level attribute but a lint level."""
    ends, depth = _attribute_ends(toks, pairs), 0
    for i, t in enumerate(toks):
        if t.kind == "ident":
            if t.name in REFUSED_NAMES:
                return f"`{t.name}` {REFUSED_NAMES[t.name]}"
            if t.name in REFUSED_ATTRIBUTES and ends[i] is not None:
                return f"`#[{t.name}]` {REFUSED_ATTRIBUTES[t.name]}"
            if t.name in REFUSED_MACROS and _text(toks, i + 1) == "!":
                return f"`{t.name}!` {REFUSED_MACROS[t.name]}"
            if t.name in EXPORTS:
                symbol = _symbol(toks, i, ends[i], pairs) if ends[i] is not None else None
                if symbol not in exports:
                    what = "a symbol that a macro names" if symbol is None else f"the symbol `{symbol}`"
                    return (f"`{t.name}` exports {what}, which could replace a function of the runtime; only the "
                            f"koan reference's exports are allowed ({', '.join(sorted(exports)) or 'it has none'})")
        elif t.text == "#" and _text(toks, i + 1) == "!" and depth <= 0:
            name = _text(toks, i + 3) if _text(toks, i + 2) == "[" else ""
            if name.removeprefix("r#") not in LINT_LEVELS:
                return (f"the crate-level attribute `#!{_text(toks, i + 2)}{name}...` changes how the whole crate, "
                        "hidden tests included, is built; only lint levels such as #![allow(...)] are allowed")
        depth += (t.text in OPENERS) - (t.text in CLOSERS)
    return None


def _trailing_attribute(toks: list[Token], pairs: dict[int, int]) -> str | None:
    opener = pairs.get(len(toks) - 1) if toks and toks[-1].text == "]" else None
    if opener is not None and _is_attribute(toks, opener):
        return "the program ends with an attribute, which would apply to the hidden tests that follow it"
    return None


def _attribute_ends(toks: list[Token], pairs: dict[int, int]) -> list[int | None]:
    """For each token inside an attribute, the index of the `]` that ends the outermost one."""
    ends, end = [], None
    for i, t in enumerate(toks):
        if end is None and t.text == "[" and i in pairs and _is_attribute(toks, i):
            end = pairs[i]
        ends.append(end)
        if i == end:
            end = None
    return ends


def _is_attribute(toks: list[Token], bracket: int) -> bool:
    """Whether the `[` at index `bracket` opens `#[...]` or `#![...]`."""
    before = _text(toks, bracket - 1)
    return before == "#" or (before == "!" and _text(toks, bracket - 2) == "#")


def _symbol(toks: list[Token], i: int, attribute_end: int, pairs: dict[int, int]) -> str | None:
    """The symbol the export attribute at token i gives: the string of `export_name = "..."`,
    or the name of the fn or static that `no_mangle` sits on; None when a macro decides it."""
    if toks[i].name == "export_name":
        value = _text(toks, i + 2) if _text(toks, i + 1) == "=" else ""
        return value[1:-1] if value.startswith('"') and value.endswith('"') else None
    j = attribute_end + 1
    while j < len(toks):
        if toks[j].text == "#" and _text(toks, j + 1) == "[" and j + 1 in pairs:
            j = pairs[j + 1] + 1  # another attribute of the same item
        elif toks[j].text in ("fn", "static"):
            name = j + 1 + (_text(toks, j + 1) == "mut")
            return toks[name].name if name < len(toks) and toks[name].kind == "ident" else None
        elif toks[j].text in ITEM_PREFIX or toks[j].kind == "string":
            j += 1
        else:
            return None
    return None


def _crates(source: str) -> list[auxcrates.AuxCrate]:
    try:
        return auxcrates.split(source)[1]
    except auxcrates.AuxError:
        return []


def _main(source: str) -> str:
    try:
        return auxcrates.split(source)[0]
    except auxcrates.AuxError:
        return source


def _text(toks: list[Token], i: int) -> str:
    return toks[i].text if 0 <= i < len(toks) else ""
