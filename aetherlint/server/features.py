"""The server's features: one handler per request or notification, registered on an
`AetherServer` (protocol.py), each a few lines between the protocol's types and aetherlint's pure
modules (linting, actions, navigation, hover)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any, Callable, Optional

from lsprotocol import types as T

from aetherlint.server import actions, convert, hover as hovers, navigation
from aetherlint.server.documents import Document, uri_path
from aetherlint.server.protocol import (
    APPLY_ALL_FIXES, CONFIG_NAMES, EXPLAIN_RULE, SECTION, WATCHED, AetherServer, capability, log,
)
from aetherlint.settings import options as opt

def _folders(params: T.InitializeParams) -> list[Path]:
    uris = [f.uri for f in params.workspace_folders or []]
    if not uris and params.root_uri:
        uris = [params.root_uri]
    return [p for p in map(uri_path, uris) if p is not None]


def build() -> AetherServer:
    server = AetherServer()

    @server.feature(T.INITIALIZE)
    def initialize(ls: AetherServer, params: T.InitializeParams) -> None:
        ls.options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        ls.pull = capability(params.capabilities, "text_document", "diagnostic") is not None
        ls.linter.set_folders(_folders(params))
        ls.configure(None)

    @server.feature(T.INITIALIZED)
    async def initialized(ls: AetherServer, params: T.InitializedParams) -> None:
        if capability(ls.client_capabilities, "workspace", "did_change_watched_files", "dynamic_registration"):
            watcher = T.DidChangeWatchedFilesRegistrationOptions([T.FileSystemWatcher(WATCHED)])
            registration = T.Registration("aetherlint-config-files", T.WORKSPACE_DID_CHANGE_WATCHED_FILES, watcher)
            await ls.client_register_capability_async(T.RegistrationParams([registration]))
        await _pull_configuration(ls)

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: AetherServer, params: T.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.publish(ls.documents.open(item.uri, ls.workspace.get_text_document(item.uri).source, item.version))

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: AetherServer, params: T.DidChangeTextDocumentParams) -> None:
        document = ls.sync(params.text_document.uri)
        if document is not None and not ls.pull:
            ls.schedule(document)

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: AetherServer, params: T.DidSaveTextDocumentParams) -> None:
        document = ls.sync(params.text_document.uri)
        if document is not None:
            document.checked = None  # a save may follow a change of the config next to it
            ls.publish(document)

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: AetherServer, params: T.DidCloseTextDocumentParams) -> None:
        if ls.documents.close(params.text_document.uri) is not None and not ls.pull:
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(params.text_document.uri, []))

    @server.feature(T.TEXT_DOCUMENT_DIAGNOSTIC, T.DiagnosticOptions(inter_file_dependencies=False, workspace_diagnostics=False, identifier=SECTION))
    def pull_diagnostics(ls: AetherServer, params: T.DocumentDiagnosticParams) -> T.DocumentDiagnosticReport:
        document = ls.sync(params.text_document.uri)
        if document is None:
            return T.RelatedFullDocumentDiagnosticReport([])
        result_id = f"{document.version}-{ls.generation}"
        if params.previous_result_id == result_id and document.result is not None:
            return T.RelatedUnchangedDocumentDiagnosticReport(result_id)
        return T.RelatedFullDocumentDiagnosticReport(ls.diagnostics(document), result_id=result_id)

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                    T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix, T.CodeActionKind.RefactorRewrite,
                                                           actions.FIX_ALL]))
    def code_action(ls: AetherServer, params: T.CodeActionParams) -> list[T.CodeAction]:
        document = ls.sync(params.text_document.uri)
        if document is None:
            return []
        ls.check(document)
        assert document.result is not None
        positions = ls.positions(document)
        first = positions.from_lsp(params.range.start)[0]
        last = positions.from_lsp(params.range.end)[0]
        renames = dict(ls.linter.settings_for(document.path)[opt.RENAMES])
        only = params.context.only
        found = actions.at(document.text, document.lines, document.result, first, last, renames)
        if actions.wanted(actions.FIX_ALL, only) and only is not None:  # on save, or asked for
            every = actions.fix_all(document.text, document.result, renames)
            found += [every] if every is not None else []
        return [_code_action(a, document, positions) for a in found if actions.wanted(a.kind, only)]

    @server.feature(T.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: AetherServer, params: T.DocumentSymbolParams) -> list[T.DocumentSymbol]:
        document = ls.sync(params.text_document.uri)
        module = document.module() if document is not None else None
        if document is None or module is None:
            return []
        positions = ls.positions(document)
        return [_document_symbol(s, positions) for s in navigation.symbols(module, document.lines)]

    @server.feature(T.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: AetherServer, params: T.DefinitionParams) -> list[T.Location]:
        return _locations(ls, params, lambda index, key: index.definitions(key))

    @server.feature(T.TEXT_DOCUMENT_REFERENCES)
    def references(ls: AetherServer, params: T.ReferenceParams) -> list[T.Location]:
        return _locations(ls, params, lambda index, key: index.references(key, params.context.include_declaration))

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    def hover(ls: AetherServer, params: T.HoverParams) -> Optional[T.Hover]:
        document = ls.sync(params.text_document.uri)
        if document is None:
            return None
        ls.check(document)
        assert document.result is not None
        positions = ls.positions(document)
        line, col = positions.from_lsp(params.position)
        index = _index(document)
        defined = frozenset(k[1] for k in index.bound) if index is not None else frozenset()
        found = hovers.hover(document.lines, document.result.directives, line, col, defined, document.result.diagnostics)
        if found is None:
            return None
        markdown, (start, end) = found
        return T.Hover(T.MarkupContent(T.MarkupKind.Markdown, markdown), positions.range(line, start, line, end))

    @server.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: AetherServer, params: T.DidChangeConfigurationParams) -> None:
        settings = params.settings if isinstance(params.settings, dict) else {}
        if isinstance(settings.get(SECTION), dict):  # {"aetherlint": {...}}
            ls.configure(settings[SECTION])
        elif capability(ls.client_capabilities, "workspace", "configuration"):
            await _pull_configuration(ls)  # "something changed" (or all of the editor's settings): ask
            return
        else:  # the section's keys themselves (Helix sends its `config` so)
            ls.configure(settings)
        ls.recheck_all()

    @server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: AetherServer, params: T.DidChangeWatchedFilesParams) -> None:
        changed = [uri_path(c.uri) for c in params.changes]
        if any(p is not None and p.name in CONFIG_NAMES for p in changed):
            ls.linter.reset()
            ls.recheck_all()

    @server.feature(T.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_folders(ls: AetherServer, params: T.DidChangeWorkspaceFoldersParams) -> None:
        gone = {f.uri for f in params.event.removed}
        kept = [uri for uri in ls.workspace.folders if uri not in gone]  # pygls has applied the change
        ls.linter.set_folders([p for p in map(uri_path, kept) if p is not None])
        ls.recheck_all()

    @server.command(APPLY_ALL_FIXES)
    async def apply_all_fixes(ls: AetherServer, *args: Any) -> dict:
        uri = _uri_argument(args)
        document = ls.sync(uri) if uri else None
        if document is None:
            return {"applied": False, "edits": 0, "reason": "not an open document"}
        ls.check(document)
        assert document.result is not None
        renames = dict(ls.linter.settings_for(document.path)[opt.RENAMES])
        every = actions.fix_all(document.text, document.result, renames)
        if every is None:
            return {"applied": False, "edits": 0, "reason": "nothing to fix"}
        edit = _workspace_edit(document, every.edits, ls.positions(document))
        answer = await ls.workspace_apply_edit_async(T.ApplyWorkspaceEditParams(edit, label=every.title))
        return {"applied": bool(answer.applied), "edits": len(every.edits)}

    @server.command(EXPLAIN_RULE)
    def explain_rule(ls: AetherServer, *args: Any) -> Optional[str]:
        from aetherlint.rules import explain_text, lookup

        key = args[0] if args and isinstance(args[0], str) else None
        entry = lookup(key) if key else None
        if entry is None:
            ls.warn(f"explainRule: no code or rule {key!r}")
            return None
        return explain_text(entry)

    return server


async def _pull_configuration(ls: AetherServer) -> None:
    if not capability(ls.client_capabilities, "workspace", "configuration"):
        return
    try:
        answer = await ls.workspace_configuration_async(T.ConfigurationParams([T.ConfigurationItem(section=SECTION)]))
    except Exception as exc:  # a client that cannot answer: keep the initialization options
        log.warning("workspace/configuration failed: %s", exc)
        return
    ls.configure(answer[0] if answer and isinstance(answer[0], dict) else None)
    ls.recheck_all()


def _uri_argument(args: tuple) -> Optional[str]:
    """`applyAllFixes` takes the document's URI, bare or as `{"uri": …}` (clients differ)."""
    for arg in args:
        if isinstance(arg, list) and arg:
            arg = arg[0]
        if isinstance(arg, str):
            return arg
        if isinstance(arg, dict) and isinstance(arg.get("uri"), str):
            return arg["uri"]
    return None


