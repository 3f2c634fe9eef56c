"""Helpers for end-to-end tests of `aetherlint server`: a real client (pytest-lsp) talking to the
real server process over stdio. Edits are applied here independently of the server's code, with
UTF-16 or UTF-32 columns, so a wrong conversion in the server shows as wrong text."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional, Sequence

from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "aetherlint", "server"])
WAIT = 30  # seconds: a first check loads the parser tables; CI machines are shared


def capabilities(*, pull: bool = False, utf32: bool = False, configuration: bool = False,
                 watch: bool = False) -> T.ClientCapabilities:
    return T.ClientCapabilities(
        general=T.GeneralClientCapabilities(position_encodings=["utf-32", "utf-16"]) if utf32 else None,
        text_document=T.TextDocumentClientCapabilities(diagnostic=T.DiagnosticClientCapabilities()) if pull else None,
        workspace=T.WorkspaceClientCapabilities(
            configuration=configuration or None,
            did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True) if watch else None,
            diagnostics=T.DiagnosticWorkspaceClientCapabilities(refresh_support=True) if pull else None,
        ),
    )


async def start(client: LanguageClient, folders: Sequence[Path], options: Optional[dict] = None,
                caps: Optional[T.ClientCapabilities] = None) -> T.InitializeResult:
    init = {"debounce": 0, **(options or {})}
    return await client.initialize_session(T.InitializeParams(
        capabilities=caps or capabilities(),
        root_uri=folders[0].as_uri() if folders else None,
        workspace_folders=[T.WorkspaceFolder(f.as_uri(), f.name) for f in folders] or None,
        initialization_options=init,
    ))


async def published(client: LanguageClient, uri: str) -> list[T.Diagnostic]:
    """The next diagnostics published for `uri` (call `forget` before the action that causes them)."""
    async def wait() -> None:
        while uri not in client.diagnostics:
            await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(wait(), WAIT)
    return list(client.diagnostics[uri])


def forget(client: LanguageClient, uri: str) -> None:
    client.diagnostics.pop(uri, None)


async def open_document(client: LanguageClient, path: Path, text: str, version: int = 1) -> list[T.Diagnostic]:
    uri = path.as_uri()
    forget(client, uri)
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "aether", version, text)))
    return await published(client, uri)


async def change(client: LanguageClient, uri: str, version: int, edits: Sequence[T.TextEdit]) -> list[T.Diagnostic]:
    forget(client, uri)
    changes = [T.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in edits]
    client.text_document_did_change(T.DidChangeTextDocumentParams(T.VersionedTextDocumentIdentifier(version, uri), changes))
    return await published(client, uri)


def offset(text: str, position: T.Position, utf16: bool = True) -> int:
    """The string index of an LSP position, counted independently of the server."""
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character or char in "\r\n":
            return start + index
        units += 2 if utf16 and ord(char) > 0xFFFF else 1
    return start + len(line)


def apply(text: str, edits: Sequence[T.TextEdit], utf16: bool = True) -> str:
    spans = sorted(((offset(text, e.range.start, utf16), offset(text, e.range.end, utf16), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def document_edits(action: T.CodeAction) -> list[T.TextEdit]:
    assert action.edit is not None and action.edit.document_changes
    return [e for change in action.edit.document_changes for e in change.edits]  # type: ignore[union-attr]


def codes(diagnostics: Sequence[T.Diagnostic]) -> list[Any]:
    return sorted(str(d.code) for d in diagnostics)


class RawSession:
    """The server process driven by hand-written JSON-RPC, for messages no client would send."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "aetherlint", "server"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0

    def __enter__(self) -> "RawSession":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()  # type: ignore[union-attr]

    def send_body(self, body: bytes) -> None:
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)  # type: ignore[union-attr]
        self.process.stdin.flush()  # type: ignore[union-attr]

    def notify(self, method: str, params: Any) -> None:
        self.send_body(json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode())

    def request(self, method: str, params: Any) -> dict:
        """Send a request; the answer with its id (notifications before it are skipped)."""
        self.next_id += 1
        self.send_body(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}).encode())
        while True:
            message = self._receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def until(self, method: str) -> list[dict]:
        """Every message up to and including the first notification of `method`."""
        seen = []
        while not seen or seen[-1].get("method") != method:
            seen.append(self._receive())
        return seen

    def wait(self) -> int:
        return self.process.wait(timeout=WAIT)

    def _receive(self) -> dict:
        stdout = self.process.stdout
        assert stdout is not None
        length = None
        while True:
            line = stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                if length is not None:
                    return json.loads(stdout.read(length))
            elif line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
