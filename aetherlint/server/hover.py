"""What hovering shows: a built-in's signature, arity and doc; a rule's documentation when the
cursor is on a rule id or name inside a suppression comment, or on a finding of that rule (the
editor shows the finding's message; this says what the rule means). Pure: text in, Markdown out."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from aetherlint.diagnostic import Diagnostic
from aetherlint.directives import Directive
from aetherlint.rules.builtins import BUILTIN_ARITY, BUILTIN_DOCS, CORE_FUNCTIONS

_WORD_RE = re.compile(r"[\w$]+")
_SELECTOR_RE = re.compile(r"[\w-]+")


def hover(lines: Sequence[str], directives: Sequence[Directive], line: int, col: int,
          defined: frozenset[str] = frozenset(), findings: Sequence[Diagnostic] = ()) -> Optional[tuple[str, tuple[int, int]]]:
    """Markdown for the cursor at (line, col), with the columns of the word it is about; None
    when there is nothing to say. A name the document defines shadows the built-in."""
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    for directive in directives:
        if directive.line == line and directive.col <= col < directive.end_col:
            return _rule(text, col)
    found = _word_at(_WORD_RE, text, col)
    word, span = found if found is not None else ("", (col, col + 1))
    if word in BUILTIN_ARITY and word not in defined:
        params, doc = BUILTIN_DOCS[word]
        low, high = BUILTIN_ARITY[word]
        takes = f"{low} argument{'' if low == 1 else 's'}" if low == high else f"{low} to {high} arguments"
        return f"```aether\n{word}({params})\n```\nBuilt-in of the interpreter; takes {takes} (AE2502 checks it).\n\n{doc}", span
    if word in CORE_FUNCTIONS and word not in defined:
        return f"```aether\n{word}(…)\n```\nCore helper: any number of arguments.", span
    return _findings(findings, line, col, span)


def _findings(findings: Sequence[Diagnostic], line: int, col: int, span: tuple[int, int]) -> Optional[tuple[str, tuple[int, int]]]:
    from aetherlint.rules import RULES, explain_text

    rules = []
    for diag in findings:
        if not diag.suppressed and (diag.line, diag.col) <= (line, col) < diag.end and diag.rule not in rules:
            rules.append(diag.rule)
    if not rules:
        return None
    return "\n\n---\n\n".join(_markdown(explain_text(RULES[r])) for r in rules), span


def _markdown(explanation: str) -> str:
    head, _, body = explanation.partition("\n\n")
    return f"**{head}**\n\n```text\n{body}\n```"


def _rule(text: str, col: int) -> Optional[tuple[str, tuple[int, int]]]:
    from aetherlint.rules import RULE_BY_NAME, RULES, explain_text

    found = _word_at(_SELECTOR_RE, text, col)
    if found is None:
        return None
    word, span = found
    entry = RULES.get(word.upper()) or RULE_BY_NAME.get(word.lower())
    if entry is None:
        return None
    return _markdown(explain_text(entry)), span


def _word_at(pattern: re.Pattern[str], text: str, col: int) -> Optional[tuple[str, tuple[int, int]]]:
    """The word holding the character at column `col` (1-based), with its columns."""
    for match in pattern.finditer(text):
        if match.start() + 1 <= col <= match.end():
            return match.group(), (match.start() + 1, match.end() + 1)
        if match.start() + 1 > col:
            break
    return None
