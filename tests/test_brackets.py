"""A missing or stray bracket is reported where the fix goes, with the opener as a related
location; where indentation gives no evidence the plain pairing message stands."""

from __future__ import annotations

import pytest

from aetherlint.check import check_bytes
from conftest import write


def first(text: str):
    result = check_bytes(text.encode("utf-8"), "t.aether")
    assert result.code_name == "PARSE_ERROR", result
    return result.first


INNER_BRACE_MISSING = """plugin kettle {
    fn a() {
        foo()

    fn b() {
        bar()
    }
}
"""


def test_missing_inner_brace_is_reported_before_the_next_block() -> None:
    diag = first(INNER_BRACE_MISSING)
    assert (diag.rule, diag.line, diag.col) == ("AE2004", 5, 5)
    assert diag.message == (
        "'{' opened at line 2 is never closed: insert '}' before line 5 (indentation ends the block here)"
    )
    assert diag.related == ((2, 12, "'{' opened here"),)


def test_text_output_shows_the_opener_as_a_note(run, tmp_path) -> None:
    path = write(tmp_path, "kettle.aether", INNER_BRACE_MISSING)
    code, out, _ = run("check", "--no-cache", str(path))
    assert code == 1
    assert out.splitlines()[:4] == [
        f"{path}:5:5: AE2004 unbalanced-bracket: '{{' opened at line 2 is never closed: insert '}}' "
        "before line 5 (indentation ends the block here)",
        "        fn b() {",
        "        ^",
        f"{path}:2:12: note: '{{' opened here",
    ]


@pytest.mark.parametrize(
    "text, where, opener",
    [
        # the last block of a brace function: its `}` was dropped, the function's `}` closes it
        ("fn a() {\n    if x {\n        y()\n}\n", (4, 1), (2, 10)),
        # a multi-line dict in the indentation dialect (was: "unexpected '='" at the next line)
        ('config = {\n    "a": 1,\n    "b": 2\nx = 3\n', (4, 1), (1, 10)),
        ('function f(n):\n    sizes = {\n        "a": n\n    return sizes\n', (4, 5), (2, 13)),
        # a multi-line list in the indentation dialect
        ("crew = [\n    packer,\n    labeler\nlog crew\n", (4, 1), (1, 8)),
        # a `)` missing inside a multi-line dict
        ('settings = {\n    "a": foo(1,\n    "b": 2\n}\nx = 1\n', (3, 5), (2, 13)),
        # indentation by tabs
        ("fn a() {\n\tif x {\n\t\ty()\n\tz()\n}\n", (4, 2), (2, 7)),
        # two levels deep, the dedent back to the outer block decides
        ("fn a() {\n    for c in cups {\n        if c {\n            pour(c)\n    }\n}\n", (5, 5), (3, 14)),
    ],
)
def test_missing_closer_is_reported_where_it_goes(text: str, where: tuple, opener: tuple) -> None:
    diag = first(text)
    assert (diag.rule, diag.line, diag.col) == ("AE2004", *where), diag.message
    assert diag.related[0][:2] == opener
    assert f"before line {where[0]}" in diag.message


def test_block_running_to_the_end_of_the_file_closes_there() -> None:
    diag = first("plugin kettle {\n    fn a() {\n        foo()\n    }\n")
    assert (diag.line, diag.col) == (4, 6)
    assert diag.message == (
        "'{' opened at line 1 is never closed: insert '}' at the end of the file (its block runs to the last line)"
    )


def test_no_evidence_keeps_the_pairing_message() -> None:
    diag = first("log 1\nstore(\n")
    assert (diag.line, diag.col, diag.message) == (2, 6, "'(' is never closed")
    diag = first("x = foo(1, [2, 3)\n")
    assert (diag.line, diag.col) == (1, 17)
    assert diag.message == "')' does not match '[' opened at line 1"


def test_stray_closer_is_reported_at_itself() -> None:
    diag = first("fn a() {\n    if x { y() }}\n    z()\n}\n")
    assert (diag.line, diag.col) == (2, 17)
    assert diag.message == (
        "unmatched '}': it closes the '{' opened at line 1, but line 3 is still indented as that block's contents"
    )
    assert first("log 1\n}\n").message == "unmatched '}'"


def test_a_real_error_before_the_missing_closer_is_reported_first() -> None:
    diag = first("fn a() {\n    let x = = 2\n    if x {\n        y()\n}\n")
    assert (diag.rule, diag.line) == ("AE2001", 2)


def test_valid_continuation_lines_are_not_blamed() -> None:
    # `foo(a,` ⏎ `b)` at the opener's indentation is fine; the missing `}` is elsewhere
    diag = first("x = foo(1,\n2)\nfn a() {\n    if x {\n        y()\n}\n")
    assert (diag.line, diag.related[0][:2]) == (6, (4, 10))


def test_a_closer_on_the_deeper_next_line_is_not_taken_for_block_contents() -> None:
    diag = first("fn a() {\n    x = foo({\n        k: 1\n    }\n        )\n}\n}\n")
    assert (diag.line, diag.col, diag.message) == (7, 1, "unmatched '}'")
