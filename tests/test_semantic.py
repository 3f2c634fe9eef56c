"""AE25xx: unknown functions wherever a bare-name call appears, built-in arity, config."""

from __future__ import annotations

import pytest

from aetherlint.check import check_bytes
from conftest import write


def findings(text: str, extra=()) -> list[tuple[str, int, int, str]]:
    result = check_bytes(text.encode(), "f.aether", extra)
    assert result.phase in ("validate",), result.first
    return [(d.rule, d.line, d.col, d.message) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("frob(1)\n", 1, 1),
        ("x: frob(y)\n", 1, 4),
        ("x = frob(y)\n", 1, 5),
        ("memory: frob(y)\n", 1, 9),
        ("log len(frob(y))\n", 1, 9),
        ("if frob(x) > 2:\n    log \"big\"\n", 1, 4),
        ("cfg: { a: frob(1) }\n", 1, 11),
        ('log "total {frob(x)} units"\n', 1, 13),
        ("plugin p {\n    on_run {\n        let v = call frob(2)\n    }\n}\n", 3, 22),
        ("- step: frob()\n", 1, 9),
    ],
)
def test_unknown_function_in_every_position(text: str, line: int, col: int) -> None:
    assert findings(text) == [("AE2501", line, col, "unknown function 'frob'")]


@pytest.mark.parametrize(
    "text",
    [
        'remember("bench is tidy") as "status"\n',
        "recall()\n",
        'print("done")\n',
        'probe = plugin("lab.probe")\n',
        'goal("sort the crates") {\n    log "go"\n}\n',
        "shelf.polish(x)\n",
        'import "lab/tools" as tools\ntools.spin(3)\n',
        "fn spin(w) { return w }\nspin(1)\n",
        "function weigh(b):\n    return b\nweigh(2)\n",
        "define tidy()\n    log \"t\"\nend\nrun tidy()\n",
        "export polish(w) { return w }\npolish(1)\n",
        "when bins_full(limit=10):\n    log \"x\"\nbins_full(3)\n",
        "fn again(fn, n = 3) { fn() }\n",
        "items.map(f => f(1))\n",
        "x = len(items) + sum(w.cost for w in widgets)\n",
        "init() {\n    log \"up\"\n}\n",
    ],
)
def test_known_calls_are_not_flagged(text: str) -> None:
    assert findings(text) == []


def test_every_unknown_call_is_reported_and_status_carries_the_first() -> None:
    result = check_bytes(b"b = beta()\na = alpha()\n", "f.aether")
    assert [d.message for d in result.diagnostics] == ["unknown function 'beta'", "unknown function 'alpha'"]
    assert result.status("t")["message"] == "unknown function 'beta'"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("escalate_to()", "'escalate_to' takes 1 argument, got 0"),
        ("reflect(1)", "'reflect' takes 0 arguments, got 1"),
        ("store(a, b, c)", "'store' takes 1 to 2 arguments, got 3"),
    ],
)
def test_builtin_arity(call: str, message: str) -> None:
    assert findings(call + "\n") == [("AE2502", 1, 1, message)]


@pytest.mark.parametrize("call", ["summarize()", "summarize(x)", "store(x)", "store(x, \"t\")", "escalate_to(a)"])
def test_builtin_arity_accepts_optional_arguments(call: str) -> None:
    assert findings(call + "\n") == []


def test_extend_builtins_from_nearest_pyproject(tmp_path, run) -> None:
    write(tmp_path, "pyproject.toml", '[tool.aetherlint]\nextend-builtins = ["frob"]\n')
    path = write(tmp_path, "sub/f.aether", "frob(1)\nzap(2)\n")
    code, out, _ = run("check", str(path))
    assert code == 1
    assert "unknown function 'zap'" in out and "'frob'" not in out


def test_invalid_config_is_a_usage_error(tmp_path, run) -> None:
    write(tmp_path, "pyproject.toml", "[tool.aetherlint]\nextend-builtins = \"frob\"\n")
    path = write(tmp_path, "f.aether", "frob(1)\n")
    code, _, err = run("check", str(path))
    assert code == 2
    assert "extend-builtins must be a list of strings" in err


def test_dollar_variables_in_expressions() -> None:
    assert findings('$notes = "x"\nlog len($notes)\nx = [$notes, -$count]\n') == []
