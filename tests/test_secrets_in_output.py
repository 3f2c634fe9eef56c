"""No credential leaves aetherlint verbatim: keys planted in broken lines, in a function name and
in string literals never appear in any output format of `check` and `classify`, their
artifacts, history, log and cache folder, the baseline, migrate's diffs and report, `risk` and
`verify --report`, or an interpreter's message; each is shown masked instead."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from aetherlint.check import check_bytes
from aetherlint.credentials import find, looks_random, may_hold, placeholder, redact, redact_at
from conftest import write

# Invented keys, put together at run time so that no scanner mistakes this file for a leak.
SK = "sk-live-" + "4eC39HqLyjWDarjtT1zdp7dc"
GHP = "ghp_" + "Zx81AbCdEfGhIjKlMnOpQrStUvWxYz012345"
AKIA = "AKIA" + "Z7Q3LMN4PX2RT5WB"
PLANTED = (SK, GHP, AKIA)
MASKS = ("<redacted:sk-…dc>", "<redacted:ghp_…45>", "<redacted:AKIA…WB>")

FILES = {
    "flows/broken_sk.aether": f'let key = "{SK}" )\n',  # a stray closer on the key's line
    "flows/broken_ghp.aether": f"fn f() {{\n    return {GHP}(1\n}}\n",  # an unclosed call
    "flows/unknown_akia.aether": f"x = {AKIA}(3)\n",  # a function's name
    "flows/broken_akia.aether": f"let id = {AKIA} +\n",
    # an unexpected string, quoted shortened in the message: masked before it is cut
    "flows/long_token.aether": f'let x = y "padding text here {AKIA} and more"\n',
    "flows/literals.aether": f'let token = "{GHP}"\nlet aws = "{AKIA}"\nlet k = "{SK}"\n',
    "flows/legacy.aether": f"intent: deploy with {SK}\n",  # migrate rewrites this line
}


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        write(tmp_path, name, text)
    return tmp_path


def _leaks(text: str) -> list[str]:
    """The planted keys found in `text`, whole or cut (a snippet or a cell shortened mid-key)."""
    return [secret for secret in PLANTED if secret[:14] in text]


def _tree_leaks(folder: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.endswith(".aether"):
            leaks = _leaks(path.read_bytes().decode("utf-8", "replace"))
            if leaks:
                found[str(path.relative_to(folder))] = leaks
    return found


def test_check_text_shows_masks_in_context_lines(run, planted) -> None:
    code, out, err = run("check", "flows")
    assert code == 1 and _leaks(out + err) == []
    assert f'    let key = "{MASKS[0]}" )' in out
    assert f"    x = {MASKS[2]}(3)" in out and f"unknown function '{MASKS[2]}'" in out
    assert f"hard-coded GitHub token ({MASKS[1]})" in out
    # the caret still points at the stray `)` after the mask
    lines = out.splitlines()
    context = lines.index(f'    let key = "{MASKS[0]}" )')
    assert lines[context + 1] == " " * (len(f'    let key = "{MASKS[0]}" ')) + "^"


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "jsonl", "sarif", "github", "gitlab", "junit"])
def test_every_check_format(run, planted, monkeypatch, fmt) -> None:
    summary = planted / "step_summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = run("check", "flows", "--output-format", fmt, "--extend-select", "AE28", "--statistics")
    assert code == 1 and _leaks(out + err) == []
    assert "redacted:" in out, out


def test_check_reports_status_lines_files_and_the_cache(run, planted) -> None:
    code, out, err = run("check", "flows", "--json-status", "--emit-error-code", "--sarif", "a.sarif", "--junit",
                         "a.xml", "-o", "report.json", "--output-format", "json", "-v")
    assert code == 1 and _leaks(out + err) == []
    assert run("check", "flows")[0] == 1  # a second run answers from the cache
    cache = planted / ".aetherlint_cache"
    assert any(cache.rglob("*.json"))
    assert _tree_leaks(planted) == {}


def test_classify_artifacts_history_log_and_reports(run, planted) -> None:
    code, out, err = run("classify", "flows", "--history-dir", "history", "--log-file", "classify.log",
                         "--sarif", "c.sarif", "--junit", "c.xml", "--output-format", "gitlab", "-o", "c.gitlab.json",
                         "--jobs", "2")
    assert code == 1 and _leaks(out + err) == []
    document = json.loads((planted / "workflow_failures.json").read_text())
    assert document["summary"]["top_unknown_functions"] == [[MASKS[2], 1]]
    assert MASKS[2] in (planted / "workflow_failures.md").read_text()
    assert any((planted / "history").iterdir())
    assert _tree_leaks(planted) == {}


def test_baseline_migrate_risk_and_verify(run, planted, monkeypatch) -> None:
    assert run("baseline", "flows", "--output", "baseline.json")[0] == 0
    code, out, err = run("migrate", "--dry-run", "flows", "--report", "migration.md")
    assert _leaks(out + err) == [] and f"+goal: \"deploy with {MASKS[0]}\"" in out
    assert run("migrate", "--dry-run", "flows", "--report", "migration.json", "--format", "json")[0] == 0
    write(planted, "flows/risky.aether", f'let r = http.get("https://bot:{SK}@api.example.com/v1")\n')
    code, out, err = run("risk", "flows", "--format", "json")
    assert _leaks(out + err) == [] and "<redacted:password…dc>" in out
    assert _leaks(run("risk", "flows")[1]) == []
    monkeypatch.setenv("AETHERLINT_SIGNING_KEY", "s3cret")
    code, out, err = run("verify", "flows", "--report", "aether_static_report.md")
    assert _leaks(out + err) == []
    assert _tree_leaks(planted) == {}


def test_an_interpreters_message_is_masked(run, planted) -> None:
    script = write(planted, "interp.py", "import json\nprint(json.dumps({'ok': False, 'code': 21, 'message': "
                                         f"'boom at {SK}', 'line': 1, 'col': 1}}))\n")
    write(planted, "ok/a.aether", 'log "fine"\n')
    code, out, err = run("classify", "ok", "--no-history", "--run-cmd", f"{sys.executable} {script} {{path}}")
    assert code == 1 and _leaks(out + err) == []
    (record,) = json.loads((planted / "workflow_failures.json").read_text())["workflows"]
    assert record["message"] == f"boom at {MASKS[0]}"
    assert _tree_leaks(planted / ".aetherlint_cache") == {}


# ---- the detector ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "masked"), [
    (f"key {SK} end", "key <redacted:sk-…dc> end"),
    ("sk_live_" + "51HqLyjWDarjtT1zdp7dcXyZ", "<redacted:sk-…yZ>"),
    (f"t={GHP}", "t=<redacted:ghp_…45>"),
    ("github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzAB", "<redacted:github_pat_…AB>"),
    (f"({AKIA})", "(<redacted:AKIA…WB>)"),
    ("xoxb-" + "123456789012-abcdefABCDEF", "<redacted:xoxb-…EF>"),
    ('"-----BEGIN RSA PRIVATE KEY-----\\nMIIE"', '"<redacted:private-key>\\nMIIE"'),
    ("postgres://bot:hunter2pass@db:5432/x", "postgres://bot:<redacted:password…ss>@db:5432/x"),
    ('api_key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"', 'api_key = "<redacted:secret…1b>"'),
    ("clientSecret: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA'", "clientSecret: '<redacted:secret…MA>'"),
])
def test_kinds_are_masked(text, masked) -> None:
    assert may_hold(text)  # the rule's first, quick look never passes one over
    assert redact(text) == masked
    assert redact(redact(text)) == redact(text)  # masks are not credentials


@pytest.mark.parametrize("text", [
    'api_key = "<your-key>"', 'token = "${GITHUB_TOKEN}"', 'secret = "{{secret}}"', 'password = "xxxxxxxxxxxxxxxxxxxxxxxx"',
    "AKIAIOSFODNN7EXAMPLE", "AKIAXXXXXXXXXXXXXXXX", "sk-your-key-goes-here-000000", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "https://user:${DB_PASSWORD}@db.example.com", "https://user:****@db.example.com", "https://example.com/a:b@c",
    'password = "correcthorsebatterystaple"',  # words, no digits: not random-looking
    'name = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"',  # random, but not a credential's name
    'token = "short1"', "sk-learn", "the task-list", "scikit sk-learn-is-a-library",
])
def test_placeholders_and_ordinary_text_are_left_alone(text) -> None:
    assert find(text) == [] and redact(text) == text


def test_entropy_thresholds() -> None:
    assert looks_random("9f86d081884c7d659a2feaa0c55ad015")  # random hex
    assert not looks_random("00000000000000000000000000000000")
    assert not looks_random("deadbeefdeadbeefdeadbeef")  # hex, but too regular (3.0 bits: no digit)
    assert looks_random("Zm9vYmFyYmF6cXV4MTIzNDU2")
    assert not looks_random("aaaaaaaaaaaaaaaaaaaaaaaa1")
    assert placeholder("<token>") and placeholder("****") and not placeholder("Zm9vYmFyYmF6cXV4MTIzNDU2")


def test_redact_at_keeps_the_column() -> None:
    line = f'x = "{SK}" + y'
    assert redact_at(line, 1) == ("", f'x = "{MASKS[0]}" + y')
    assert redact_at(line, 7) == ('x = "', f'{MASKS[0]}" + y')  # inside the key: the mask starts the second part
    before, after = redact_at(line, line.index("+") + 1)
    assert (before, after) == (f'x = "{MASKS[0]}" ', "+ y")


HEX = "9f86d081" + "884c7d659a2feaa0c55ad015a3bf4f1b"


@pytest.mark.parametrize(("source", "found"), [
    (f'let token = "{GHP}"\n', [(1, 13, "GitHub token")]),
    (f'let k = "{SK}"\n', [(1, 9, "API key")]),
    (f'notify(to: "ops", aws: "{AKIA}")\n', [(1, 24, "AWS access key id")]),
    (f'let api_key = "{HEX}"\n', [(1, 15, "credential")]),  # random hex given to a credential name
    (f'self.clientSecret = "{HEX}"\n', [(1, 21, "credential")]),
    (f'let c = {{"password": "{HEX}"}}\n', [(1, 22, "credential")]),
    (f'connect(url, token="{HEX}")\n', [(1, 20, "credential")]),
    (f'api_key: "{HEX}"\n', [(1, 10, "credential")]),
    ('let db = "postgres://bot:hunter2pass@db.example.com/x"\n', [(1, 10, "password in a URL")]),
    ('let pem = """-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----"""\n', [(1, 11, "private key")]),
    # not credentials
    ('let api_key = "<your-key>"\nlet token = "${GITHUB_TOKEN}"\nlet secret = "{{secret}}"\n', []),
    ('let password = "xxxxxxxxxxxxxxxxxxxxxxxx"\nlet aws = "AKIAIOSFODNN7EXAMPLE"\n', []),
    (f'let checksum = "{HEX}"\n', []),  # random, but not a credential's name
    ('let password = "correcthorsebatterystaple"\n', []),  # a passphrase of words: not random-looking
    (f'# token = "{GHP}" in a comment\nlog "ok"\n', []),  # comments are not judged (only masked)
    ('log "set token in the settings"\nlet tokens = 3\n', []),
])
def test_the_rule_judges_literals(source, found) -> None:
    result = check_bytes(source.encode(), "flow.aether")
    secrets = [(d.line, d.col, d.message.split(" (")[0].removeprefix("hard-coded ")) for d in result.diagnostics
               if d.rule == "AE2801"]
    assert secrets == found
    assert _leaks(" ".join(d.message + d.source for d in result.diagnostics)) == []
