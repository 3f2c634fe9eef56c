"""Fingerprint formats are pinned: existing suppression lists depend on them."""

from __future__ import annotations

from aetherlint.check import check_bytes
from aetherlint.reports.fingerprints import fingerprint, of_result, stable_fingerprint


def test_fingerprint_format_is_pinned() -> None:
    # sha256("PARSE_ERROR|3|unmatched ')'")[:16]
    assert fingerprint("PARSE_ERROR", 3, "unmatched ')'") == "bbdd84f4269b49b4"
    # only the first line of the message counts
    assert fingerprint("VALIDATION_ERROR", 12, "unknown function 'frob'\nmore") == "f7aa81f92e74762b"


def test_stable_fingerprint_is_pinned() -> None:
    assert stable_fingerprint("VALIDATION_ERROR", "x = frob(1)", 0) == "c4462afa03c71673"


def test_stable_fingerprint_survives_edits_above_and_is_not_path_coupled() -> None:
    before = check_bytes(b"goal: tidy\nx = frob(1)\n", "a/one.aether")
    after = check_bytes(b"# a new comment\n\ngoal: tidy\n    \nx   =  frob(1)\n", "b/other.aether")
    fp_before, stable_before = of_result(before)
    fp_after, stable_after = of_result(after)
    assert stable_before == stable_after == "c4462afa03c71673"
    assert fp_before != fp_after  # the line moved


def test_identical_lines_are_told_apart_by_occurrence() -> None:
    first = check_bytes(b"x = frob(1)\n", "f.aether")
    second = check_bytes(b"x = ok_fn(1)\nfn ok_fn(a) { return a }\nx = frob(1)\n", "f.aether")
    assert of_result(first)[1] == of_result(second)[1]  # the first failing `x = frob(1)` in both
    third = check_bytes(b"x = frob(1)\nx = frob(1)\n", "f.aether")
    assert third.first.occurrence == 0
    assert [d.occurrence for d in third.diagnostics] == [0, 1]


def test_success_has_no_fingerprint() -> None:
    assert of_result(check_bytes(b"goal: x\n", "f.aether")) == (None, None)
