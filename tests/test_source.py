"""Reading files: encodings, line endings, binary data."""

from __future__ import annotations

from aetherlint.check import check_bytes

GOOD = 'when bins_full:\n    log "full"\n'


def test_bom_and_crlf_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()
    assert check_bytes(data, "f.aether").ok


def test_crlf_positions_are_unchanged() -> None:
    result = check_bytes(b"goal: x\r\nlet a = )\r\n", "f.aether")
    assert (result.first.line, result.first.col) == (2, 9)


def test_nul_byte_is_io_error_with_position() -> None:
    result = check_bytes(b"goal: x\nlog \"a\x00b\"\n", "f.aether")
    assert result.code_name == "IO_ERROR"
    assert (result.first.rule, result.first.line, result.first.col) == ("AE2602", 2, 7)
    assert "byte offset 14" in result.first.message


def test_invalid_utf8_reports_byte_offset() -> None:
    result = check_bytes(b"goal: x\n# caf\xe9\n", "f.aether")
    assert result.code_name == "IO_ERROR"
    assert (result.first.rule, result.first.line, result.first.col) == ("AE2603", 2, 6)
    assert result.first.message == "invalid UTF-8 byte 0xE9 at byte offset 13"


def test_empty_and_comment_only_files_pass() -> None:
    assert check_bytes(b"", "f.aether").ok
    assert check_bytes(b"# only a comment", "f.aether").ok


def test_shell_script_is_unsupported() -> None:
    result = check_bytes(b'# setup\nSHOP_MODE="quiet"\nSWEEP() {\n  echo "x"\n}\n', "f.aether")
    assert result.code_name == "UNSUPPORTED_FEATURE"
    assert result.first.message == 'shell script syntax (NAME="value" assignment at line 2) is not Aether'
    assert result.first.line == 2


def test_deep_nesting_is_a_parse_error_not_a_crash() -> None:
    deep = "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n"
    result = check_bytes(deep.encode(), "f.aether")
    assert result.code_name == "PARSE_ERROR"
    assert result.first.rule == "AE2005"


def test_deep_unbracketed_chain_does_not_crash() -> None:
    text = "x = " + " ? ".join(["a"] * 3000) + (" : b" * 2999) + "\n"
    result = check_bytes(text.encode(), "f.aether")
    assert result.code_name in ("SUCCESS", "PARSE_ERROR")


def test_positions_after_a_block_scalar_and_a_triple_string() -> None:
    text = 'notes: |\n  first: line\n  second\n|\npage = f"""\nline\n"""\nfrob(1)\n'
    result = check_bytes(text.encode(), "f.aether")
    assert (result.first.line, result.first.col) == (8, 1)
