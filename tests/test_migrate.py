"""`aetherlint migrate`: each transform on its own (library API), byte preservation through the CLI,
the three modes, reports, --select/--unsafe, and the pre-commit hook definition."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from aetherlint.migration import TRANSFORMS, MigrationError, migrate_text
from conftest import ROOT, write

BOM = b"\xef\xbb\xbf"
ALL_IDS = {
    "intent-to-goal",
    "quote-goal-text",
    "blank-lines",
    "trailing-whitespace",
    "rename-functions",
    "remember-to-memory",
}
RENAMES = {"analyze_plugins": "available_plugins"}


def only(transform: str, text: str, **kwargs) -> str:
    """The text after migrating with a single transform."""
    return migrate_text(text, select=[transform], **kwargs).text


def assert_untouched(text: str, **kwargs) -> None:
    result = migrate_text(text, **kwargs)
    assert result.text == text
    assert result.edits == ()
    assert not any(result.counts.values()), result.counts


# ---- the transform table -----------------------------------------------------------------------


def test_transform_table() -> None:
    assert set(TRANSFORMS) == ALL_IDS
    for tid, transform in TRANSFORMS.items():
        assert transform.id == tid
        assert isinstance(transform.description, str) and transform.description.strip()
    assert TRANSFORMS["remember-to-memory"].safe is False
    for tid in ALL_IDS - {"remember-to-memory"}:
        assert TRANSFORMS[tid].safe is True, tid


def test_unparseable_text_raises_parse_error() -> None:
    with pytest.raises(MigrationError) as info:
        migrate_text("goal: free text priority: high\nx = (\n")
    assert info.value.kind == "parse"
    assert isinstance(info.value.message, str) and info.value.message


def test_clean_text_has_no_edits() -> None:
    assert_untouched('goal: "tidy the bench" priority: high\nagent: on\n\n\nprint("done")\n', renames=RENAMES)


# ---- intent-to-goal ----------------------------------------------------------------------------


def test_intent_to_goal() -> None:
    text = "intent: tidy_the_bench\nagent: on\n"
    result = migrate_text(text, select=["intent-to-goal"])
    assert result.text == "goal: tidy_the_bench\nagent: on\n"
    assert result.counts["intent-to-goal"] == 1
    assert all(e.transform == "intent-to-goal" for e in result.edits)


def test_intent_to_goal_keeps_quoted_text_and_clauses() -> None:
    text = 'intent: "label every drawer" priority: high\n'
    assert only("intent-to-goal", text) == 'goal: "label every drawer" priority: high\n'


def test_intent_to_goal_nested_statement() -> None:
    text = 'when door_squeaks:\n    intent: oil_hinges\n    remember("squeak heard") as "hinges"\nend\n'
    expected = 'when door_squeaks:\n    goal: oil_hinges\n    remember("squeak heard") as "hinges"\nend\n'
    result = migrate_text(text, select=["intent-to-goal"])
    assert result.text == expected
    assert result.counts["intent-to-goal"] == 1


def test_intent_to_goal_counts_every_statement() -> None:
    text = "intent: first_thing\nagent: on\nintent: second_thing\n"
    result = migrate_text(text, select=["intent-to-goal"])
    assert result.text == "goal: first_thing\nagent: on\ngoal: second_thing\n"
    assert result.counts["intent-to-goal"] == 2


def test_intent_then_goal_text_quoted_in_one_run() -> None:
    # Idempotence requires the two transforms to compose in a single run.
    result = migrate_text("intent: tidy the bench priority: high\n")
    assert result.text == 'goal: "tidy the bench" priority: high\n'
    assert result.counts["intent-to-goal"] == 1
    assert result.counts["quote-goal-text"] == 1


@pytest.mark.parametrize(
    "text",
    [
        'print("intent: hi")\n',
        'think about "intent: tidy the bench"\n',
        "# intent: a comment, not a statement\n",
        "x = 1  // intent: a trailing comment\n",
        "x = {intent: 1}\n",
        'store({intent: 1}, "k")\n',
        "config: {\n    intent: quiet,\n    level: 2\n}\n",
        'x = """\nintent: inside a string\n"""\n',
        "notes: |\n  intent: inside a block scalar\n|\n",
        "intent_level: 3\n",
        "my_intent: do_it\n",
        "x = intent\n",
    ],
    ids=[
        "string",
        "command-string",
        "comment",
        "trailing-comment",
        "dict-key",
        "dict-key-in-call",
        "dict-key-multiline",
        "triple-quoted",
        "block-scalar",
        "longer-key",
        "suffix-key",
        "variable",
    ],
)
def test_intent_not_heading_a_statement_is_untouched(text: str) -> None:
    assert_untouched(text)


# ---- quote-goal-text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("goal: free text priority: high\n", 'goal: "free text" priority: high\n'),
        (
            "goal: free text priority: critical metrics: fill=80%,spill=2\n",
            'goal: "free text" priority: critical metrics: fill=80%,spill=2\n',
        ),
        ("goal: keep bins level metrics: fill=80%,spill=2\n", 'goal: "keep bins level" metrics: fill=80%,spill=2\n'),
        ("goal: free text\n", 'goal: "free text"\n'),
        (
            "goal: oil the hinges when load < 40% from the sensor feed priority: urgent\n",
            'goal: "oil the hinges when load < 40% from the sensor feed" priority: urgent\n',
        ),
        (
            'when door_squeaks:\n    goal: oil the hinges priority: high\n    remember("squeak heard") as "hinges"\nend\n',
            'when door_squeaks:\n    goal: "oil the hinges" priority: high\n    remember("squeak heard") as "hinges"\nend\n',
        ),
        ("agent: on\ngoal: free text priority: high", 'agent: on\ngoal: "free text" priority: high'),
    ],
    ids=["priority", "priority-and-metrics", "metrics", "no-clause", "operators", "nested-indent", "no-final-newline"],
)
def test_quote_goal_text(text: str, expected: str) -> None:
    result = migrate_text(text, select=["quote-goal-text"])
    assert result.text == expected
    assert result.counts["quote-goal-text"] == 1
    assert all(e.transform == "quote-goal-text" for e in result.edits)


def test_quote_goal_text_keeps_a_trailing_comment_outside_the_quotes() -> None:
    assert only("quote-goal-text", "goal: free text priority: high  # note\n") == (
        'goal: "free text" priority: high  # note\n'
    )


def test_quote_goal_text_counts_every_goal() -> None:
    text = "goal: first thing priority: high\nagent: on\ngoal: second thing\n"
    result = migrate_text(text, select=["quote-goal-text"])
    assert result.text == 'goal: "first thing" priority: high\nagent: on\ngoal: "second thing"\n'
    assert result.counts["quote-goal-text"] == 2


@pytest.mark.parametrize(
    "text",
    [
        "goal: sort_bins\n",
        "goal: sort_bins priority: high\n",
        'goal: "already"\n',
        'goal: "label every drawer" priority: high\n',
        'goal: fix "x" now priority: high\n',
        'x = """\nfirst line\ngoal: free text priority: high\n"""\n',
        'page = f"""\n# {title}\n\ngoal: free text\n"""\n',
        "x = {goal: a + b}\n",
        "config: {\n    goal: fast,\n    level: 2\n}\n",
        "notes: |\n  goal: free text priority: high\n|\n",
        "# goal: free text priority: high\n",
        'print("goal: free text priority: high")\n',
        "my_goal: free text priority: high\n",
        "goal: priority: high\n",
    ],
    ids=[
        "identifier",
        "identifier-with-clause",
        "quoted",
        "quoted-with-clause",
        "contains-double-quote",
        "triple-quoted",
        "triple-quoted-fstring",
        "dict-key",
        "dict-key-multiline",
        "block-scalar",
        "comment",
        "string",
        "other-key",
        "no-text-only-a-clause",
    ],
)
def test_goal_left_alone(text: str) -> None:
    assert_untouched(text)


