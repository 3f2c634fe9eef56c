"""The open documents: each one's path, and what was last found in it (by version), so that code
actions, symbols and hovers answer from the last check and parse instead of redoing them.

The text itself lives in pygls's workspace, which applies the incremental changes; this store
keeps what aetherlint derived from one version of it. A new version drops all of that, so only
the changed document is ever re-checked or re-parsed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote, urlparse

from aetherlint.result import FileResult
from aetherlint.source import split_lines
from aetherlint.syntax import ast as A
from aetherlint.syntax.incremental import Memo

_NOT_PARSED = object()


def uri_path(uri: str) -> Optional[Path]:
    """The file a `file:` URI names; None for any other scheme (an unsaved `untitled:` buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if parsed.netloc:  # a UNC path on Windows: file://server/share/x
        path = f"//{parsed.netloc}{path}"
    if len(path) > 2 and path[0] == "/" and path[2] == ":":  # file:///C:/x on Windows
        path = path[1:]
    return Path(path)


@dataclass
class Document:
    uri: str
    path: Optional[Path]
    version: Optional[int] = None
    text: str = ""
    result: Optional[FileResult] = None  # the last check of `text`, policy applied
    checked: Optional[tuple[Optional[int], int]] = None  # (version, settings generation) of `result`
    pending: Optional[asyncio.TimerHandle] = None  # a debounced check, not run yet
    _lines: Optional[list[str]] = None
    _module: object = field(default=_NOT_PARSED)
    derived: dict[str, Any] = field(default_factory=dict)  # what requests computed from this version
    memo: Memo = field(default_factory=Memo)  # the last parse: the next re-reads only the change

    def update(self, text: str, version: Optional[int]) -> None:
        self.text, self.version = text, version
        self._lines = None
        self._module = _NOT_PARSED
        self.derived.clear()

    @property
    def lines(self) -> list[str]:
        """The lines without their ends; after a final line break, the empty line the cursor
        can be on (LSP positions reach it, and a missing closer's fix is inserted there)."""
        if self._lines is None:
            lines = split_lines(self.text)
            if not self.text or self.text.endswith(("\n", "\r")):
                lines.append("")
            self._lines = lines
        return self._lines

    def module(self) -> Optional[A.Module]:
        """The AST of this version (parsed once, on the first request that needs it); None
        when it does not parse."""
        if self._module is _NOT_PARSED:
            from aetherlint.syntax.parser import parse

            try:
                self._module = parse(self.text.removeprefix("\ufeff"), self.memo)
            except Exception:  # ParseFailed, or a parser bug (the check reports it: AE2701)
                self._module = None
        return self._module  # type: ignore[return-value]


# Documents whose last parse is kept for the next one (the ones being edited): a memo holds the
# tokens and the tree, many times the text's size (500 small documents: 47 MB with a memo each,
# 1 MB without), and a workspace may open hundreds of files it never edits.
MEMOS_KEPT = 16


class Documents:
    def __init__(self) -> None:
        self._open: dict[str, Document] = {}
        self._recent: dict[str, Document] = {}  # the last MEMOS_KEPT checked, oldest first

    def checking(self, document: Document) -> None:
        """`document` is about to be checked: keep its memo, drop the least recently checked."""
        self._recent.pop(document.uri, None)
        self._recent[document.uri] = document
        while len(self._recent) > MEMOS_KEPT:
            oldest = self._recent.pop(next(iter(self._recent)))
            oldest.memo = Memo()

    def open(self, uri: str, text: str, version: Optional[int]) -> Document:
        document = self._open.get(uri) or Document(uri, uri_path(uri))
        document.update(text, version)
        self._open[uri] = document
        return document

    def get(self, uri: str) -> Optional[Document]:
        return self._open.get(uri)

    def close(self, uri: str) -> Optional[Document]:
        document = self._open.pop(uri, None)
        self._recent.pop(uri, None)
        if document is not None and document.pending is not None:
            document.pending.cancel()
        return document

    def all(self) -> list[Document]:
        return list(self._open.values())
