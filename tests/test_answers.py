"""Answer extraction: CommonMark fences and SEARCH/REPLACE edit blocks (no rustc)."""

import random

import pytest

from share.judge.answers import apply_edits, cannot_apply, extract_program, last_code_block, make_edits, parse_edits

BROKEN = "fn main() {\n    let a = 1;\n    let b = a;\n    println!(\"{}\", b);\n}\n"


def edit(search, replace):
    return "<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n"


# --- fences -------------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("```rust\nfn a() {}\n```", "fn a() {}\n"),
    ("```\nfn a() {}\n```", "fn a() {}\n"),
    ("```rust,ignore\nfn a() {}\n```", "fn a() {}\n"),
    ("``` rust edition2021\nfn a() {}\n```", "fn a() {}\n"),
    ("~~~rust\nfn a() {}\n~~~", "fn a() {}\n"),
    ("~~~\nfn a() {}\n```\nstill in\n~~~", "fn a() {}\n```\nstill in\n"),  # ``` does not close ~~~
    ("````rust\nlet s = \"```\";\n```\nx\n````", "let s = \"```\";\n```\nx\n"),  # a longer fence holds ```
    ("```rust\nfn a() {}\n`````", "fn a() {}\n"),  # a longer closing fence closes
    ("```rust\nfn a() {}\n```   ", "fn a() {}\n"),  # spaces after the closing fence
    ("```rust\nfn a() {}\n``` x", "fn a() {}\n``` x\n"),  # not a closing fence: text after it
    ("```rust\nfn a() {}\n", "fn a() {}\n"),  # unclosed: runs to the end
    ("  ```rust\n  fn a() {}\n    b\n c\n  ```", "fn a() {}\n  b\nc\n"),  # indentation removed up to the fence's
    ("    ```rust\n    fn a() {}\n    ```", None),  # four spaces: an indented block, not a fence
    ("```python\nprint(1)\n```", None),  # not rust
    ("```rust`x\nfn a() {}\n", None),  # a backtick in a backtick fence's info string: no fence
    ("```rust`x\nfn a() {}\n```", "\n"),  # ... so the last line opens an (empty, unclosed) block
    ("```rust\nfirst\n```\ntext\n```python\nnot this\n```\n```rust\nlast\n```\n", "last\n"),
    ("```rust\n```", "\n"),
    ("no fences at all", None),
])
def test_last_code_block(text, code):
    assert last_code_block(text) == code


def test_extract_program_fences_and_whole_text():
    assert extract_program("Here:\n```rust\nfn a() {}\n```\nDone.", BROKEN).code == "fn a() {}\n"
    assert extract_program("fn a() {}\n", BROKEN).code == "fn a() {}\n"  # no fence: the whole text
    assert extract_program("```python\nx = 1\n```", BROKEN).code == "```python\nx = 1\n```"


@pytest.mark.parametrize("answer", ["", "   \n\t\n", "```rust\n```", "```rust\n   \n```"])
def test_empty_answers_are_no_code(answer):
    program = extract_program(answer, BROKEN)
    assert program.code is None and program.status == "no_code"


# --- edit blocks --------------------------------------------------------------------

def test_single_edit_applies():
    program = extract_program(edit("    let b = a;\n", "    let b = a.clone();\n"), BROKEN)
    assert program.status is None
    assert program.code == BROKEN.replace("let b = a;", "let b = a.clone();")


def test_edit_blocks_with_prose_and_multiple_blocks():
    answer = ("I will fix two lines.\n" + edit("    let a = 1;\n", "    let a = 2;\n") + "and\n"
              + edit("    println!(\"{}\", b);\n", "    println!(\"{b}\");\n    drop(b);\n"))
    code = extract_program(answer, BROKEN).code
    assert code == "fn main() {\n    let a = 2;\n    let b = a;\n    println!(\"{b}\");\n    drop(b);\n}\n"


def test_edits_apply_in_order_to_the_edited_text():
    answer = edit("    let a = 1;\n", "    let a = 7;\n") + edit("    let a = 7;\n", "    let a = 8;\n")
    assert "let a = 8;" in extract_program(answer, BROKEN).code


