"""Any text or bytes come back as a structured result: never an exception, never a crash code."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aetherlint.check import check_bytes
from aetherlint.codes import CODES

ALPHABET = st.sampled_from(list("abcfgilnoprstw_019 \n\t{}()[]:=,.+-*/%<>!?|&\"'#$@→") + ["end", "if ", "fn ", "    "])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    result = check_bytes(data, "f.aether")
    assert result.code in CODES and result.code != 27, result.traceback


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=120).map("".join))
def test_arbitrary_code_like_text(text: str) -> None:
    result = check_bytes(text.encode(), "f.aether")
    assert result.code in CODES and result.code != 27, result.traceback
    for diag in result.diagnostics:
        assert diag.line >= 1 and diag.col >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_text(text: str) -> None:
    result = check_bytes(text.encode("utf-8", errors="surrogatepass"), "f.aether")
    assert result.code in CODES and result.code != 27, result.traceback
