"""`aetherlint server` end to end: pytest-lsp's client drives the real server process over stdio."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import FIXTURES
from lsp_client import SERVER, apply, capabilities, change, codes, document_edits, forget, open_document, published, start

pytestmark = pytest.mark.asyncio


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


UNKNOWN = "fn spin(w) {\n    return frob(w)\n}\n"


async def test_initialize_announces_what_the_server_does(client: LanguageClient, tmp_path: Path) -> None:
    result = await start(client, [tmp_path])
    caps = result.capabilities
    assert result.server_info is not None and result.server_info.name == "aetherlint"
    assert caps.position_encoding == "utf-16"  # the client offered nothing: the protocol's default
    assert caps.text_document_sync.change == T.TextDocumentSyncKind.Incremental
    assert list(caps.code_action_provider.code_action_kinds) == ["quickfix", "refactor.rewrite", "source.fixAll.aetherlint"]
    assert caps.document_symbol_provider and caps.definition_provider and caps.references_provider and caps.hover_provider
    assert caps.diagnostic_provider.identifier == "aetherlint"
    assert sorted(caps.execute_command_provider.commands) == ["aetherlint.applyAllFixes", "aetherlint.explainRule"]


async def test_utf32_is_chosen_when_offered(client: LanguageClient, tmp_path: Path) -> None:
    result = await start(client, [tmp_path], caps=capabilities(utf32=True))
    assert result.capabilities.position_encoding == "utf-32"


async def test_open_change_save_close(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    path = tmp_path / "spin.aether"
    uri = path.as_uri()
    found = await open_document(client, path, UNKNOWN)
    assert len(found) == 1
    diag = found[0]
    assert (diag.code, diag.source, diag.severity) == ("AE2501", "aetherlint", T.DiagnosticSeverity.Error)
    assert diag.message == "unknown function 'frob'"
    assert diag.range == T.Range(T.Position(1, 11), T.Position(1, 15))  # 0-based, the callee
    # an incremental change: rename the call to a built-in, the finding goes
    fixed = await change(client, uri, 2, [T.TextEdit(diag.range, "len")])
    assert fixed == []
    # a change that breaks it again; then saving re-checks the buffer as it is
    broken = await change(client, uri, 3, [T.TextEdit(T.Range(T.Position(1, 11), T.Position(1, 14)), "frob")])
    assert codes(broken) == ["AE2501"]
    forget(client, uri)
    client.text_document_did_save(T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(uri)))
    assert codes(await published(client, uri)) == ["AE2501"]
    forget(client, uri)
    client.text_document_did_close(T.DidCloseTextDocumentParams(T.TextDocumentIdentifier(uri)))
    assert await published(client, uri) == []


async def test_change_is_debounced(client: LanguageClient, tmp_path: Path) -> None:
    """Ten quick edits within the debounce give one check, of the last text."""
    await start(client, [tmp_path], {"debounce": 300})
    path = tmp_path / "d.aether"
    await open_document(client, path, "x = len(1)\n")
    uri = path.as_uri()
    forget(client, uri)
    for version in range(2, 12):
        name = "frob" if version == 11 else "len"
        edit = T.TextDocumentContentChangeWholeDocument(text=f"x = {name}({version})\n")
        client.text_document_did_change(T.DidChangeTextDocumentParams(T.VersionedTextDocumentIdentifier(version, uri), [edit]))
    found = await published(client, uri)
    assert codes(found) == ["AE2501"]


async def test_related_information_severity_and_tags(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    path = tmp_path / "kettle.aether"
    text = "fn boil() {\n    let t = 1\n\nfn stop() {\n    return 0\n}\n"
    found = await open_document(client, path, text)
    (diag,) = found
    assert diag.code == "AE2004"
    assert diag.range.start == T.Position(3, 0)  # where the closer has to be typed
    (related,) = diag.related_information
    assert related.message == "'{' opened here"
    assert related.location.uri == path.as_uri()
    assert related.location.range == T.Range(T.Position(0, 10), T.Position(0, 11))
    unused = await open_document(client, tmp_path / "u.aether", "x = len(1)  # aetherlint: ignore[AE2501]\n")
    (diag,) = unused
    assert (diag.code, diag.severity, list(diag.tags)) == ("AE2901", T.DiagnosticSeverity.Warning, [T.DiagnosticTag.Unnecessary])
    assert diag.range == T.Range(T.Position(0, 12), T.Position(0, 40))
    warning = await open_document(client, tmp_path / "w.aether", "function spin(w):\n    return wheel\n")
    assert [(d.code, d.severity) for d in warning] == [("AE2503", T.DiagnosticSeverity.Warning)]


ASTRAL = 'x = "\U0001F600 kettle" + frob(1)\n'


@pytest.mark.parametrize("utf32", [False, True])
async def test_columns_after_an_astral_character(client: LanguageClient, tmp_path: Path, utf32: bool) -> None:
    """U+1F600 is two UTF-16 code units and one code point: `frob` starts at code point 17 (0-based)."""
    await start(client, [tmp_path], caps=capabilities(utf32=utf32))
    path = tmp_path / "astral.aether"
    (diag,) = await open_document(client, path, ASTRAL)
    start_col = 17 if utf32 else 18
    assert diag.range == T.Range(T.Position(0, start_col), T.Position(0, start_col + 4))
    assert apply(ASTRAL, [T.TextEdit(diag.range, "len")], utf16=not utf32) == 'x = "\U0001F600 kettle" + len(1)\n'
    # an incremental edit in the client's units lands where it should
    assert await change(client, path.as_uri(), 2, [T.TextEdit(diag.range, "len")]) == []


def _check_json(path: Path, cwd: Path) -> list[tuple]:
    proc = subprocess.run([sys.executable, "-m", "aetherlint", "check", "--no-cache", "--output-format", "json", str(path)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)
    (result,) = json.loads(proc.stdout)["results"]
    return sorted((d["rule"], d["line"] - 1, d["severity"]) for d in result["diagnostics"] if not d["suppressed"])


async def test_same_findings_as_check_with_the_same_configuration(client: LanguageClient, tmp_path: Path) -> None:
    """One code path: nearest config, per-file tables, select/ignore and suppressions as `check`."""
    project = tmp_path / "project"
    (project / "legacy").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.aetherlint]\nignore = ["AE2502"]\nextend-builtins = ["count_crates"]\n\n'
        '[[tool.aetherlint.per-file]]\npaths = ["legacy/**"]\nignore = ["AE2501"]\n')
    texts = {
        "a.aether": "x = count_crates(1)\ny = frob(2)\nz = escalate_to()\nw = frob(3)  # aetherlint: ignore[AE2501]\n",
        "legacy/b.aether": "y = frob(2)\nfunction spin(w):\n    return wheel\n",
    }
    await start(client, [project])
    for name, text in texts.items():
        path = project / name
        path.write_text(text)
        found = await open_document(client, path, text)
        mine = sorted((str(d.code), d.range.start.line, {1: "error", 2: "warning", 3: "info"}[d.severity]) for d in found)
        assert mine == _check_json(path, project), name
    assert [c for c, *_ in _check_json(project / "a.aether", project)] == ["AE2501"]


async def test_every_fixture_as_check_reports_it(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [FIXTURES])
    for path in sorted((FIXTURES / "valid").rglob("*.aether"))[:6] + sorted((FIXTURES / "invalid" / "parse").glob("*.aether"))[:6]:
        text = path.read_bytes().decode("utf-8-sig")
        found = await open_document(client, path, text)
        expected = _check_json(path, FIXTURES)
        assert sorted((str(d.code), d.range.start.line) for d in found) == [(r, line) for r, line, _ in expected], path.name


async def test_quick_fix_applied_and_rechecked(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    path = tmp_path / "k.aether"
    text = "fn boil() {\n    let t = 1\n\nfn stop() {\n    return 0\n}\n"
    (diag,) = await open_document(client, path, text)
    found = await client.text_document_code_action_async(
        T.CodeActionParams(T.TextDocumentIdentifier(path.as_uri()), diag.range, T.CodeActionContext([diag])))
    fix = next(a for a in found if a.title.startswith("insert '}'"))
    assert fix.kind == "quickfix" and fix.diagnostics[0].code == "AE2004"
    fixed = apply(text, document_edits(fix))
    assert fixed == "fn boil() {\n    let t = 1\n\n}\nfn stop() {\n    return 0\n}\n"  # before the line back at its indentation
    assert await open_document(client, tmp_path / "k2.aether", fixed) == []


async def _actions(client: LanguageClient, uri: str, line: int, only=None) -> list[T.CodeAction]:
    where = T.Range(T.Position(line, 0), T.Position(line, 0))
    return await client.text_document_code_action_async(
        T.CodeActionParams(T.TextDocumentIdentifier(uri), where, T.CodeActionContext([], only=only)))


async def test_ignore_on_this_line_and_in_this_file(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    text = "#!/usr/bin/env aether\nx = frob(1)\ny = frob(2)  # aetherlint: ignore[AE2502] kept reason\n"
    path = tmp_path / "i.aether"
    found = await open_document(client, path, text)
    assert codes(found) == ["AE2501", "AE2501", "AE2901"]
    titles = [a.title for a in await _actions(client, path.as_uri(), 1)]
    assert titles == ["Ignore AE2501 on this line", "Ignore AE2501 in this file"]
    line_fix = apply(text, document_edits((await _actions(client, path.as_uri(), 1))[0]))
    assert line_fix.splitlines()[1] == "x = frob(1)  # aetherlint: ignore[AE2501]"
    on_two = {a.title: a for a in await _actions(client, path.as_uri(), 2)}
    assert list(on_two) == ["Ignore AE2501 on this line", "Ignore AE2501 in this file", "Remove unused suppression"]
    extended = apply(text, document_edits(on_two["Ignore AE2501 on this line"]))
    assert extended.splitlines()[2] == "y = frob(2)  # aetherlint: ignore[AE2502, AE2501] kept reason"
    file_fix = apply(text, document_edits((await _actions(client, path.as_uri(), 1))[1]))
    assert file_fix.splitlines()[:2] == ["#!/usr/bin/env aether", "# aetherlint: ignore-file[AE2501]"]
    assert codes(await open_document(client, tmp_path / "i2.aether", line_fix)) == ["AE2501", "AE2901"]
    assert codes(await open_document(client, tmp_path / "i3.aether", extended)) == ["AE2501"]
    assert codes(await open_document(client, tmp_path / "i5.aether", file_fix)) == ["AE2901"]  # ignore[AE2502] unused


async def test_slash_comments_in_a_file_that_uses_them(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    text = "// crate helpers\nfunction f(x) {\n    return frob(x)\n}\n"
    path = tmp_path / "s.aether"
    await open_document(client, path, text)
    action = (await _actions(client, path.as_uri(), 2))[0]
    fixed = apply(text, document_edits(action))
    assert fixed.splitlines()[2] == "    return frob(x)  // aetherlint: ignore[AE2501]"
    assert await open_document(client, tmp_path / "s2.aether", fixed) == []


async def test_no_comment_inside_a_multi_line_string(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    text = 'function f(x):\n    return f"""\n{frob(x)}\n"""\n'
    path = tmp_path / "m.aether"
    assert codes(await open_document(client, path, text)) == ["AE2501"]
    titles = [a.title for a in await _actions(client, path.as_uri(), 2)]
    assert titles == ["Ignore AE2501 in this file"]


async def test_remove_unused_suppression(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    text = "x = len(1)  # aetherlint: ignore[AE2501]\n# aetherlint: ignore[undefined-name]\ny = 2\n"
    path = tmp_path / "r.aether"
    assert codes(await open_document(client, path, text)) == ["AE2901", "AE2901"]
    left = []
    for line in (0, 1):
        (action,) = [a for a in await _actions(client, path.as_uri(), line) if a.title == "Remove unused suppression"]
        assert action.is_preferred
        text = apply(text, document_edits(action))
        path = tmp_path / f"r{line}.aether"
        left.append(codes(await open_document(client, path, text)))
    assert left == [["AE2901"], []]
    assert text == "x = len(1)\ny = 2\n"


async def test_migrate_transforms_and_fix_all(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    text = "intent: oil the hinges priority: high\nlog \"done\"   \nremember:\n    crates: 3\n"
    path = tmp_path / "g.aether"
    await open_document(client, path, text)
    titles = [a.title for a in await _actions(client, path.as_uri(), 0)]
    assert titles == ["Migrate: intent-to-goal (1 edit)", "Migrate: quote-goal-text (1 edit)"]
    (unsafe,) = await _actions(client, path.as_uri(), 2)
    assert (unsafe.title, unsafe.kind) == ("Migrate: remember-to-memory (1 edit, unsafe)", "refactor.rewrite")
    migrated = apply(text, document_edits(unsafe))
    assert migrated.splitlines()[2] == "memory:"
    assert await open_document(client, tmp_path / "g1.aether", migrated) == []
    (every,) = await _actions(client, path.as_uri(), 0, only=["source.fixAll"])
    assert every.kind == "source.fixAll.aetherlint"
    fixed = apply(text, document_edits(every))
    assert fixed == 'goal: "oil the hinges" priority: high\nlog "done"\nremember:\n    crates: 3\n'  # safe ones only
    assert await open_document(client, tmp_path / "g2.aether", fixed) == []


async def test_apply_all_fixes_command(client: LanguageClient, tmp_path: Path) -> None:
    applied: list[T.ApplyWorkspaceEditParams] = []

    @client.feature(T.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: T.ApplyWorkspaceEditParams) -> T.ApplyWorkspaceEditResult:
        applied.append(params)
        return T.ApplyWorkspaceEditResult(applied=True)

    await start(client, [tmp_path])
    text = "log \"done\"   \n"
    path = tmp_path / "t.aether"
    await open_document(client, path, text)
    answer = await client.workspace_execute_command_async(T.ExecuteCommandParams("aetherlint.applyAllFixes", [path.as_uri()]))
    assert answer == {"applied": True, "edits": 1}
    (params,) = applied
    assert apply(text, [e for c in params.edit.document_changes for e in c.edits]) == 'log "done"\n'
    explained = await client.workspace_execute_command_async(T.ExecuteCommandParams("aetherlint.explainRule", ["AE2501"]))
    assert explained.startswith("AE2501 unknown-function (25 VALIDATION_ERROR")


async def test_document_symbols(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    text = ('goal: tidy the bench priority: high\nplugin widget {\n    fn spin(w) {\n        return w\n    }\n'
            '    on_run {\n        spin(1)\n    }\n}\nwhen door_squeaks:\n    oil hinges\nend\n')
    path = tmp_path / "o.aether"
    await open_document(client, path, text)
    found = await client.text_document_document_symbol_async(T.DocumentSymbolParams(T.TextDocumentIdentifier(path.as_uri())))
    outline = [(s.name, s.kind, [(c.name, c.kind) for c in s.children or []]) for s in found]
    assert outline == [
        ("goal: tidy the bench priority: high", T.SymbolKind.Key, []),
        ("widget", T.SymbolKind.Module, [("spin", T.SymbolKind.Function), ("on_run", T.SymbolKind.Function)]),
        ("door_squeaks", T.SymbolKind.Event, []),
    ]
    widget = found[1]
    assert widget.range == T.Range(T.Position(1, 0), T.Position(8, 1))
    assert widget.selection_range == T.Range(T.Position(1, 7), T.Position(1, 13))
    yaml = (FIXTURES / "valid" / "yaml" / "shelf_audit.aether").read_text()
    await open_document(client, tmp_path / "y.aether", yaml)
    found = await client.text_document_document_symbol_async(
        T.DocumentSymbolParams(T.TextDocumentIdentifier((tmp_path / "y.aether").as_uri())))
    (spec,) = found
    assert spec.name == "shelf_audit"
    assert [c.name for c in spec.children] == ["trigger", "memory", "ai", "actions", "feedback"]
    assert [c.name for c in spec.children[1].children] == ["retrieve", "store"]


async def test_definition_and_references(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    text = ("fn spin(wheel, n) {\n    let total = wheel * n\n    return total + wheel\n}\n"
            "fn other(wheel) {\n    return spin(wheel, 2)\n}\nx = spin(1, 2)\n")
    path = tmp_path / "n.aether"
    uri = path.as_uri()
    await open_document(client, path, text)
    doc = T.TextDocumentIdentifier(uri)
    # the call in `other` goes to the definition of spin, hoisted from module level
    (where,) = await client.text_document_definition_async(T.DefinitionParams(doc, T.Position(5, 12)))
    assert where.range == T.Range(T.Position(0, 3), T.Position(0, 7))
    refs = await client.text_document_references_async(
        T.ReferenceParams(T.ReferenceContext(include_declaration=True), doc, T.Position(0, 4)))
    assert [r.range.start for r in refs] == [T.Position(0, 3), T.Position(5, 11), T.Position(7, 4)]
    # a parameter: its uses in its own function only, not the other function's parameter
    refs = await client.text_document_references_async(
        T.ReferenceParams(T.ReferenceContext(include_declaration=False), doc, T.Position(2, 21)))
    assert [r.range.start for r in refs] == [T.Position(1, 16), T.Position(2, 19)]
    (where,) = await client.text_document_definition_async(T.DefinitionParams(doc, T.Position(2, 12)))
    assert where.range == T.Range(T.Position(1, 8), T.Position(1, 13))  # `let total`
    assert await client.text_document_definition_async(T.DefinitionParams(doc, T.Position(5, 4))) == []  # `return`


async def test_hover(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path])
    text = 'store(x, "tag")\ny = frob(1)  # aetherlint: ignore[AE2501, undefined-name]\n'
    path = tmp_path / "h.aether"
    await open_document(client, path, text)
    doc = T.TextDocumentIdentifier(path.as_uri())
    found = await client.text_document_hover_async(T.HoverParams(doc, T.Position(0, 2)))
    assert "store(data, tag?)" in found.contents.value and "1 to 2 arguments" in found.contents.value
    assert found.range == T.Range(T.Position(0, 0), T.Position(0, 5))
    found = await client.text_document_hover_async(T.HoverParams(doc, T.Position(1, 37)))
    assert found.contents.value.startswith("**AE2501 unknown-function")
    found = await client.text_document_hover_async(T.HoverParams(doc, T.Position(1, 45)))
    assert found.contents.value.startswith("**AE2503 undefined-name")
    found = await client.text_document_hover_async(T.HoverParams(doc, T.Position(1, 5)))  # the suppressed `frob`
    assert found is None
    await open_document(client, tmp_path / "h2.aether", "y = frob(1)\n")
    found = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier((tmp_path / "h2.aether").as_uri()), T.Position(0, 5)))
    assert found.contents.value.startswith("**AE2501 unknown-function") and "Example" in found.contents.value
    assert await client.text_document_hover_async(T.HoverParams(doc, T.Position(1, 0))) is None


async def test_configuration_change_rechecks_open_documents(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path], {"ignore": ["AE2502"]})
    path = tmp_path / "c.aether"
    assert codes(await open_document(client, path, "x = frob(1)\ny = escalate_to()\n")) == ["AE2501"]
    forget(client, path.as_uri())
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams({"aetherlint": {"ignore": ["unknown-function"]}}))
    assert codes(await published(client, path.as_uri())) == ["AE2502"]
    forget(client, path.as_uri())
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams({"aetherlint": {"select": ["AE25"], "ignore": []}}))
    assert codes(await published(client, path.as_uri())) == ["AE2501", "AE2502"]
    forget(client, path.as_uri())  # the section's keys alone, as Helix sends its `config`
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams({"ignore": ["AE2501", "AE2502"]}))
    assert await published(client, path.as_uri()) == []


async def test_configuration_pulled_from_the_client(client: LanguageClient, tmp_path: Path) -> None:
    client.set_configuration({"extend-builtins": ["frob"]}, section="aetherlint")
    path = tmp_path / "p.aether"
    await start(client, [tmp_path], caps=capabilities(configuration=True))
    forget(client, path.as_uri())
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(path.as_uri(), "aether", 1, "x = frob(1)\n")))
    for _ in range(3):  # the open may be checked before or after the configuration arrives
        found = await published(client, path.as_uri())
        if not found:
            break
        forget(client, path.as_uri())
    assert found == []


async def test_config_file_change_rechecks(client: LanguageClient, tmp_path: Path) -> None:
    registered: list[T.RegistrationParams] = []

    @client.feature(T.CLIENT_REGISTER_CAPABILITY)
    def register(params: T.RegistrationParams) -> None:
        registered.append(params)

    await start(client, [tmp_path], caps=capabilities(watch=True))
    path = tmp_path / "f.aether"
    assert codes(await open_document(client, path, "x = frob(1)\n")) == ["AE2501"]
    assert registered[0].registrations[0].method == "workspace/didChangeWatchedFiles"
    config = tmp_path / ".aetherlint.toml"
    config.write_text('extend-builtins = ["frob"]\n')
    forget(client, path.as_uri())
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams([T.FileEvent(config.as_uri(), T.FileChangeType.Created)]))
    assert await published(client, path.as_uri()) == []


async def test_invalid_configuration_is_told_and_defaults_apply(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / ".aetherlint.toml").write_text("ignor = 3\n")
    await start(client, [tmp_path], {"select": ["no-such-rule"]})
    found = await open_document(client, tmp_path / "x.aether", "x = frob(1)\n")
    assert codes(found) == ["AE2501"]
    told = [m.message for m in client.messages]
    assert any("'select'" in m and "no-such-rule" in m for m in told), told
    assert any("ignor" in m and "default settings" in m for m in told), told


async def test_pull_diagnostics(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, [tmp_path], caps=capabilities(pull=True))
    path = tmp_path / "pull.aether"
    uri = path.as_uri()
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "aether", 1, UNKNOWN)))
    report = await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uri)))
    assert report.kind == "full" and codes(report.items) == ["AE2501"]
    again = await client.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uri), previous_result_id=report.result_id))
    assert again.kind == "unchanged"
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(2, uri), [T.TextDocumentContentChangeWholeDocument(text="x = len(1)\n")]))
    after = await client.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uri), previous_result_id=report.result_id))
    assert after.kind == "full" and list(after.items) == []
    assert uri not in client.diagnostics  # nothing pushed to a client that pulls
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams({"aetherlint": {"ignore": ["AE2501"]}}))
    await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(0, 0)))  # a round trip
    assert client.diagnostic_refresh_count == 1


async def test_document_outside_every_workspace_folder(client: LanguageClient, tmp_path: Path) -> None:
    inside, outside = tmp_path / "ws", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (outside / ".aetherlint.toml").write_text('ignore = ["AE2501"]\n')
    await start(client, [inside])
    assert await open_document(client, outside / "o.aether", "x = frob(1)\n") == []
    assert codes(await open_document(client, inside / "i.aether", "x = frob(1)\n")) == ["AE2501"]
    untitled = "untitled:Untitled-1"
    forget(client, untitled)
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(untitled, "aether", 1, "x = frob(1)\n")))
    assert codes(await published(client, untitled)) == ["AE2501"]


async def test_multi_root_workspace(client: LanguageClient, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (two / "pyproject.toml").write_text('[tool.aetherlint]\nextend-builtins = ["frob"]\n')
    await start(client, [one, two])
    assert codes(await open_document(client, one / "a.aether", "x = frob(1)\n")) == ["AE2501"]
    assert await open_document(client, two / "a.aether", "x = frob(1)\n") == []


async def test_file_over_the_size_limit(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / ".aetherlint.toml").write_text('max-file-size = "1kB"\n')
    await start(client, [tmp_path])
    (diag,) = await open_document(client, tmp_path / "big.aether", "x = 1\n" * 200)
    assert diag.code == "AE2605" and diag.message == "file too large (1.2 kB > 1 kB limit)"


CRASHING = """
import sys
import aetherlint.semantic as semantic

