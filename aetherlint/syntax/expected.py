"""Turn the parser's set of acceptable terminals into a few plain words (not 30 terminal names)."""

from __future__ import annotations

# Terminals that can start an expression: when most of them are acceptable, say "an expression".
_EXPRESSION_STARTS = frozenset(
    "NAME STRING NUMBER PERCENTAGE DURATION NUMBER_UNIT LPAR LSQB LBRACE SPACED_LSQB MINUS NOT".split()
)
_PLAIN = {
    "_NL": "end of line",
    "_INDENT": "an indented block",
    "_DEDENT": "end of the indented block",
    "$END": "end of file",
    "RBRACE": "'}'",
    "RPAR": "')'",
    "RSQB": "']'",
    "COLON": "':'",
    "COMMA": "','",
    "EQUAL": "'='",
    "LBRACE": "'{'",
    "LPAR": "'('",
    "NAME": "a name",
    "STRING": "a string",
    "END": "'end'",
    "IN": "'in'",
    "ELSE": "'else'",
}
_ORDER = ["an expression", "a name", "a string", "':'", "'('", "'{'", "')'", "']'", "'}'", "','", "'='",
          "an indented block", "end of line", "end of file"]


def describe_expected(terminals: set[str] | frozenset[str]) -> str:
    words: list[str] = []
    if len(_EXPRESSION_STARTS & set(terminals)) >= 4:
        words.append("an expression")
        terminals = set(terminals) - _EXPRESSION_STARTS
    words.extend(sorted({_PLAIN[t] for t in terminals if t in _PLAIN}, key=_rank))
    if not words:
        return "something else"
    if len(words) > 3:
        words = words[:3]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _rank(word: str) -> tuple[int, str]:
    return (_ORDER.index(word) if word in _ORDER else len(_ORDER), word)
