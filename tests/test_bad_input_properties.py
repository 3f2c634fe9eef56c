"""Arbitrary input never ends in a traceback: every command's option parser, every JSON reader
(gate baselines, classify artifacts for suppress, gate and report, history trends, gate results
for report), the pyproject reader
and the suppressions reader, driven by hypothesis. Exit status is 0, 1 or 2, nothing else."""

from __future__ import annotations

import io
import json
import math
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aetherlint.cli import cli
from aetherlint.reports.suppressions import parse

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Values that cannot name anything outside the test's folder (no separators, no "..").
TEXT = st.text(st.characters(blacklist_characters="/\\", blacklist_categories=("Cs",)), max_size=12).filter(
    lambda t: t not in ("..", "...")
)
VALUES = st.one_of(
    st.sampled_from(["-", "", "0", "-1", "1", "3", "nan", "inf", "-inf", "1e309", "0.5", "9" * 40, "a,b",
                     "PARSE_ERROR", "PARSE_ERROR,nope", "2027-01-31", "20270131", "2027-W05-1", "x.json", "."]),
    TEXT,
)
# Never fuzzed: --run-cmd would run arbitrary text as a command.
UNSAFE = {"--run-cmd"}


def _argv(command: str) -> st.SearchStrategy[list[str]]:
    options: list[tuple[str, bool]] = []
    for param in cli.commands[command].params:
        if isinstance(param, click.Option) and not set(param.opts) & UNSAFE:
            options += [(name, param.is_flag) for name in param.opts if name not in ("-h", "--help")]
    options.append(("--version", True))
    option = st.sampled_from(options).flatmap(
        lambda o: st.just([o[0]]) if o[1] else VALUES.map(lambda v, name=o[0]: [name, v]))
    word = st.one_of(option, VALUES.map(lambda v: [v]), st.just(["--no-such-option"]))
    return st.lists(word, max_size=5).map(lambda words: [command] + [w for ws in words for w in ws])


def _assert_clean(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    from aetherlint.cli import main

    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(b'log "from stdin"\n'))  # for `check -`
    try:
        code = main(argv)
    finally:
        sys.stdin = saved
    _, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "Logging error" not in err, (argv, err)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "a.aether").write_text("goal: tidy up priority: high\nx = frob(1)\n")
    (tmp_path / "base.json").write_text(json.dumps({"by_code": {"PARSE_ERROR": 1}, "files": []}))
    (tmp_path / "classified.json").write_text(json.dumps({"workflows": [], "summary": {
        "total": 0, "failed": 0, "failure_rate": 0.0, "suppressed_failures": 0, "timestamp": "2026-01-01T00:00:00Z",
        "categories": {}, "top_unknown_functions": []}}))
    return tmp_path


@pytest.mark.parametrize(("command", "examples"), [
    ("check", 40), ("explain", 40), ("gate", 60), ("suppress", 60), ("migrate", 40), ("clean", 20),
    ("classify", 12), ("baseline", 12), ("report", 30),
])
def test_option_parsers(project, capsys, command, examples) -> None:
    @settings(SETTINGS, max_examples=examples)
    @given(argv=_argv(command))
    def drive(argv: list[str]) -> None:
        _assert_clean(capsys, argv)

    drive()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
RECORD_KEYS = ["path", "code", "code_name", "message", "fingerprint", "suppressed", "line", "col", "category", "rule",
               "diagnostics"]
RECORD = st.dictionaries(st.sampled_from(RECORD_KEYS), JSON | st.sampled_from(["0123456789abcdef", 20, "P"]))
DOCUMENTS = st.one_of(
    JSON,
    st.fixed_dictionaries({"by_code": JSON | st.dictionaries(st.sampled_from(["PARSE_ERROR", "X"]), JSON),
                           "files": JSON | st.lists(RECORD, max_size=3)}),
    st.fixed_dictionaries({"workflows": st.lists(RECORD, max_size=3), "summary": JSON}),
)


def _dump(document: Any, raw: str | None) -> str:
    return raw if raw is not None else json.dumps(document, allow_nan=True)


@settings(SETTINGS, max_examples=120)
@given(document=DOCUMENTS, raw=st.none() | st.text(max_size=30) | st.sampled_from(["[" * 50_000, "1" * 5000]))
def test_json_readers(project, capsys, document, raw) -> None:
    path = project / "input.json"
    path.write_text(_dump(document, raw), encoding="utf-8", errors="surrogatepass")
    base = str(project / "base.json")
    for argv in (["gate", "--new", str(path), "--ref", base, "--sign-off", "s.md", "--results", "r.json"],
                 ["gate", "--new", base, "--ref", str(path)],
                 ["gate", "--new", base, "--ref", base, "--classification", str(path)],
                 ["suppress", "--from", str(path)],
                 ["report", "--classification", str(path), "-o", "r.html"],
                 ["report", "--classification", str(project / "classified.json"), "--gate-results", str(path)]):
        _assert_clean(capsys, argv)


@settings(SETTINGS, max_examples=8)
@given(document=DOCUMENTS, raw=st.none() | st.text(max_size=30))
def test_history_trends_reader(project, capsys, document, raw) -> None:
    history = project / "hist"
    history.mkdir(exist_ok=True)
    (history / "trends.json").write_text(_dump(document, raw), encoding="utf-8", errors="surrogatepass")
    _assert_clean(capsys, ["classify", str(project / "flows"), "--history-dir", str(history), "--no-cache"])
    _assert_clean(capsys, ["report", "--classification", str(project / "classified.json"), "--history-dir", str(history)])


TOML_VALUE = st.one_of(
    st.integers(), st.booleans(), st.floats(), st.text(max_size=10),
    st.lists(st.text(max_size=6) | st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=2),
)
KEYS = st.sampled_from(["extend-builtins", "exclude", "suppressions", "renames", "history-keep", "colour"])


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "nan" if value != value else "inf" if value > 0 else "-inf"
    if isinstance(value, (int, str)):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


@settings(SETTINGS, max_examples=80)
@given(section=st.dictionaries(KEYS, TOML_VALUE, max_size=4), raw=st.none() | st.text(max_size=40))
def test_pyproject_reader(tmp_path, capsys, section, raw) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # a new path each time: configs are cached by path
    lines = "".join(f"{key} = {_toml(value)}\n" for key, value in section.items())
    text = raw if raw is not None else "[tool.aetherlint]\n" + lines
    (folder / "pyproject.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    (folder / "a.aether").write_text("goal: tidy up priority: high\n")
    _assert_clean(capsys, ["check", "--no-cache", str(folder / "a.aether")])
    _assert_clean(capsys, ["migrate", "--check", str(folder)])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_suppressions_reader(text) -> None:
    result = parse(text)
    for problem in result.problems:
        name, number, reason = problem.split(":", 2)
        assert name == "suppressions.txt" and number.isdigit()
        assert reason.isprintable()  # never the line itself, whatever it holds
    assert all(len(e.fingerprint) == 16 for e in result.entries)


@settings(SETTINGS, max_examples=6)
@given(text=st.text(max_size=80))
def test_suppressions_file_through_classify(project, capsys, text) -> None:
    (project / "flows" / "suppressions.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    _assert_clean(capsys, ["classify", str(project / "flows"), "--no-history", "--no-cache"])
    os.remove(project / "flows" / "suppressions.txt")
