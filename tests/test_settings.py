"""One configuration model: where settings come from, how they stack, how bad ones are reported.
Real files in tmp_path, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aetherlint.settings.model import RuleOverrides
from aetherlint.settings.resolver import Overrides, Resolver
from conftest import write

CALLS = "frob(1)\nzap(2)\n"


def unknown(out: str) -> list[str]:
    """The unknown functions a `check` run reported, in order."""
    return [line.split("unknown function ")[1].strip("'") for line in out.splitlines() if "AE2501" in line]


def one_line_error(err: str) -> str:
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith("aetherlint: error: "), err
    return err.removeprefix("aetherlint: error: ").rstrip("\n")


# ---- sources -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("files", "wins"), [
    ({".aetherlint.toml": '["frob"]', "aetherlint.toml": '["zap"]', "pyproject.toml": '["zap"]'}, ".aetherlint.toml"),
    ({"aetherlint.toml": '["frob"]', "pyproject.toml": '["zap"]'}, "aetherlint.toml"),
    ({"pyproject.toml": '["frob"]'}, "pyproject.toml"),
])
def test_in_one_folder_dot_aetherlint_then_aetherlint_then_pyproject(run, tmp_path, files, wins) -> None:
    for name, builtins in files.items():
        section = "[tool.aetherlint]\n" if name == "pyproject.toml" else ""
        write(tmp_path, name, f"{section}extend-builtins = {builtins}\n")
    write(tmp_path, "f.aether", CALLS)
    assert unknown(run("check", "f.aether")[1]) == ["zap"]
    assert run("config", "--show", "f.aether")[1].splitlines()[0].endswith(f"({wins})")


def test_a_pyproject_without_the_section_is_passed_over(run, tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", 'extend-builtins = ["frob"]\n')
    write(tmp_path, "pkg/pyproject.toml", '[project]\nname = "pkg"\n')
    write(tmp_path, "pkg/f.aether", CALLS)
    assert unknown(run("check", "pkg/f.aether")[1]) == ["zap"]


def test_each_file_is_checked_with_its_own_projects_settings(run, tmp_path) -> None:
    write(tmp_path, "a/aetherlint.toml", 'extend-builtins = ["frob"]\n')
    write(tmp_path, "b/pyproject.toml", '[tool.aetherlint]\nextend-builtins = ["zap"]\n')
    write(tmp_path, "a/f.aether", CALLS)
    write(tmp_path, "b/f.aether", CALLS)
    code, out, _ = run("check", "--no-cache", "a", "b")
    assert code == 1 and unknown(out) == ["zap", "frob"]
    run("classify", ".", "--no-history")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert [(r["path"], r["message"]) for r in doc["workflows"]] == [
        ("a/f.aether", "unknown function 'zap'"), ("b/f.aether", "unknown function 'frob'")]
    assert unknown(run("check", "a", "b")[1]) == ["zap", "frob"]  # from the cache: the same answers


def test_extend_inherits_relative_to_the_file_and_lists_add_up(run, tmp_path) -> None:
    write(tmp_path, "shared/base.toml", 'extend-builtins = ["frob"]\nmax-file-size = "1kB"\n')
    write(tmp_path, "proj/aetherlint.toml", 'extend = "../shared/base.toml"\nextend-builtins = ["zap"]\n')
    write(tmp_path, "proj/f.aether", CALLS + "blip(3)\n")
    assert unknown(run("check", "proj/f.aether")[1]) == ["blip"]
    shown = run("config", "--show", "proj")[1]
    assert 'extend-builtins = ["frob", "zap"]  # shared/base.toml + proj/aetherlint.toml' in shown
    assert "max-file-size = 1000  # shared/base.toml" in shown


def test_an_extend_cycle_is_one_line(run, tmp_path) -> None:
    write(tmp_path, "a.toml", 'extend = "b.toml"\n')
    write(tmp_path, "b.toml", 'extend = "a.toml"\n')
    write(tmp_path, "aetherlint.toml", 'extend = "a.toml"\n')
    write(tmp_path, "f.aether", "log 1\n")
    code, _, err = run("check", "f.aether")
    assert code == 2
    assert one_line_error(err) == (
        "aetherlint.toml: `extend` goes round in a circle (aetherlint.toml -> a.toml -> b.toml -> a.toml)")
    write(tmp_path, "aetherlint.toml", 'extend = "missing.toml"\n')
    assert one_line_error(run("check", "f.aether")[2]) == "aetherlint.toml: extend 'missing.toml' is not a file"


# ---- bad values --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "message"), [
    ("pyproject.toml", "[tool.aetherlint]\nexlude = []\n",
     "pyproject.toml: unknown [tool.aetherlint] key 'exlude' (did you mean 'exclude'?)"),
    ("aetherlint.toml", "extend-bultins = []\n", "aetherlint.toml: unknown key 'extend-bultins' (did you mean 'extend-builtins'?)"),
    ("aetherlint.toml", "colour = true\n", "aetherlint.toml: unknown key 'colour' (did you mean 'color'?)"),
    ("aetherlint.toml", "zzz = true\n", "aetherlint.toml: unknown key 'zzz'"),
    ("aetherlint.toml", "jobs = 0\n", "aetherlint.toml: jobs must be an integer of at least 1"),
    ("aetherlint.toml", 'timeout = "soon"\n', "aetherlint.toml: timeout must be a number of seconds above 0 and at most 86400"),
    ("aetherlint.toml", "respect-gitignore = 1\n", "aetherlint.toml: respect-gitignore must be true or false"),
    ("aetherlint.toml", 'exclude = "legacy/**"\n', "aetherlint.toml: exclude must be a list of strings"),
    ("aetherlint.toml", 'ignore = ["AE2501x"]\n', "aetherlint.toml: ignore names no rule: 'AE2501x' (did you mean 'AE2501'?)"),
    ("aetherlint.toml", 'severity-threshold = "info"\n', "aetherlint.toml: severity-threshold must be one of error, warning"),
    ("aetherlint.toml", 'output = "../elsewhere.json"\n', "aetherlint.toml: output '../elsewhere.json' lies outside the project"),
    ("aetherlint.toml", "[[per-file]]\nignore = []\n",
     "aetherlint.toml: [[per-file]] #1 paths is missing (the globs of the files the table is for)"),
    ("aetherlint.toml", '[[per-file]]\npaths = ["x/**"]\nignor = ["AE2501"]\n',
     "aetherlint.toml: unknown [[per-file]] #1 key 'ignor' (did you mean 'ignore'?)"),
    ("pyproject.toml", '[[tool.aetherlint.per-file]]\npaths = ["x/**"]\nignore = ["unknown-functoin"]\n',
     "pyproject.toml: [[tool.aetherlint.per-file]] #1 ignore names no rule: 'unknown-functoin' "
     "(did you mean 'unknown-function'?)"),
    ("aetherlint.toml", "per-file = 3\n", "aetherlint.toml: per-file must be an array of tables ([[per-file]])"),
    ("aetherlint.toml", "jobs = \n", "cannot read aetherlint.toml: Invalid value (at line 1, column 8)"),
])
def test_a_bad_configuration_is_one_line_and_exit_2(run, tmp_path, name, text, message) -> None:
    write(tmp_path, name, text)
    write(tmp_path, "f.aether", "log 1\n")
    for argv in (["check", "f.aether"], ["classify", ".", "--no-history"], ["config", "--show"]):
        code, out, err = run(*argv)
        assert (code, out) == (2, "")
        assert one_line_error(err) == message


# ---- the command line over files ---------------------------------------------------------------


def test_config_values_then_flags_override_files(run, tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", 'max-file-size = "10"\n')
    write(tmp_path, "f.aether", "log 12345678\n")
    assert run("check", "f.aether")[1].startswith("f.aether:1:1: AE2605 file-too-large")
    assert run("check", "--config", "max-file-size=1000", "f.aether")[0] == 0
    code, out, _ = run("check", "--config", "max-file-size=1000", "--max-file-size", "5", "f.aether")
    assert code == 1 and "(13 bytes > 5 bytes limit)" in out
    shown = run("config", "--show", "--config", "max-file-size=1000", "--config", 'exclude=["x/**"]', "--jobs", "3")[1]
    assert "max-file-size = 1000  # --config" in shown
    assert 'exclude = ["x/**"]  # --config' in shown
    assert "jobs = 3  # command line" in shown
    assert "cache = true  # default" in shown


def test_config_path_replaces_discovery_and_isolated_ignores_every_file(run, tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", 'extend-builtins = ["frob"]\n')
    write(tmp_path, "ci/strict.toml", 'extend-builtins = ["zap"]\n')
    write(tmp_path, "f.aether", CALLS)
    assert unknown(run("check", "--no-cache", "--config", "ci/strict.toml", "f.aether")[1]) == ["frob"]
    assert unknown(run("check", "--no-cache", "--isolated", "f.aether")[1]) == ["frob", "zap"]
    assert unknown(run("check", "--isolated", "--config", 'extend-builtins=["zap"]', "f.aether")[1]) == ["frob"]
    code, _, err = run("check", "--isolated", "--config", "ci/strict.toml", "f.aether")
    assert code == 2 and "cannot be used with --config PATH" in err


@pytest.mark.parametrize(("arg", "message"), [
    ("jobs=0", "--config: jobs must be an integer of at least 1"),
    ("exlude=[]", "--config: unknown key 'exlude' (did you mean 'exclude'?)"),
    ("nope.toml", "--config 'nope.toml': neither a file nor KEY=VALUE (a TOML value, e.g. jobs=2 or "
                  "'exclude=[\"legacy/**\"]')"),
    ("jobs=1\ntimeout=2", "--config 'jobs=1\\ntimeout=2': give one KEY=VALUE per --config"),
])
def test_bad_config_arguments_are_one_line(run, tmp_path, arg, message) -> None:
    write(tmp_path, "f.aether", "log 1\n")
    code, _, err = run("check", "--config", arg, "f.aether")
    assert code == 2 and one_line_error(err) == message


def test_a_bad_flag_value_names_the_flag(run, tmp_path) -> None:
    code, _, err = run("check", "--jobs", "0", str(write(tmp_path, "f.aether", "log 1\n")))
    assert code == 2 and one_line_error(err) == "--jobs must be an integer of at least 1"


def test_run_wide_settings_come_from_the_current_folder(run, tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", "json-status = true\n")
    write(tmp_path, "sub/aetherlint.toml", "")  # the file's own project says nothing about output
    write(tmp_path, "sub/f.aether", "log 1\n")
    assert json.loads(run("check", "sub/f.aether")[1])["ok"] is True


# ---- per-file tables ---------------------------------------------------------------------------


def test_per_file_tables_add_builtins_and_expose_rule_overrides(run, tmp_path) -> None:
    write(tmp_path, "pyproject.toml", """[tool.aetherlint]
