"""The koan / answer / result schema and its JSONL reader: every error names file, line and field."""

import json

import pytest

from share.koans.koan import Answer, Koan, Result, SchemaError, read_answers, read_koans, write_records

KOAN = {"id": "k1", "family": "f", "task": "t", "edition": "2021", "mode": "test", "description": "d",
        "broken": "fn f() {}\n", "diagnostic": "", "reference": "fn f() {}\n", "tests": "", "expected_error": "E0382"}


def write_lines(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def test_round_trip(tmp_path):
    koans = [Koan(**KOAN), Koan(**{**KOAN, "id": "k2", "mode": "lib", "edition": "2024", "expected_error": None})]
    write_records(tmp_path / "k.jsonl", koans)
    assert read_koans(tmp_path / "k.jsonl") == koans
    results = [Result("k1", "compile_error", ["E0382"], 0.5, "d", "text", "bwrap")]
    write_records(tmp_path / "r.jsonl", results)
    assert json.loads((tmp_path / "r.jsonl").read_text())["error_codes"] == ["E0382"]


@pytest.mark.parametrize("change, message", [
    ({"mode": "exe"}, "mode: 'exe' is not one of"),
    ({"edition": "2018"}, "edition: '2018' is not one of"),
    ({"expected_error": "borrow"}, "expected_error"),
    ({"id": ""}, "id: must not be empty"),
    ({"broken": None}, "broken: expected a string"),
    ({"colour": "red"}, "colour: unknown field"),
])
def test_bad_koan_fields(tmp_path, change, message):
    path = write_lines(tmp_path / "k.jsonl", [KOAN, {**KOAN, "id": "k2", **change}])
    with pytest.raises(SchemaError, match=message) as e:
        read_koans(path)
    assert str(e.value).startswith(f"{path}:2:")


def test_missing_field_duplicate_id_and_bad_json(tmp_path):
    without = {k: v for k, v in KOAN.items() if k != "reference"}
    with pytest.raises(SchemaError, match=r":1: reference: missing field"):
        read_koans(write_lines(tmp_path / "a.jsonl", [without]))
    with pytest.raises(SchemaError, match=r":2: id: duplicate id 'k1'"):
        read_koans(write_lines(tmp_path / "b.jsonl", [KOAN, KOAN]))
    with pytest.raises(SchemaError, match=r":2: not valid JSON"):
        read_koans(write_lines(tmp_path / "c.jsonl", [KOAN, "{oops"]))
    with pytest.raises(SchemaError, match=r":1: expected a JSON object"):
        read_answers(write_lines(tmp_path / "d.jsonl", ["[1, 2]"]))


def test_unreadable_files(tmp_path):
    with pytest.raises(SchemaError, match="cannot read"):
        read_koans(tmp_path / "missing.jsonl")
    with pytest.raises(SchemaError, match="cannot read"):
        read_koans(tmp_path)  # a directory
    (tmp_path / "bin.jsonl").write_bytes(b'{"id": "a", "answer": "x"}\n\xff\xfe\n')
    with pytest.raises(SchemaError, match="not valid UTF-8"):
        read_answers(tmp_path / "bin.jsonl")


def test_blank_lines_are_skipped(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", ['{"id": "a", "answer": "x"}', "", "  "])
    assert read_answers(path) == [Answer("a", "x")]


def test_result_validation():
    with pytest.raises(SchemaError, match="status"):
        Result("a", "passed")
    with pytest.raises(SchemaError, match="error_codes"):
        Result("a", "compile_error", ["borrow"])
    with pytest.raises(SchemaError, match="detail"):
        Result("a", "pass", [], 0.0, 5)
