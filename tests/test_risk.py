"""Risk findings on the AST: each kind where a call performs the action, and none where the same
text is only in a string, a comment, a descriptive field, a read-only `open` or a function the
file defines itself. Then the `risk` command, its score and threshold, and classify's records."""

from __future__ import annotations

import json

import pytest

from aetherlint.check import check_bytes
from conftest import write

RISK = {"dynamic-eval", "network-call", "shell-exec", "file-write"}


def kinds(source: str) -> list[tuple[str, int, int]]:
    from aetherlint.rules import RULES

    result = check_bytes(source.encode(), "flow.aether")
    assert result.phase == "validate", result.diagnostics  # it parsed: the risk rules ran
    return [(RULES[d.rule].name, d.line, d.col) for d in result.diagnostics if RULES[d.rule].name in RISK]


@pytest.mark.parametrize(("source", "expected"), [
    # dynamic-eval
    ("r = eval(formula)\n", [("dynamic-eval", 1, 5)]),
    ('let f = new Function("a", "return a")\n', [("dynamic-eval", 1, 9)]),
    ("exec(code)\n", [("dynamic-eval", 1, 1)]),
    ("m = importlib.import_module(name)\n", [("dynamic-eval", 1, 5)]),
    ("fn run(c) {\n    return vm.runInNewContext(c)\n}\n", [("dynamic-eval", 2, 12)]),
    # network-call
    ('let prices = http.get("https://prices.example.com/today")\n', [("network-call", 1, 14)]),
    ("r = requests.post(url, payload)\n", [("network-call", 1, 5)]),
    ("data = fetch(url)\n", [("network-call", 1, 8)]),
    ('resp = client.post("https://hooks.example.com/x", body)\n', [("network-call", 1, 8)]),
    ("page = urllib.request.urlopen(u)\n", [("network-call", 1, 8)]),
    ("let ws = new WebSocket(url)\n", [("network-call", 1, 10)]),
    ('download "https://example.com/report.pdf"\n', [("network-call", 1, 1)]),
    # shell-exec
    ('os.system("rm -rf " + folder)\n', [("shell-exec", 1, 1)]),
    ('out = subprocess.run(["ls", "-la"])\n', [("shell-exec", 1, 7)]),
    ('child_process.exec("make")\n', [("shell-exec", 1, 1)]),
    ('call system/shell.run("deploy.sh")\n', [("shell-exec", 1, 1)]),
    ('shell "ls -la"\n', [("shell-exec", 1, 1)]),
    ('x = os.popen("date")\n', [("shell-exec", 1, 5)]),
    # file-write
    ('f = open("out.txt", "w")\n', [("file-write", 1, 5)]),
    ('f = open("log.txt", mode="a")\n', [("file-write", 1, 5)]),
    ('fs.writeFileSync("report.txt", summary)\n', [("file-write", 1, 1)]),
    ('Path(p).write_text(s)\n', [("file-write", 1, 1)]),
    ("shutil.rmtree(folder)\n", [("file-write", 1, 1)]),
    ("os.remove(path)\n", [("file-write", 1, 1)]),
    # several, in source order, inside functions and handlers
    ('when deploy:\n    os.system("make")\n    http.post(hook, "done")\n', [("shell-exec", 2, 5), ("network-call", 3, 5)]),
])
def test_each_kind_is_found(source, expected) -> None:
    assert kinds(source) == expected


