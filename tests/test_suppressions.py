"""Suppression list parsing: comments, tokens, malformed lines, expiry."""

from __future__ import annotations

import datetime as dt

from aetherlint.reports.suppressions import parse

TODAY = dt.date(2026, 11, 23)


def test_entries_comments_and_tokens() -> None:
    text = (
        "# header comment\n"
        "\n"
        "bbdd84f4269b49b4\n"
        "c4462afa03c71673 owner=inventory expires=2027-01-31  # unknown function 'frob'\n"
        "   f7aa81f92e74762b    # indented, inline comment\n"
    )
    result = parse(text)
    assert result.problems == []
    assert [(e.fingerprint, e.line, e.owner, e.expires) for e in result.entries] == [
        ("bbdd84f4269b49b4", 3, None, None),
        ("c4462afa03c71673", 4, "inventory", dt.date(2027, 1, 31)),
        ("f7aa81f92e74762b", 5, None, None),
    ]


def test_malformed_lines_are_reported_with_their_number_and_skipped() -> None:
    text = (
        "bbdd84f4269b49b4\n"
        "not-a-fingerprint\n"
        "c4462afa03c71673 expires=next-week\n"
        "f7aa81f92e74762b colour=red\n"
        "BBDD84F4269B49B4\n"
        "0123456789abcdef#no-space-so-not-a-comment\n"
    )
    result = parse(text, "suppressions.txt")
    assert [e.fingerprint for e in result.entries] == ["bbdd84f4269b49b4"]
    assert result.problems == [
        "suppressions.txt:2: not a 16-hex-digit fingerprint",
        "suppressions.txt:3: expires must be YYYY-MM-DD",
        "suppressions.txt:4: unknown token 1 (expected owner=NAME or expires=YYYY-MM-DD)",
        "suppressions.txt:5: not a 16-hex-digit fingerprint",
        "suppressions.txt:6: not a 16-hex-digit fingerprint",
    ]


def test_expiry_with_a_fixed_date() -> None:
    result = parse(
        "aaaaaaaaaaaaaaaa expires=2026-11-22\nbbbbbbbbbbbbbbbb expires=2026-11-23\ncccccccccccccccc\n"
    )
    assert sorted(result.active(TODAY)) == ["bbbbbbbbbbbbbbbb", "cccccccccccccccc"]  # the expiry day itself counts
    assert [e.fingerprint for e in result.expired(TODAY)] == ["aaaaaaaaaaaaaaaa"]


def test_empty_and_comment_only_files() -> None:
    assert parse("").entries == [] and parse("# nothing\n   \n").problems == []