def broken(ctx):  # a rule with a bug, as a fault injected into the real server
    raise RuntimeError("a bug in a rule")
    yield

semantic.AST_CHECKS = semantic.AST_CHECKS + (broken,)
from aetherlint.cli import main
sys.exit(main(["server"]))
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-c", CRASHING]))
async def crashing(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_a_crashing_rule_is_ae2701_on_that_document(crashing: LanguageClient, tmp_path: Path) -> None:
    await start(crashing, [tmp_path])
    (diag,) = await open_document(crashing, tmp_path / "x.aether", "x = 1\n")
    assert (diag.code, diag.message) == ("AE2701", "internal error: RuntimeError")
    assert any("a bug in a rule" in m.message for m in crashing.log_messages)
    # the server lives on: the next document (that fails to parse, so no rule runs) is checked
    assert codes(await open_document(crashing, tmp_path / "y.aether", "fn a( {\n")) != []


async def test_a_workspace_folder_added_later_is_a_project_root(client: LanguageClient, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "one" / "two"
    two.mkdir(parents=True)
    (one / ".aetherlint.toml").write_text('ignore = ["AE2501"]\n')
    await start(client, [one])
    path = two / "a.aether"
    assert await open_document(client, path, "x = frob(1)\n") == []  # the nearest config: one's
    forget(client, path.as_uri())
    # `two` becomes a folder of its own; without a config file it is a project root with the defaults,
    # but the nearest configuration file still applies to its files, as it does for `check`
    added = T.WorkspaceFoldersChangeEvent(added=[T.WorkspaceFolder(two.as_uri(), "two")], removed=[])
    client.workspace_did_change_workspace_folders(T.DidChangeWorkspaceFoldersParams(added))
    assert await published(client, path.as_uri()) == []
    (two / "aetherlint.toml").write_text("")
    forget(client, path.as_uri())
    client.workspace_did_change_workspace_folders(T.DidChangeWorkspaceFoldersParams(
        T.WorkspaceFoldersChangeEvent(added=[], removed=[T.WorkspaceFolder(one.as_uri(), "one")])))
    assert codes(await published(client, path.as_uri())) == ["AE2501"]  # its own (empty) config now
