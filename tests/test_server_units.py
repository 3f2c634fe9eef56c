"""`aetherlint server`: raw JSON-RPC, the missing extra, and the pure modules behind the protocol."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from lsp_client import RawSession


def test_malformed_requests_get_errors_and_the_server_goes_on(tmp_path: Path) -> None:
    """Raw JSON-RPC (a client library would refuse to send these): params that do not fit the
    method, an unknown method, a body that is not JSON; every request still gets its answer."""
    with RawSession() as session:
        assert "capabilities" in session.request("initialize", {"capabilities": {}})["result"]
        session.notify("initialized", {})
        bad = session.request("textDocument/hover", {"textDocument": {"uri": (tmp_path / "x.aether").as_uri()}})
        assert bad["error"]["code"] == -32602  # invalid params
        assert session.request("aetherlint/noSuchMethod", {})["error"]["code"] == -32601
        session.send_body(b"{not json")
        uri = (tmp_path / "s.aether").as_uri()
        session.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "aether", "version": 1, "text": "store(1)\n"}})
        hover = session.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}})
        assert "store(data, tag?)" in hover["result"]["contents"]["value"]
        assert session.request("shutdown", None)["result"] is None
        session.notify("exit", None)
        assert session.wait() == 0


def test_server_without_its_extra_is_a_one_line_error() -> None:
    code = "import sys\nsys.modules['pygls'] = None\nfrom aetherlint.cli import main\nsys.exit(main(['server']))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr == 'aetherlint: error: the language server needs pygls and lsprotocol: pip install "aetherlint[server]"\n'


def test_utf16_columns_round_trip_through_astral_characters() -> None:
    from lsprotocol import types as T

    from aetherlint.server.convert import Positions, choose_encoding

    line = "a\U0001F600b\U0001F600c"
    utf16 = Positions([line], choose_encoding(["utf-8", "utf-16"]))
    utf32 = Positions([line], choose_encoding(["utf-8", "utf-32"]))
    assert [utf16.to_lsp(1, col).character for col in range(1, 7)] == [0, 1, 3, 4, 6, 7]
    assert [utf32.to_lsp(1, col).character for col in range(1, 7)] == [0, 1, 2, 3, 4, 5]
    assert [utf16.from_lsp(T.Position(0, units)) for units in (0, 1, 3, 4, 6, 7, 99)] == [(1, c) for c in (1, 2, 3, 4, 5, 6, 6)]
    assert utf16.to_lsp(5, 1) == T.Position(0, 7)  # past the text: its end


def test_suppression_comment_edits() -> None:
    from aetherlint.directives import find
    from aetherlint.fixes import apply_edits
    from aetherlint.server import comments

    def lines(text: str) -> list[str]:
        return text.split("\n")

    text = "x = frob(1)   \n"
    edit = comments.ignore_line(text, lines(text), find(text), 1, "AE2501")
    assert apply_edits(text, [edit]) == "x = frob(1)  # aetherlint: ignore[AE2501]\n"
    text = 'log "unterminated\n'  # a comment there would be inside the string
    assert comments.ignore_line(text, lines(text), find(text), 1, "AE2003") is None
    text = "x = 1  # aetherlint: ignore\n"  # already silences every rule of the line
    assert comments.ignore_line(text, lines(text), find(text), 1, "AE2501") is None
    text = "// aetherlint: ignore-file[AE2502]\nx = frob(1)\n"
    edit = comments.ignore_file(text, lines(text), find(text), "AE2501")
    assert apply_edits(text, [edit]).splitlines()[0] == "// aetherlint: ignore-file[AE2502, AE2501]"
    text = "x = 1\r\n"
    edit = comments.ignore_file(text, lines(text), find(text), "AE2501")
    assert apply_edits(text, [edit]) == "# aetherlint: ignore-file[AE2501]\r\nx = 1\r\n"
    assert comments.marker(["// a", "x = 1", "#!/bin/aether"]) == "//"
    assert comments.marker(["// a", "# b"]) == "#"


def test_symbols_of_every_valid_fixture_lie_within_their_file() -> None:
    from conftest import FIXTURES

    from aetherlint.server.navigation import symbols
    from aetherlint.source import split_lines
    from aetherlint.syntax.parser import parse

    seen = set()

    def walk(found, lines):
        for symbol in found:
            seen.add(symbol.kind)
            line, col, end_line, end_col = symbol.place
            assert (line, col) <= symbol.name_place[:2] and symbol.name_place[2:] <= (end_line, end_col)
            assert 1 <= line <= end_line <= len(lines) + 1
            walk(symbol.children, lines)

    for path in sorted((FIXTURES / "valid").rglob("*.aether")):
        text = path.read_bytes().decode("utf-8-sig")
        walk(symbols(parse(text), split_lines(text)), split_lines(text))
    assert seen == {"plugin", "function", "handler", "block", "goal", "section"}


def _editor_blocks() -> dict[str, str]:
    from readme import code_blocks, section

    text = section("## Editor integration")
    return {lang: code_blocks(text, lang)[0] for lang in ("sh", "lua", "toml", "json")}


def test_readme_editor_setups_start_the_server_with_settings_it_accepts(tmp_path: Path) -> None:
    """The Neovim, Helix and VS Code setups name `aetherlint server`, the configuration files the
    resolver looks for, and only settings the server takes; sent to the real server, those
    settings are accepted (no warning) and a document is checked."""
    import json
    import re
    import tomllib

    from aetherlint.commands.server import INSTALL
    from aetherlint.server.linting import CLIENT_KEYS
    from aetherlint.settings.sources import CONFIG_NAMES
    from readme import section

    blocks = _editor_blocks()
    assert INSTALL.replace("pip", "python -m pip") in blocks["sh"]
    lua = blocks["lua"]
    assert 'cmd = { "aetherlint", "server" }' in lua and "vim.lsp.start({" in lua
    markers = re.search(r"vim\.fs\.find\(\{([^}]*)\}", lua).group(1)
    assert set(CONFIG_NAMES) <= {m.strip(' "') for m in markers.split(",")}
    helix = tomllib.loads(blocks["toml"])
    server = helix["language-server"]["aetherlint"]
    assert [server["command"], *server["args"]] == ["aetherlint", "server"]
    (language,) = helix["language"]
    assert language["file-types"] == ["aether"] and set(language["roots"]) == set(CONFIG_NAMES)
    vscode = json.loads(blocks["json"])
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == ["aetherlint", "server"]
    table = re.findall(r"^\| `([\w-]+)` \|", section("## Editor integration"), re.MULTILINE)
    assert table == [*CLIENT_KEYS, "debounce"]
    for options in (server["config"], vscode["glspc.initializationOptions"], {"debounce": 150}):
        assert set(options) <= set(table)
        with RawSession() as session:
            session.request("initialize", {"capabilities": {}, "rootUri": tmp_path.as_uri(), "initializationOptions": options})
            session.notify("initialized", {})
            uri = (tmp_path / "x.aether").as_uri()
            session.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "aether", "version": 1, "text": "x = frob(1)\n"}})
            seen = session.until("textDocument/publishDiagnostics")
            assert [m["method"] for m in seen[:-1] if m.get("method") == "window/showMessage"] == []
            assert [d["code"] for d in seen[-1]["params"]["diagnostics"]] == ["AE2501"]


def test_definitions_and_shadowing_from_the_scopes() -> None:
    from aetherlint.server.navigation import Index
    from aetherlint.source import split_lines
    from aetherlint.syntax.parser import parse

    text = ("cup = 1\nfn pour(cups) {\n    for (k, cup) in cups {\n        log cup\n    }\n    return cup\n}\n"
            "fn sip() {\n    return cup\n}\n")
    lines = split_lines(text)
    index = Index(parse(text), lines)
    inner = index.key_at(4, 13)  # `cup` in `log cup`: the loop's, in pour's scope
    outer = index.key_at(9, 12)  # `cup` in sip: the module's
    assert inner != outer
    assert index.definitions(inner) == [(3, 13, 3, 16)]
    assert index.definitions(outer) == [(1, 1, 1, 4)]
    assert index.references(inner, declarations=False) == [(4, 13, 4, 16), (6, 12, 6, 15)]
