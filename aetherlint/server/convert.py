"""aetherlint's positions and diagnostics as LSP types.

aetherlint counts 1-based lines and columns in code points; LSP counts 0-based lines and, by
default, columns in UTF-16 code units (a character outside the Basic Multilingual Plane, such as
an emoji, is two). The server asks for UTF-32 (code points) when the client offers it; otherwise
every column is converted through the text of its line.
"""

from __future__ import annotations

from typing import Optional, Sequence

from lsprotocol import types as T

from aetherlint.check import token_end
from aetherlint.diagnostic import Diagnostic, Edit

SOURCE = "aetherlint"
_SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
             "info": T.DiagnosticSeverity.Information}
UNUSED_SUPPRESSION = "AE2901"


def choose_encoding(offered: Optional[Sequence[str]]) -> str:
    """UTF-32 when the client offers it (no conversion at all), else UTF-16, which every client
    must support (UTF-8 is never chosen: it would need the same conversion, for no gain)."""
    if offered and T.PositionEncodingKind.Utf32 in offered:
        return T.PositionEncodingKind.Utf32
    return T.PositionEncodingKind.Utf16


class Positions:
    """Converts between aetherlint positions and LSP positions for one text."""

    def __init__(self, lines: Sequence[str], encoding: str) -> None:
        self.lines = lines  # the text's lines, without their ends
        self.utf16 = encoding != T.PositionEncodingKind.Utf32

    def to_lsp(self, line: int, col: int) -> T.Position:
        """1-based (line, col in code points) to an LSP position; past the end: clamped to the
        end of the text (a missing closer is reported after the last line)."""
        index = line - 1
        if index >= len(self.lines):
            if not self.lines:
                return T.Position(0, 0)
            index, col = len(self.lines) - 1, len(self.lines[-1]) + 1
        index = max(index, 0)
        text = self.lines[index]
        col = min(max(col, 1), len(text) + 1)
        return T.Position(index, utf16_units(text[: col - 1]) if self.utf16 else col - 1)

    def from_lsp(self, position: T.Position) -> tuple[int, int]:
        """An LSP position to 1-based (line, col in code points), clamped to the text."""
        if not self.lines:
            return 1, 1
        index = min(max(position.line, 0), len(self.lines) - 1)
        text = self.lines[index]
        units = max(position.character, 0)
        if not self.utf16:
            return index + 1, min(units, len(text)) + 1
        count = 0
        for offset, char in enumerate(text):
            if count >= units:
                return index + 1, offset + 1
            count += 2 if ord(char) > 0xFFFF else 1
        return index + 1, len(text) + 1

    def token_end(self, line: int, col: int) -> int:
        """The column after the token at (line, col): a related place spans its token."""
        return token_end(self.lines[line - 1], col) if 1 <= line <= len(self.lines) else col + 1

    def range(self, line: int, col: int, end_line: int, end_col: int) -> T.Range:
        return T.Range(self.to_lsp(line, col), self.to_lsp(end_line, end_col))

    def edit(self, edit: Edit) -> T.TextEdit:
        return T.TextEdit(self.range(edit.line, edit.col, edit.end_line, edit.end_col), edit.text)


def utf16_units(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def diagnostic(diag: Diagnostic, positions: Positions, uri: str) -> T.Diagnostic:
    """One finding as LSP shows it: the rule id as `code` (hover and `explainRule` give its
    documentation), related places as related information, AE2901 tagged unnecessary (greyed
    out, as editors show dead code)."""
    end_line, end_col = diag.end
    related = [
        T.DiagnosticRelatedInformation(T.Location(uri, positions.range(line, col, line, positions.token_end(line, col))), note)
        for line, col, note in diag.related
    ]
    return T.Diagnostic(
        range=positions.range(diag.line, diag.col, end_line, end_col),
        message=diag.message,
        severity=_SEVERITY[diag.severity],
        code=diag.rule,
        source=SOURCE,
        related_information=related or None,
        tags=[T.DiagnosticTag.Unnecessary] if diag.rule == UNUSED_SUPPRESSION else None,
    )
