"""One definition of a line everywhere (source.py): `\\n`, `\\r\\n` and a lone `\\r` end a line;
form feeds, vertical tabs, `\\x1c`-`\\x1e`, `\\x85`, U+2028 and U+2029 do not."""

from __future__ import annotations

import pytest

from aetherlint.check import check_bytes
from aetherlint.reports.fingerprints import of_result
from aetherlint.reports.suppressions import parse as parse_suppressions
from conftest import write

# characters str.splitlines() breaks on that are not line breaks here
NOT_BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def test_cr_only_file_is_checked_line_by_line() -> None:
    result = check_bytes(b"// c\rfoo_unknown(1)\r", "f.aether")
    assert result.code_name == "VALIDATION_ERROR"
    assert (result.first.line, result.first.col, result.first.source) == (2, 1, "foo_unknown(1)")


def test_cr_only_positions_match_the_lf_file() -> None:
    lf = check_bytes(b"goal: x\nwhen a:\n    let b = )\n", "f.aether").first
    cr = check_bytes(b"goal: x\rwhen a:\r    let b = )\r", "f.aether").first
    assert (cr.line, cr.col, cr.message) == (lf.line, lf.col, lf.message) == (3, 13, lf.message)


@pytest.mark.parametrize("char", NOT_BREAKS, ids=lambda c: f"U+{ord(c):04X}")
def test_other_separators_stay_inside_their_line(char: str) -> None:
    text = f'# a note{char}with a separator\nlog "x{char}y"\nfoo_unknown(1)\n'
    result = check_bytes(text.encode("utf-8"), "f.aether")
    assert (result.first.rule, result.first.line) == ("AE2501", 3)
    assert result.first.source == "foo_unknown(1)"  # the context line is line 3 of the file


@pytest.mark.parametrize("char", NOT_BREAKS, ids=lambda c: f"U+{ord(c):04X}")
def test_stable_fingerprint_ignores_a_separator_above(char: str) -> None:
    plain = check_bytes(b"# note\nfoo_unknown(1)\n", "f.aether")
    other = check_bytes(f"# no{char}te\nfoo_unknown(1)\n".encode("utf-8"), "f.aether")
    assert of_result(plain)[1] == of_result(other)[1]
    assert of_result(plain)[0] == of_result(other)[0]  # same line number too


def test_suppressions_file_lines_are_numbered_the_same_way() -> None:
    parsed = parse_suppressions("# a\x0cb\x85c\rnot-a-fingerprint!\r")
    assert parsed.problems and parsed.problems[0].startswith("suppressions.txt:2:")


@pytest.mark.parametrize(
    "data, expected",
    [
        # CR-only: the goal text is the first line only, every CR is kept
        (b"goal: tidy the bench\rlog 1   \r", b'goal: "tidy the bench"\rlog 1\r'),
        # a form feed and U+2028 inside lines are not line ends: nothing around them moves
        ("goal: tidy up\nlog \"a\u2028b\"  \n\x0c\nlog 2\n".encode(), "goal: \"tidy up\"\nlog \"a\u2028b\"\n\x0c\nlog 2\n".encode()),
        # CRLF and lone CR mixed
        (b"goal: tidy up\r\nlog 1 \rlog 2\r\n", b'goal: "tidy up"\r\nlog 1\rlog 2\r\n'),
    ],
)
def test_migrate_is_byte_exact_with_every_line_ending(run, tmp_path, data: bytes, expected: bytes) -> None:
    path = write(tmp_path, "f.aether", data)
    code, _, err = run("migrate", "--apply", str(path))
    assert code == 0, err
    assert path.read_bytes() == expected