# ---- blank-lines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1\n\n\n\n\nb = 2\n", "a = 1\n\n\nb = 2\n"),
        ("a = 1\n\n\n\nb = 2\n\n\n\n\n\nc = 3\n", "a = 1\n\n\nb = 2\n\n\nc = 3\n"),
        ("a = 1\r\n\r\n\r\n\r\n\r\nb = 2\r\n", "a = 1\r\n\r\n\r\nb = 2\r\n"),
        (
            'when x:\n    think about "a"\n\n\n\n\n    think about "b"\nend\n',
            'when x:\n    think about "a"\n\n\n    think about "b"\nend\n',
        ),
    ],
    ids=["lf", "two-runs", "crlf", "nested"],
)
def test_blank_lines(text: str, expected: str) -> None:
    result = migrate_text(text, select=["blank-lines"])
    assert result.text == expected
    assert result.counts["blank-lines"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\n\n\nb = 2\n",
        'x = """\nfirst\n\n\n\n\nlast\n"""\n',
        "notes: |\n  first\n\n\n\n\n  last\n|\n",
    ],
    ids=["two-blank-lines", "triple-quoted", "block-scalar"],
)
def test_blank_lines_left_alone(text: str) -> None:
    assert_untouched(text)


def test_blank_lines_around_a_multiline_string() -> None:
    text = 'a = 1\n\n\n\n\nx = """\nfirst\n\n\n\n\nlast\n"""\n\n\n\n\nb = 2\n'
    expected = 'a = 1\n\n\nx = """\nfirst\n\n\n\n\nlast\n"""\n\n\nb = 2\n'
    assert only("blank-lines", text) == expected