extend-builtins = ["frob"]

[[tool.aetherlint.per-file]]
paths = ["legacy/**"]
extend-builtins = ["zap"]
ignore = ["AE2501", "builtin-arity"]

[[tool.aetherlint.per-file]]
paths = ["*.old.aether"]
select = ["AE25"]
""")
    write(tmp_path, "legacy/f.aether", CALLS)
    write(tmp_path, "f.aether", CALLS)
    code, out, _ = run("check", "legacy/f.aether", "f.aether")
    assert code == 1 and unknown(out) == ["zap"] and out.startswith("f.aether:2:1:")
    settings = Resolver().for_path(tmp_path / "legacy" / "f.aether")
    assert settings.rule_overrides("legacy/f.aether") == RuleOverrides(ignore=("AE2501", "builtin-arity"))
    assert settings.rule_overrides("legacy/x.old.aether") == RuleOverrides(("AE2501", "builtin-arity"), ("AE25",))
    assert settings.rule_overrides("f.aether") == RuleOverrides()
    shown = run("config", "--show", "legacy/f.aether")[1]
    assert "[[per-file]]  # pyproject.toml; applies to legacy/f.aether" in shown
    assert "[[per-file]]  # pyproject.toml; does not apply to legacy/f.aether" in shown


def test_path_settings_from_a_file_are_relative_to_it(run, tmp_path, monkeypatch) -> None:
    write(tmp_path, "proj/aetherlint.toml", 'output = "reports/failures.json"\nmarkdown = ""\nhistory = false\n')
    write(tmp_path, "proj/f.aether", "log 1\n")
    (tmp_path / "proj" / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    assert run("classify", "proj")[0] == 0
    assert json.loads((tmp_path / "proj/reports/failures.json").read_text())["summary"]["total"] == 1
    assert not (tmp_path / "workflow_failures.md").exists()


def test_overrides_are_checked_before_any_file(tmp_path) -> None:
    with pytest.raises(Exception, match="jobs must be"):
        Resolver(Overrides(flags={"jobs": 0}))