@pytest.mark.parametrize("source", [
    # text in strings: a URL, an `eval(`, a shell line, a write mode, in logs and values
    'log "fetch it from https://prices.example.com with http.get(url)"\n',
    'think "maybe eval(x) or os.system(cmd) would do"\n',
    'note = "open(\'out.txt\', \'w\') and fs.writeFile"\n',
    'let cmd = "rm -rf /tmp/cache"\n',
    # an interpolation is text too (documented: strings are never judged)
    'log "result: {fetch(url)}"\n',
    # comments
    '# http.get("https://x") and eval(code)\nlog "ok"\n',
    'x = 1  // os.system("ls")\n',
    # descriptive fields, whatever their value
    'description: "Runs os.system and http.get against https://api.example.com"\n',
    'goal: download the report with curl priority: high\n',
    'plugin fetcher {\n    description: "fetch(url) every hour"\n    summary: "eval free"\n}\n',
    # calls that do not perform the action
    'f = open("in.txt")\n',
    'f = open("in.txt", "r")\n',
    'x = get(key)\n',
    'x = cache.get(url)\n',
    'memory.write("note")\n',
    'x = model.eval()\n',
    'p = os.path.join(a, b)\n',
    'log "saved"\nsave_report(x)\n',
    # the file's own functions of those names
    'fn fetch(x) {\n    return x\n}\ny = fetch("https://a.example")\n',
    'define shell(cmd)\n    log cmd\nend\nshell "ls"\n',
])
def test_no_finding_for_text_or_harmless_calls(source) -> None:
    assert kinds(source) == []


def test_a_url_verb_needs_a_url() -> None:
    assert kinds('x = get("https://example.com/x")\n') == [("network-call", 1, 5)]
    assert kinds('x = get("local-key")\n') == []


def test_risk_findings_are_off_unless_selected(run, tmp_path) -> None:
    write(tmp_path, "a.aether", 'os.system("ls")\n')
    assert run("check", "a.aether") == (0, "Checked 1 file: all passed.\n", "")
    code, out, _ = run("check", "a.aether", "--extend-select", "AE28", "--output-format", "concise")
    assert code == 0  # info never fails a file
    assert out.splitlines()[0] == 'a.aether:1:1: AE2804 shell-exec (info): shell command: os.system("ls")'
    assert "Off unless selected" in run("explain", "shell-exec")[1]


def test_the_risk_command_table_json_and_threshold(run, tmp_path) -> None:
    write(tmp_path, "flows/a.aether", 'os.system("ls")\nr = eval(x)\nlet p = http.get(u)\n')
    write(tmp_path, "flows/b.aether", 'log "see https://example.com"\n')
    write(tmp_path, "flows/c.aether", "let x = )\n")
    code, out, _ = run("risk", "flows")
    assert code == 0
    assert out.splitlines()[:5] == [
        "| file           | score        |   dynamic-eval |   network-call |   shell-exec |   file-write |",
        "|----------------|--------------|----------------|----------------|--------------|--------------|",
        "| flows/a.aether | 11           |              1 |              1 |            1 |            0 |",
        "| flows/b.aether | 0            |              0 |              0 |            0 |            0 |",
        "| flows/c.aether | not analysed |              0 |              0 |            0 |            0 |",
    ]
    assert '| flows/a.aether | 2:5        | dynamic-eval |        5 | eval(x)         |' in out
    assert out.splitlines()[-1] == "Risk: 3 files, 3 findings, highest score 11, 1 not analysed."
    code, out, err = run("risk", "flows", "--format", "json", "--fail-above", "10")
    doc = json.loads(out)
    assert code == 1 and doc["summary"]["failing"] == ["flows/a.aether", "flows/c.aether"]
    assert [f["risk_score"] for f in doc["files"]] == [11, 0, None]
    assert doc["files"][0]["risk"][0] == {"rule": "AE2804", "kind": "shell-exec", "weight": 4, "line": 1, "col": 1,
                                          "end_line": 1, "end_col": 16, "snippet": 'os.system("ls")'}
    assert err == "Risk: 3 files, 3 findings, highest score 11, 1 not analysed; 2 above 10 or not analysed.\n"
    assert run("risk", "flows/a.aether", "--fail-above", "11")[0] == 0


def test_classify_records_carry_the_risk(run, tmp_path) -> None:
    write(tmp_path, "flows/a.aether", 'fs.writeFile(p, d)\nshell "make"\n')
    write(tmp_path, "flows/b.aether", "let x = )\n")
    run("classify", "flows", "--no-history")
    records = json.loads((tmp_path / "workflow_failures.json").read_text())["workflows"]
    assert [(r["path"], r["risk_score"], [x["kind"] for x in r["risk"]]) for r in records] == [
        ("a.aether", 6, ["file-write", "shell-exec"]), ("b.aether", None, [])]
    assert records[0]["diagnostics"] == []  # not selected: not findings of the file