# ---- trailing-whitespace -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a = 1   \nb = 2\t\n# note \t\nprint("x")\n', 'a = 1\nb = 2\n# note\nprint("x")\n'),
        ("a = 1  \r\nb = 2\t\r\n", "a = 1\r\nb = 2\r\n"),
        ("a = 1\n   \nb = 2\n", "a = 1\n\nb = 2\n"),
        ("a = 1\nb = 2  ", "a = 1\nb = 2"),
        (
            "a = 1  \nnotes: |\n  - drawers  \n  - crates\t\n|\nb = 2  \n",
            "a = 1\nnotes: |\n  - drawers  \n  - crates\t\n|\nb = 2\n",
        ),
        (
            'a = 1  \nx = """   \nkeep   \n\tline\t\n"""  \nb = 2\t\n',
            'a = 1\nx = """   \nkeep   \n\tline\t\n"""\nb = 2\n',
        ),
    ],
    ids=["lf", "crlf", "whitespace-only-line", "no-final-newline", "around-block-scalar", "around-triple-quoted"],
)
def test_trailing_whitespace(text: str, expected: str) -> None:
    result = migrate_text(text, select=["trailing-whitespace"])
    assert result.text == expected
    assert result.counts["trailing-whitespace"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "notes: |\n  - drawers 4 and 7: stiff  \n  - crates\t\n|\n",
        'x = """\nkeep   \n\tline\t\n"""\n',
    ],
    ids=["block-scalar", "triple-quoted"],
)
def test_trailing_whitespace_left_alone(text: str) -> None:
    assert_untouched(text)


# ---- rename-functions --------------------------------------------------------------------------


def test_rename_bare_call_sites_only() -> None:
    text = (
        "x = analyze_plugins()\n"
        "analyze_plugins()\n"
        "for p in analyze_plugins():\n"
        "    print(p)\n"
        "end\n"
        "y = obj.analyze_plugins()\n"
        'log "analyze_plugins() is gone"\n'
        "# analyze_plugins() in a comment\n"
        "z = analyze_plugins\n"
    )
    expected = (
        "x = available_plugins()\n"
        "available_plugins()\n"
        "for p in available_plugins():\n"
        "    print(p)\n"
        "end\n"
        "y = obj.analyze_plugins()\n"
        'log "analyze_plugins() is gone"\n'
        "# analyze_plugins() in a comment\n"
        "z = analyze_plugins\n"
    )
    result = migrate_text(text, select=["rename-functions"], renames=RENAMES)
    assert result.text == expected
    assert result.counts["rename-functions"] == 3
    assert all(e.transform == "rename-functions" for e in result.edits)


@pytest.mark.parametrize(
    "text",
    [
        "fn analyze_plugins() { return 1 }\n",
        "function analyze_plugins(a):\n    return a\n",
        "define analyze_plugins(a)\n    x = a\nend\n",
        "y = obj.analyze_plugins()\n",
        'print("analyze_plugins()")\n',
        "x = 1  # analyze_plugins()\n",
        "analyze_plugins_v2()\n",
        "x = my_analyze_plugins()\n",
    ],
    ids=["fn", "function", "define", "method", "string", "comment", "longer-name", "suffix-name"],
)
def test_rename_left_alone(text: str) -> None:
    assert_untouched(text, renames=RENAMES)


