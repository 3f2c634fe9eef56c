"""Re-scan only the part of a text that changed since its previous version (the editor's case).

A `Memo` keeps the raw tokens of one version of a document. For the next version, the tokens
that end before the first changed character are kept, the scan restarts at the start of a line
before it, and it stops as soon as it reaches, past the last changed character, a token that
starts a line where the previous version had one too: the scanner keeps no state across a line
start (lexer.tokens_from), so from there on the tokens are the old ones, moved by the change's
length. Layout then runs over the whole token list, and reparse.py parses it re-using what the
previous parse built; the tokens and the tree are those a full scan and parse give
(tests/test_incremental.py compares the two over chains of random edits).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterator, Optional

from aetherlint.source import lexable
from aetherlint.syntax.lexer import LexError, Tok, tokens_from


class Lexed:
    """The raw tokens of one (lexable) text, and the error that stopped the scan, if one did."""

    __slots__ = ("text", "tokens", "error", "starts", "open_triple", "kept_until")

    def __init__(self, text: str, tokens: list[Tok], error: Optional[LexError], kept_until: int = 0) -> None:
        self.text = text
        self.tokens = tokens
        self.error = error
        self.kept_until = kept_until  # the tokens before this offset are the previous version's, unmoved
        self.starts = [tok.pos for tok in tokens]
        # The first `"""` that no later `"""` closes (it was read as `""` and `"…`): the one
        # token whose reading depends on text far past its end, so a re-scan starts before it.
        self.open_triple = next((tok.pos for tok in tokens if tok.kind == "STRING" and len(tok.value) <= 3
                                 and tok.value.endswith('""') and text.startswith('"', tok.end_pos)), len(text))

    def stream(self) -> Iterator[Tok]:
        """The tokens as `lexer.tokens` gives them: the error is raised where the scan met it,
        so a parse error before it is still the one reported."""
        yield from self.tokens
        if self.error is not None:
            raise self.error


class Memo:
    """What the parse of one version of a document leaves for the next version: its raw tokens,
    the record of its parse (reparse.py), and its AST (so the editor's outline or hover after a
    check does not parse it again). One memo per document, used by one parse at a time."""

    __slots__ = ("lexed", "parsed", "text", "module")

    def __init__(self) -> None:
        self.lexed: Optional[Lexed] = None
        self.parsed: Any = None  # reparse.Parsed: what the last parse built, and where
        self.text: Optional[str] = None  # the text `module` is the AST of
        self.module: object = None


def lex(text: str, memo: Memo) -> Lexed:
    """The raw tokens of `text`, re-using those of the memo's previous text; the memo keeps them."""
    text = lexable(text)
    previous, memo.lexed = memo.lexed, None  # its tokens are moved in place: no half-done memo
    memo.lexed = _relex(previous, text) if previous is not None else _scan(text, 0, 1, [])
    return memo.lexed


def _scan(text: str, pos: int, line: int, kept: list[Tok], kept_until: int = 0) -> Lexed:
    out = kept
    try:
        out.extend(tokens_from(text, pos, line))
    except LexError as exc:
        return Lexed(text, out, exc, kept_until)
    return Lexed(text, out, None, kept_until)


def _relex(old: Lexed, text: str) -> Lexed:
    if text == old.text:
        old.kept_until = len(text)
        return old
    head = _common_prefix(old.text, text)
    tail = _common_suffix(old.text, text, limit=min(len(old.text), len(text)) - head)
    toks = old.tokens
    # restart at the first token of a line that starts before the first change, and keep every
    # token before it: each ends before that line does, so no change can reach it (each token
    # is decided by its own text and the character after it, but for an unclosed `"""`)
    index = bisect_right(old.starts, min(head, old.open_triple)) - 1
    while index > 0 and toks[index - 1].end_line >= toks[index].line:
        index -= 1
    if index <= 0:
        index, pos, line = 0, 0, 1
    else:
        pos, line = toks[index].pos, toks[index].line
    kept = toks[:index]
    if old.error is not None:  # nothing after the old error is known: scan to the end
        return _scan(text, pos, line, kept, pos)
    shift = len(text) - len(old.text)
    changed_end = len(text) - tail  # the first character of the unchanged end, in `text`
    line_shift = text.count("\n", head, changed_end) - old.text.count("\n", head, len(old.text) - tail)
    out = kept
    last_line = 0
    scanner = tokens_from(text, pos, line)
    try:
        for tok in scanner:
            if tok.pos >= changed_end and tok.line > last_line:
                # a line's first token in the unchanged end: was it one in the old text too, as
                # far into its line (its indentation may be what changed)?
                at = bisect_right(old.starts, tok.pos - shift) - 1
                if (at >= 0 and old.starts[at] == tok.pos - shift and toks[at].column == tok.column
                        and (at == 0 or toks[at - 1].end_line < toks[at].line)):
                    out.extend(_moved(toks, at, shift, line_shift))
                    return Lexed(text, out, None, pos)
            out.append(tok)
            last_line = tok.end_line
    except LexError as exc:
        return Lexed(text, out, exc, pos)
    return Lexed(text, out, None, pos)


def _moved(toks: list[Tok], start: int, shift: int, line_shift: int) -> list[Tok]:
    """`toks[start:]`, moved `shift` characters and `line_shift` lines further, in place: the
    old version's tokens are not used again (its AST is dropped with it)."""
    rest = toks[start:]
    if shift:
        for tok in rest:
            tok.pos += shift
            tok.end_pos += shift
    if line_shift:
        for tok in rest:
            tok.line += line_shift
            tok.end_line += line_shift
    return rest


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix, by halving (each comparison runs in C)."""
    low, high = 0, min(len(a), len(b))
    if a[:high] == b[:high]:
        return high
    while low < high:  # a[:low] == b[:low], a[:high + 1] != b[:high + 1]
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix, at most `limit` (it must not overlap the prefix)."""
    low, high = 0, limit
    if high and a[len(a) - high :] == b[len(b) - high :]:
        return high
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid : len(a) - low] == b[len(b) - mid : len(b) - low]:
            low = mid
        else:
            high = mid - 1
    return low
