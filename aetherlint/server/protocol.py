"""The language server: pygls wiring between the protocol and aetherlint's pure modules (the
handlers of each request are in features.py).

Diagnostics are pushed (`textDocument/publishDiagnostics`) on open, save and, debounced, on
change; a client that can pull them (`textDocument/diagnostic`) is answered instead, and told
to pull again when a configuration changes. Everything runs on the event loop's thread: a check
is short, and one at a time keeps the documents consistent without locks.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Optional

from lsprotocol import types as T
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from aetherlint import __version__
from aetherlint.server import convert
from aetherlint.server.documents import Document, Documents
from aetherlint.server.linting import Linter, client_flags

DEBOUNCE_MS = 150
SECTION = "aetherlint"
APPLY_ALL_FIXES = "aetherlint.applyAllFixes"
EXPLAIN_RULE = "aetherlint.explainRule"
# What re-reads the settings when it changes on disk.
WATCHED = "**/{.aetherlint.toml,aetherlint.toml,pyproject.toml,suppressions.txt}"
CONFIG_NAMES = frozenset({".aetherlint.toml", "aetherlint.toml", "pyproject.toml", "suppressions.txt"})

log = logging.getLogger("aetherlint.server")


class _Answered:
    """A request already answered with an error: pygls drops a message whose `jsonrpc` is not
    "2.0" (with a log line), so nothing else happens to it."""

    jsonrpc = ""


class _Protocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        """A request whose params do not fit its method gets an error response (pygls only logs
        it, and a client would wait for the answer forever)."""
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
                return _Answered()
            raise

    @lsp_method(T.INITIALIZE)
    def lsp_initialize(self, params: T.InitializeParams):  # type: ignore[override]
        """Columns in code points when the client can take them (see convert.choose_encoding):
        pygls takes the client's first offer, so the offer is narrowed to our choice first."""
        general = params.capabilities.general or T.GeneralClientCapabilities()
        general.position_encodings = [convert.choose_encoding(general.position_encodings)]
        params.capabilities.general = general
        return (yield from super().lsp_initialize(params))


class AetherServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("aetherlint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.documents = Documents()
        self.linter = Linter(warn=self.warn)
        self.debounce = DEBOUNCE_MS / 1000
        self.options: dict[str, Any] = {}  # the initialization options
        self.pull = False  # the client pulls diagnostics: answer, never push
        self.generation = 0  # bumped when settings change: every result is stale

    # ---- talking to the client ----------------------------------------------------------------

    def warn(self, message: str) -> None:
        self.window_show_message(T.ShowMessageParams(T.MessageType.Warning, f"aetherlint: {message}"))

    def positions(self, document: Document) -> convert.Positions:
        return convert.Positions(document.lines, self.workspace.position_encoding or T.PositionEncodingKind.Utf16)

    def configure(self, settings: Any) -> None:
        """The initialization options, with the client's current settings (the `aetherlint`
        section's keys) on top."""
        merged = dict(self.options)
        if isinstance(settings, dict):
            merged.update(settings)
        flags, problems = client_flags(merged)
        for problem in problems:
            self.warn(problem)
        debounce = merged.get("debounce", DEBOUNCE_MS)
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            self.debounce = debounce / 1000
        elif "debounce" in merged:
            self.warn("setting 'debounce' must be a number of milliseconds from 0 to 10000")
        self.linter.set_flags(flags)
        self.generation += 1

    # ---- checking -----------------------------------------------------------------------------

    def check(self, document: Document) -> None:
        """Check the document's current text now (if it changed since the last check)."""
        if document.pending is not None:
            document.pending.cancel()
            document.pending = None
        stamp = (document.version, self.generation)
        if document.result is not None and document.checked == stamp:
            return
        self.documents.checking(document)
        document.result = self.linter.lint(document.text, document.path, document.memo)
        document.checked = stamp
        if document.result.traceback:  # AE2701: the document says so; the log has the why
            self.window_log_message(T.LogMessageParams(T.MessageType.Error, document.result.traceback))

    def diagnostics(self, document: Document) -> list[T.Diagnostic]:
        self.check(document)
        assert document.result is not None
        positions = self.positions(document)
        return [convert.diagnostic(d, positions, document.uri) for d in document.result.diagnostics if not d.suppressed]

    def publish(self, document: Document) -> None:
        diagnostics = self.diagnostics(document)
        if not self.pull:
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(document.uri, diagnostics, document.version))

    def schedule(self, document: Document) -> None:
        if document.pending is not None:
            document.pending.cancel()
        loop = asyncio.get_running_loop()
        document.pending = loop.call_later(self.debounce, self._run_pending, document.uri)

    def _run_pending(self, uri: str) -> None:
        document = self.documents.get(uri)
        if document is not None:
            document.pending = None
            self.publish(document)

    def recheck_all(self) -> None:
        self.generation += 1
        if self.pull:
            if capability(self.client_capabilities, "workspace", "diagnostics", "refresh_support"):
                self.workspace_diagnostic_refresh(None)
            return
        for document in self.documents.all():
            self.publish(document)

    def sync(self, uri: str) -> Optional[Document]:
        """The document with the text pygls holds for it now."""
        document = self.documents.get(uri)
        if document is not None:
            text = self.workspace.get_text_document(uri)
            if text.version != document.version or text.source is not document.text:
                document.update(text.source, text.version)
        return document


def capability(root: Any, *path: str) -> Any:
    for name in path:
        root = getattr(root, name, None)
        if root is None:
            return None
    return root