def test_no_renames_configured_means_no_renames() -> None:
    assert_untouched("x = analyze_plugins()\n")


# ---- remember-to-memory (unsafe) ---------------------------------------------------------------


REMEMBER_BLOCK = 'remember:\n    a: 1\n    b: "two"\nremember("x") as "y"\nremember bench_state as "bench_state"\n'


def test_remember_to_memory_needs_unsafe() -> None:
    assert_untouched(REMEMBER_BLOCK)


def test_remember_to_memory_with_unsafe() -> None:
    result = migrate_text(REMEMBER_BLOCK, unsafe=True)
    assert result.text == 'memory:\n    a: 1\n    b: "two"\nremember("x") as "y"\nremember bench_state as "bench_state"\n'
    assert result.counts["remember-to-memory"] == 1
    assert [e.transform for e in result.edits] == ["remember-to-memory"]


# ---- edits -------------------------------------------------------------------------------------


def test_edits_are_character_offsets_that_rebuild_the_text() -> None:
    text = 'think about "café ✓ 😀"\r\nintent: tidy the bench priority: high  \r\n\r\n\r\n\r\n\r\nx = analyze_plugins()'
    result = migrate_text(text, renames=RENAMES)
    assert result.text == (
        'think about "café ✓ 😀"\r\ngoal: "tidy the bench" priority: high\r\n\r\n\r\nx = available_plugins()'
    )
    rebuilt, pos = [], 0
    for edit in result.edits:
        assert pos <= edit.start <= edit.end <= len(text)
        rebuilt += [text[pos : edit.start], edit.replacement]
        pos = edit.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == result.text


# ---- the CLI: byte preservation ----------------------------------------------------------------


def migrate(run, *args: str) -> tuple[int, str, str]:
    return run("migrate", *args)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'goal: free text priority: high\r\nagent: on\r\nx = 1  \r\nprint("done")\r\n',
            b'goal: "free text" priority: high\r\nagent: on\r\nx = 1\r\nprint("done")\r\n',
        ),
        (
            b'goal: free text priority: high\r\nx = 1  \nprint("a")\r\ny = 2\n',
            b'goal: "free text" priority: high\r\nx = 1\nprint("a")\r\ny = 2\n',
        ),
        (
            BOM + b"# with a byte order mark\ngoal: free text priority: high\n",
            BOM + b'# with a byte order mark\ngoal: "free text" priority: high\n',
        ),
        (
            b"agent: on\ngoal: free text priority: high",
            b'agent: on\ngoal: "free text" priority: high',
        ),
        (
            BOM + 'think about "café ✓ 😀"\r\ngoal: free text\r\nx = 1  '.encode(),
            BOM + 'think about "café ✓ 😀"\r\ngoal: "free text"\r\nx = 1'.encode(),
        ),
    ],
    ids=["crlf", "mixed-endings", "bom", "no-final-newline", "bom-crlf-non-ascii-no-final-newline"],
)
def test_apply_preserves_every_other_byte(run, tmp_path: Path, data: bytes, expected: bytes) -> None:
    path = write(tmp_path, "proj/a.aether", data)
    code, out, err = migrate(run, "--apply", str(path))
    assert path.read_bytes() == expected, out + err
    assert code == 0, out + err


def test_invalid_utf8_is_skipped_with_io_error(run, tmp_path: Path) -> None:
    data = b"goal: caf\xe9 time priority: high\nx = 1   \n"
    path = write(tmp_path, "proj/latin1.aether", data)
    code, out, err = migrate(run, "--apply", str(path))
    assert "IO_ERROR" in out + err
    assert "latin1.aether" in out + err
    assert path.read_bytes() == data


def test_unparseable_file_is_untouched_and_reported(run, tmp_path: Path) -> None:
    bad_data = b"goal: free text priority: high\nx = (\n"
    bad = write(tmp_path, "proj/bad.aether", bad_data)
    good = write(tmp_path, "proj/good.aether", "goal: free text priority: high\n")
    code, out, err = migrate(run, "--apply", str(bad), str(good))
    assert bad.read_bytes() == bad_data
    assert "bad.aether" in out + err
    assert "parse" in (out + err).lower()
    assert good.read_bytes() == b'goal: "free text" priority: high\n'  # one bad file stops nothing