def test_edit_matches_whole_lines_only():
    program = apply_edits(BROKEN, edit("let b = a\n", "let b = 2\n"))  # a part of a line
    assert program.status == "edit_not_applicable" and "not found" in program.detail
    program = apply_edits(BROKEN, edit("    let b = a;   \n", "    let b = 2;\n"))  # trailing spaces ignored
    assert program.code is not None
    program = apply_edits(BROKEN, edit("let b = a;\n", "let b = 2;\n"))  # leading spaces are not
    assert program.status == "edit_not_applicable"


def test_edit_deleting_lines_and_crlf():
    assert apply_edits(BROKEN, edit("    let b = a;\n", "")).code == BROKEN.replace("    let b = a;\n", "")
    crlf = edit("    let b = a;\n", "    let b = 3;\n").replace("\n", "\r\n")
    assert "let b = 3;" in apply_edits(BROKEN, crlf).code


def test_ambiguous_edit():
    broken = "fn f() {\n    x += 1;\n    x += 1;\n}\n"
    program = apply_edits(broken, edit("    x += 1;\n", "    x += 2;\n"))
    assert program.status == "edit_not_applicable" and "ambiguous" in program.detail and "2 places" in program.detail


@pytest.mark.parametrize("answer, problem", [
    ("<<<<<<< SEARCH\n    let a = 1;\n=======\nbar\n", "not closed"),
    ("<<<<<<< SEARCH\nfoo\n>>>>>>> REPLACE\n", "without a matching"),
    ("<<<<<<< SEARCH\n<<<<<<< SEARCH\n=======\n>>>>>>> REPLACE\n", "inside an unfinished"),
    ("<<<<<<< SEARCH\n   \n=======\nx\n>>>>>>> REPLACE\n", "SEARCH part is empty"),
])
def test_malformed_edits(answer, problem):
    assert isinstance(parse_edits(answer), str)
    program = extract_program(answer, BROKEN)
    assert program.status == "edit_not_applicable" and program.detail.startswith("malformed") and problem in program.detail


def test_stray_replace_marker_is_malformed_but_not_an_edit_answer():
    assert "without a matching" in parse_edits(">>>>>>> REPLACE\n")
    assert extract_program(">>>>>>> REPLACE\n", BROKEN).code == ">>>>>>> REPLACE\n"  # only SEARCH starts edit mode


def test_edits_win_over_fences():
    answer = "```rust\nfn other() {}\n```\n" + edit("    let a = 1;\n", "    let a = 5;\n")
    assert "let a = 5;" in extract_program(answer, BROKEN).code


# --- make_edits round trip ----------------------------------------------------------

ROUND_TRIPS = [
    (BROKEN, BROKEN.replace("let b = a;", "let b = a.clone();")),
    (BROKEN, BROKEN),  # nothing to change
    ("a\nx\na\nx\na\n", "a\nx\na\ny\na\n"),  # repeated lines need context
    ("fn f() {\n}\n", "use std::fmt;\n\nfn f() {\n}\n\nfn g() {}\n"),  # insertions at both ends
    ("a\nb\nc\nd\n", "d\n"),  # deletions
    ("a\n\n\nb\n", "a\n\nb\n"),  # blank lines
    ("a\nb\nc\nd\ne\nf\ng\n", "a\nB\nc\nd\ne\nF\ng\n"),  # two separate hunks
]

@pytest.mark.parametrize("broken, reference", ROUND_TRIPS + [
    ("x\nx\nx\n", "x\ny\nx\n"),  # neighbouring hunks whose contexts overlap
    ("}\n}\n}\n", "}\n    }\n}\n"),
])
def test_round_trip(broken, reference):
    program = apply_edits(broken, make_edits(broken, reference))
    assert program.code == reference


def test_round_trip_random_programs():
    rng = random.Random(7)
    pool = ["{", "}", "    x += 1;", "    let v = vec![1, 2];", "", "fn f() {", "    return;", "// note"]
    for _ in range(300):
        broken = [rng.choice(pool) for _ in range(rng.randint(1, 12))]
        reference = list(broken)
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(reference))
            action = rng.choice(["insert", "delete", "replace"])
            if action == "insert" or not reference:
                reference.insert(at, rng.choice(pool + ["    new();"]))
            elif action == "delete":
                del reference[min(at, len(reference) - 1)]
            else:
                reference[min(at, len(reference) - 1)] = "    changed();"
        b, r = "\n".join(broken) + "\n", "\n".join(reference) + "\n"
        if not b.strip():  # a SEARCH needs a non-blank line to anchor on
            with pytest.raises(ValueError, match="no non-blank line"):
                make_edits(b, r)
            continue
        assert apply_edits(b, make_edits(b, r)).code == r, (b, r)