def _index(document: Document) -> Optional[navigation.Index]:
    if "index" not in document.derived:
        module = document.module()
        document.derived["index"] = navigation.Index(module, document.lines) if module is not None else None
    return document.derived["index"]


def _locations(ls: AetherServer, params: Any, places: Callable[[navigation.Index, navigation.Key], list]) -> list[T.Location]:
    """The places `places` gives for the name at the request's position, as locations."""
    document = ls.sync(params.text_document.uri)
    index = _index(document) if document is not None else None
    if document is None or index is None:
        return []
    positions = ls.positions(document)
    key = index.key_at(*positions.from_lsp(params.position))
    return [] if key is None else [T.Location(document.uri, positions.range(*p)) for p in places(index, key)]


def _workspace_edit(document: Document, edits: tuple, positions: convert.Positions) -> T.WorkspaceEdit:
    identifier = T.OptionalVersionedTextDocumentIdentifier(document.uri, document.version)
    return T.WorkspaceEdit(document_changes=[T.TextDocumentEdit(identifier, [positions.edit(e) for e in edits])])


def _code_action(action: actions.Action, document: Document, positions: convert.Positions) -> T.CodeAction:
    return T.CodeAction(
        title=action.title,
        kind=action.kind,
        diagnostics=[convert.diagnostic(d, positions, document.uri) for d in action.diagnostics] or None,
        edit=_workspace_edit(document, action.edits, positions),
        is_preferred=action.preferred or None,
    )


_SYMBOL_KINDS = {
    "plugin": T.SymbolKind.Module, "function": T.SymbolKind.Function, "handler": T.SymbolKind.Event,
    "block": T.SymbolKind.Object, "goal": T.SymbolKind.Key, "section": T.SymbolKind.Namespace,
}


def _document_symbol(symbol: navigation.Symbol, positions: convert.Positions) -> T.DocumentSymbol:
    return T.DocumentSymbol(
        name=symbol.name or "(unnamed)",
        kind=_SYMBOL_KINDS[symbol.kind],
        range=positions.range(*symbol.place),
        selection_range=positions.range(*symbol.name_place),
        detail=symbol.detail or None,
        children=[_document_symbol(c, positions) for c in symbol.children],
    )


def serve() -> int:
    """Serve one client on standard input and output until it exits."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="aetherlint server: %(message)s")
    build().start_io()
    return 0