def test_apply_leaves_no_temporary_files(run, tmp_path: Path) -> None:
    path = write(tmp_path, "proj/a.aether", "goal: free text priority: high\n")
    code, out, err = migrate(run, "--apply", str(path))
    assert code == 0, out + err
    assert sorted(p.name for p in (tmp_path / "proj").iterdir()) == ["a.aether"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_apply_keeps_the_file_mode(run, tmp_path: Path) -> None:
    path = write(tmp_path, "proj/a.aether", "goal: free text priority: high\n")
    path.chmod(0o640)
    code, out, err = migrate(run, "--apply", str(path))
    assert code == 0, out + err
    assert path.read_bytes() == b'goal: "free text" priority: high\n'
    assert path.stat().st_mode & 0o7777 == 0o640


# ---- the CLI: modes ----------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_dry_run_prints_a_unified_diff_and_writes_nothing(run, tmp_path: Path) -> None:
    path = write(tmp_path, "proj/a.aether", "agent: on\ngoal: free text priority: high\n")
    before = _snapshot(tmp_path / "proj")
    code, out, err = migrate(run, "--dry-run", str(path))
    assert _snapshot(tmp_path / "proj") == before
    lines = out.splitlines()
    assert any(line.startswith("---") and "a.aether" in line for line in lines), out
    assert any(line.startswith("+++") and "a.aether" in line for line in lines), out
    assert any(line.startswith("@@") for line in lines), out
    assert "-goal: free text priority: high" in lines, out
    assert '+goal: "free text" priority: high' in lines, out
    assert code in (0, 1), err


def test_check_exits_1_and_names_files_that_would_change(run, tmp_path: Path) -> None:
    pending = write(tmp_path, "proj/pending.aether", "goal: free text priority: high\n")
    clean = write(tmp_path, "proj/clean.aether", 'goal: "free text" priority: high\n')
    before = _snapshot(tmp_path / "proj")
    code, out, err = migrate(run, "--check", str(pending), str(clean))
    assert code == 1, out + err
    assert "pending.aether" in out
    assert "clean.aether" not in out
    assert _snapshot(tmp_path / "proj") == before


def test_check_exits_0_when_nothing_would_change(run, tmp_path: Path) -> None:
    clean = write(tmp_path, "proj/clean.aether", 'goal: "free text" priority: high\n')
    code, out, err = migrate(run, "--check", str(clean))
    assert code == 0, out + err


def test_apply_then_check_is_clean(run, tmp_path: Path) -> None:
    data = (
        "intent: tidy the bench priority: high   \n"
        "\n\n\n\n"
        "when door_squeaks:\n"
        "    goal: oil the hinges priority: high\t\n"
        "end\n"
        "x = analyze_plugins()\n"
    )
    write(tmp_path, "proj/pyproject.toml", '[tool.aetherlint.renames]\nanalyze_plugins = "available_plugins"\n')
    path = write(tmp_path, "proj/a.aether", data)
    code, out, err = migrate(run, "--apply", str(path))
    assert code == 0, out + err
    once = path.read_bytes()
    assert once == (
        b'goal: "tidy the bench" priority: high\n'
        b"\n\n"
        b"when door_squeaks:\n"
        b'    goal: "oil the hinges" priority: high\n'
        b"end\n"
        b"x = available_plugins()\n"
    )
    code, out, err = migrate(run, "--check", str(path))
    assert code == 0, out + err
    code, out, err = migrate(run, "--apply", str(path))
    assert path.read_bytes() == once


def test_renames_come_from_pyproject(run, tmp_path: Path) -> None:
    write(tmp_path, "proj/pyproject.toml", '[tool.aetherlint.renames]\nanalyze_plugins = "available_plugins"\n')
    path = write(tmp_path, "proj/a.aether", "x = analyze_plugins()\ny = obj.analyze_plugins()\n")
    code, out, err = migrate(run, "--apply", str(path))
    assert code == 0, out + err
    assert path.read_bytes() == b"x = available_plugins()\ny = obj.analyze_plugins()\n"


def test_directory_is_searched_for_aether_files(run, tmp_path: Path) -> None:
    a = write(tmp_path, "proj/sub/a.aether", "goal: free text\n")
    notes = write(tmp_path, "proj/notes.txt", "goal: free text\n")
    code, out, err = migrate(run, "--apply", str(tmp_path / "proj"))
    assert code == 0, out + err
    assert a.read_bytes() == b'goal: "free text"\n'
    assert notes.read_bytes() == b"goal: free text\n"


def test_modes_are_exclusive(run, tmp_path: Path) -> None:
    path = write(tmp_path, "proj/a.aether", "goal: free text\n")
    code, out, err = migrate(run, "--dry-run", "--apply", str(path))
    assert code == 2, out + err
    assert path.read_bytes() == b"goal: free text\n"


# ---- --select and --unsafe ---------------------------------------------------------------------


def test_select_applies_only_that_transform(run, tmp_path: Path) -> None:
    path = write(tmp_path, "proj/a.aether", "intent: tidy_bench  \ngoal: free text priority: high\t\n\n\n\n\nx = 1 \n")
    code, out, err = migrate(run, "--apply", "--select", "trailing-whitespace", str(path))
    assert code == 0, out + err
    assert path.read_bytes() == b"intent: tidy_bench\ngoal: free text priority: high\n\n\n\n\nx = 1\n"


def test_select_takes_a_comma_separated_list(run, tmp_path: Path) -> None:
    path = write(tmp_path, "proj/a.aether", "intent: tidy_bench  \ngoal: free text priority: high\t\n\n\n\n\nx = 1 \n")
    code, out, err = migrate(run, "--apply", "--select", "trailing-whitespace,quote-goal-text", str(path))
    assert code == 0, out + err
    assert path.read_bytes() == b'intent: tidy_bench\ngoal: "free text" priority: high\n\n\n\n\nx = 1\n'


def test_unknown_select_id_is_a_usage_error(run, tmp_path: Path) -> None:
    path = write(tmp_path, "proj/a.aether", "goal: free text  \n")
    code, out, err = migrate(run, "--apply", "--select", "trailing-whitespace,no-such-transform", str(path))
    assert code == 2, out + err
    assert "no-such-transform" in out + err
    assert path.read_bytes() == b"goal: free text  \n"


def test_remember_to_memory_needs_the_unsafe_flag(run, tmp_path: Path) -> None:
    data = b'remember:\n    a: 1\nremember("x") as "y"\n'
    path = write(tmp_path, "proj/a.aether", data)
    code, out, err = migrate(run, "--apply", str(path))
    assert path.read_bytes() == data, out + err
    code, out, err = migrate(run, "--apply", "--unsafe", str(path))
    assert code == 0, out + err
    assert path.read_bytes() == b'memory:\n    a: 1\nremember("x") as "y"\n'


# ---- reports -----------------------------------------------------------------------------------

REPORT_PENDING = (
    "intent: tidy_bench\n"
    "goal: first thing priority: high\n"
    "goal: second thing\n"
    "when x:\n"
    "    goal: third thing metrics: fill=80%\n"
    "end\n"
)


def _report_files(tmp_path: Path) -> list[str]:
    pending = write(tmp_path, "proj/pending.aether", REPORT_PENDING)
    clean = write(tmp_path, "proj/clean.aether", 'goal: "done" priority: high\n')
    latin = write(tmp_path, "proj/latin1.aether", b"goal: caf\xe9 time\n")
    return [str(pending), str(clean), str(latin)]


def _summary_line(text: str) -> str:
    lines = [line for line in text.splitlines() if "scanned" in line.lower()]
    assert lines, f"no summary line with 'scanned' in:\n{text}"
    return lines[-1]


def _has_number(line: str, n: int) -> bool:
    return re.search(rf"(?<!\d){n}(?!\d)", line) is not None


def _check_summary_line(summary: str) -> None:
    """`3 files scanned, 1 changed (or would change), 1 skipped (why)`, in any wording."""
    lowered = summary.lower()
    assert "chang" in lowered and "skipped" in lowered, summary
    assert re.search(r"(?<!\d)3(?!\d)\D*scanned|scanned\D*(?<!\d)3(?!\d)", lowered), summary
    assert _has_number(summary, 1), summary
    assert "IO_ERROR" in summary, summary


def test_markdown_report(run, tmp_path: Path) -> None:
    files = _report_files(tmp_path)
    code, out, err = migrate(run, "--dry-run", "--report", "r.md", *files)
    assert (tmp_path / "proj" / "pending.aether").read_text() == REPORT_PENDING  # dry run
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "pending.aether" in report
    lines = report.splitlines()
    assert any("quote-goal-text" in line and _has_number(line, 3) for line in lines), report
    assert any("intent-to-goal" in line and _has_number(line, 1) for line in lines), report
    assert "@@" in report and '+goal: "first thing" priority: high' in report, report
    _check_summary_line(_summary_line(report))
    assert "latin1.aether" in report, report


def _find_counts(obj: object, tid: str) -> list[int]:
    found: list[int] = []
    if isinstance(obj, dict):
        if isinstance(obj.get(tid), int):
            found.append(obj[tid])
        if tid in obj.values():
            found += [v for v in obj.values() if isinstance(v, int) and not isinstance(v, bool)]
        for value in obj.values():
            found += _find_counts(value, tid)
    elif isinstance(obj, list):
        for value in obj:
            found += _find_counts(value, tid)
    return found


def _find_summary(obj: object) -> dict | None:
    if isinstance(obj, dict):
        keys = " ".join(obj).lower()
        if all(word in keys for word in ("scanned", "changed", "skipped")):
            return obj
        for value in obj.values():
            found = _find_summary(value)
            if found is not None:
                return found
    elif isinstance(obj, list):
        for value in obj:
            found = _find_summary(value)
            if found is not None:
                return found
    return None


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in [*obj.keys(), *obj.values()] for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def _number(value: object) -> int:
    if isinstance(value, (list, dict)):
        return len(value)
    assert isinstance(value, int), value
    return value


def test_json_report(run, tmp_path: Path) -> None:
    files = _report_files(tmp_path)
    code, out, err = migrate(run, "--dry-run", "--report", "r.json", "--format", "json", *files)
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert 3 in _find_counts(document, "quote-goal-text"), document
    assert 1 in _find_counts(document, "intent-to-goal"), document
    strings = _strings(document)
    assert any("pending.aether" in s for s in strings), document
    assert any("@@" in s and '+goal: "first thing" priority: high' in s for s in strings), document
    summary = _find_summary(document)
    if summary is None:  # a summary line, as in the Markdown report
        summary_lines = [s for s in strings if "scanned" in s.lower()]
        assert summary_lines, document
        _check_summary_line(summary_lines[-1])
    else:
        by_word = {w: next(v for k, v in summary.items() if w in k.lower()) for w in ("scanned", "changed", "skipped")}
        assert _number(by_word["scanned"]) == 3, summary
        assert _number(by_word["changed"]) == 1, summary
        assert _number(by_word["skipped"]) == 1, summary
    assert any("IO_ERROR" in s for s in strings), document


def test_no_report_file_unless_asked(run, tmp_path: Path) -> None:
    files = _report_files(tmp_path)
    migrate(run, "--dry-run", *files)
    assert not list(tmp_path.glob("*.md")) and not list(tmp_path.glob("*.json"))
    assert not (tmp_path / "migration_report.md").exists()


# ---- pre-commit hook ---------------------------------------------------------------------------


def _hooks(text: str) -> list[dict[str, str]]:
    """A tiny reader for the flat list of mappings in .pre-commit-hooks.yaml: a top-level `- ` starts
    a hook, `key: value` lines fill it, indented `- item` lines extend the previous key's value."""
    hooks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    last_key = ""
    for raw in text.splitlines():
        line = re.sub(r"\s+#.*$", "", raw).rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("- "):
            current = {}
            hooks.append(current)
            line = "  " + line[2:]
        elif line.lstrip().startswith("- "):
            current[last_key] = (current.get(last_key, "") + " " + line.lstrip()[2:].strip()).strip()
            continue
        if ":" not in line:
            continue
        key, value = line.strip().split(":", 1)
        last_key = key.strip()
        current[last_key] = value.strip().strip("'\"")
    return hooks


def test_pre_commit_hook_for_migrate() -> None:
    hooks = _hooks((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = [hook.get("id") for hook in hooks]
    assert "aetherlint" in ids  # the existing hook stays
    migrate_hooks = [hook for hook in hooks if hook.get("id") == "aetherlint-migrate"]
    assert len(migrate_hooks) == 1, hooks
    hook = migrate_hooks[0]
    entry = hook.get("entry", "")
    args = hook.get("args", "")
    assert "aetherlint migrate --check" in entry or (
        entry.split() == ["aetherlint", "migrate"] and "--check" in args
    ), hook
    assert hook.get("language") == "python", hook