# --- cutting an answer that can no longer apply ---------------------------------------

@pytest.mark.parametrize("answer, doomed", [
    ("<<<<<<< SEARCH\n    let b = c", True),  # no line of BROKEN starts so
    ("<<<<<<< SEARCH\n    let b = a", False),  # ... this one may still become `let b = a;`
    ("<<<<<<< SEARCH\n    let a = 1;\n    let b", False),
    ("<<<<<<< SEARCH\n    let a = 1;\n}", True),  # the lines match, but not one after the other
    ("<<<<<<< SEARCH\n    let a = 1;   \n    let b = a;\n===", False),  # trailing spaces; the divider comes
    ("<<<<<<< SEARCH\n    let a = 2;\n=======\n", True),  # a complete SEARCH that matches nothing
    ("Fix:\n<<<<<<< SEARCH\nfn mian", True),  # prose before the block
    ("<<<<<<< SEARCH", False),  # the marker line is not finished yet
    ("<<<<<<< SEARCH\n    let b = \ufffd", True),  # a character cut between its bytes, in code with none
    ("```rust\nfn nope() {}\n", False),  # a whole program: never cut
    ("<<<<<<< SEARCH\n<<<<<<< SEARCH\n", False),  # malformed: the parser says so, not a cut
])
def test_cannot_apply(answer, doomed):
    assert cannot_apply(answer, BROKEN) is doomed


def test_a_character_cut_between_its_bytes_is_unsure_in_code_that_has_such_characters():
    assert not cannot_apply('<<<<<<< SEARCH\n    let s = "\ufffd', 'fn main() {\n    let s = "é";\n}\n')


@pytest.mark.parametrize("answer, doomed", [
    ("<<<<<<< SEARCH\n    let b = a", False),
    ("<<<<<<< SEARCH\n    let b = a;   ", True),  # matching ignores trailing spaces; a line being written may not
    ("<<<<<<< SEARCH\n    let a = 1;\n==", False),  # the divider, as written
    ("<<<<<<< SEARCH\n    let a = 1;\n  =", True),  # an indented divider: neither the next line nor the divider
    ("<<<<<<< SEARCH\n    let a = 1;\n    ", False),  # may still become the next line
])
def test_exact_keeps_the_line_being_written_to_the_code_as_written(answer, doomed):
    """What generation keeps a SEARCH to: without it, spaces that matching ignores could
    pad a line forever; the plain check still lets them through."""
    assert cannot_apply(answer, BROKEN, exact=True) is doomed
    assert not cannot_apply(answer, BROKEN)


def test_a_cut_answer_is_judged_as_the_whole_answer_and_a_right_one_is_never_cut():
    """Every prefix of right answers is kept; every prefix of wrong answers that is cut
    is judged edit_not_applicable / not found, as the whole answer is."""
    rng = random.Random(3)
    pool = ["{", "}", "    x += 1;", "    let v = vec![1, 2];", "", "fn f() {", "    return;", "// note", "  a b"]
    cuts = 0
    for _ in range(200):
        broken = "\n".join(rng.choice(pool) for _ in range(rng.randint(2, 10))) + "\n"
        if not broken.strip():
            continue
        reference = broken.replace(rng.choice([line for line in broken.splitlines() if line.strip()]), "    changed();", 1)
        right = make_edits(broken, reference)
        assert not any(cannot_apply(right[:n], broken) for n in range(len(right) + 1))
        chars = list(right)
        for _ in range(rng.randint(1, 3)):  # a few wrong characters anywhere
            chars[rng.randrange(len(chars))] = rng.choice("xy; \n{")
        wrong = "".join(chars)
        whole = extract_program(wrong, broken)
        for n in range(len(wrong) + 1):
            if cannot_apply(wrong[:n], broken):
                cuts += 1
                assert whole.status == "edit_not_applicable", (broken, wrong, n)
                assert extract_program(wrong[:n], broken).detail == "not found: SEARCH of edit 1 matches no lines"
                break
    assert cuts > 50  # the property was exercised
