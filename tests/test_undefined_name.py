"""AE2503 undefined-name: reads inside functions that no scope binds; an error in brace-bodied
functions, a warning (shown, counted, not failing) in colon and `end` functions."""

from __future__ import annotations

import json

import pytest

from aetherlint.check import check_bytes
from conftest import write


def undefined(text: str, *builtins: str) -> list[tuple[str, int, str]]:
    result = check_bytes(text.encode("utf-8"), "t.aether", builtins)
    assert result.phase in ("validate",), result.first
    return [(d.message.split("'")[1], d.line, d.severity) for d in result.diagnostics if d.rule == "AE2503"]


def test_a_parameter_of_one_function_is_undefined_in_another() -> None:
    text = "plugin kettle {\n    fn a(water) {\n        return water\n    }\n    fn b() {\n        return water + 1\n    }\n}\n"
    assert undefined(text) == [("water", 6, "error")]


def test_reads_in_every_expression_position_are_judged() -> None:
    text = """fn pour(cup) {
    let level = depth
    cup.level = height
    if spill > 0 {
        log "x"
    }
    notify(cup, amount)
    send(to: target)
    return [cup, extra, { k: val }, cup[slot], -neg, flag ? a : cup]
}
"""
    names = [n for n, _, _ in undefined(text, "notify", "send")]
    assert names == ["depth", "height", "spill", "amount", "target", "extra", "val", "slot", "neg", "flag", "a"]


def test_an_arrow_inside_a_brace_function_is_judged_with_its_own_parameters() -> None:
    text = "fn sort_all(xs) {\n    return xs.sort((a, b) => a.w - b.w + bias)\n}\n"
    assert undefined(text) == [("bias", 2, "error")]


def test_colon_and_end_functions_get_warnings_and_the_file_passes(run, tmp_path) -> None:
    path = write(tmp_path, "w.aether", "function weigh(bin):\n    return bin.w + tare\n")
    code, out, _ = run("check", str(path))
    assert code == 0
    assert "w.aether:2:20: AE2503 undefined-name (warning): undefined name 'tare'" in out
    assert out.splitlines()[-1] == "Checked 1 file: all passed; 1 finding (1 warning) in 1 file (1 undefined-name)."
    code, out, _ = run("check", "--json-status", str(path))
    status = json.loads(out)
    assert (code, status["ok"], status["code"], status["message"], status["warnings"]) == (0, True, 0, "ok", 1)
    assert status["diagnostics"][0]["severity"] == "warning"
    assert (status["diagnostics"][0]["col"], status["diagnostics"][0]["end_col"]) == (20, 24)


def test_an_error_fails_the_file_with_validation_error(run, tmp_path) -> None:
    path = write(tmp_path, "e.aether", "fn spin(w) {\n    return wheel * w\n}\n")
    code, out, _ = run("check", "--json-status", str(path))
    status = json.loads(out)
    assert (code, status["code_name"], status["rule"], status["line"], status["col"], status["end_col"]) == (
        1, "VALIDATION_ERROR", "AE2503", 2, 12, 17)


BOUND = {
    "parameter": "fn f(x) {\n    return x\n}\n",
    "let": "fn f() {\n    let x = 1\n    return x\n}\n",
    "for target": "fn f(xs) {\n    for x in xs {\n        total = x\n    }\n    return total\n}\n",
    "two for targets": "fn f(m) {\n    for k, v in m {\n        log k\n    }\n    return [k, v]\n}\n",
    "parenthesised for": "fn f(m) {\n    for (k, v) in m {\n        log k\n    }\n    return v\n}\n",
    "catch binding": "fn f() {\n    try {\n        g()\n    } catch (err) {\n        return err\n    }\n}\nfn g() {\n    return 1\n}\n",
    "except as": "function f():\n    try:\n        pass_it()\n    except Exception as oops:\n        return oops\n",
    "bind arrow": "fn f() {\n    ask(1) -> hue\n    return hue\n}\n",
    "import alias": 'import "lib/tools" as tools\nfn f() {\n    return tools\n}\n',
    "comprehension target": "function f(bins):\n    return sum(b.w for b in bins)\n",
    "module assignment": "limit = 3\nfn f() {\n    return limit\n}\n",
    "module let": "let limit = 3\nfn f() {\n    return limit\n}\n",
    "assigned in another function": "fn a() {\n    shared = 1\n}\nfn b() {\n    return shared\n}\n",
    "plugin config key": "plugin p {\n    config: { max_spin: 40 }\n    fn f() {\n        return max_spin\n    }\n}\n",
    "header field": 'plugin p {\n    description: "x"\n    fn f() {\n        return description\n    }\n}\n',
    "function as a value": "fn twice(x) {\n    return x\n}\nfn f(xs) {\n    return xs.map(twice)\n}\n",
    "nested function": "fn outer() {\n    fn inner(x) {\n        return x\n    }\n    return apply(inner)\n}\n",
    "built-in as a value": "fn f(xs) {\n    return map_all(xs, len)\n}\n",
    "capitalised": "fn f(x) {\n    return Date.now() + Math + MAX\n}\n",
    "dollar name": "fn f() {\n    return $shift\n}\n",
    "underscore": "fn f() {\n    return _\n}\n",
    "platform objects": "fn f() {\n    return [memory, context, this, self, null, undefined, true, none]\n}\n",
    "member object": "fn f(k) {\n    return shelf.get(k) + bins.count\n}\n",
    "member name": "fn f(w) {\n    return w.speed\n}\n",
    "dict key": "fn f(x) {\n    return { speed: x, 'depth': x }\n}\n",
    "keyword name": "fn f(x) {\n    return make(slot: x, size=x)\n}\n",
    "free text command": "fn f() {\n    log status\n    tidy the shelf\n    while spins < 5 {\n        spins++\n    }\n}\n",
    "field value": "define f()\n    goal: rotate the named plugin priority: high\n    plugin: rotation.swap name\nend\n",
    "command phrase value": "function f():\n    x = analyze shelf \"deep\"\n    return x\n",
    "string interpolation": 'fn f() {\n    log "speed {speed}"\n    return "{depth}"\n}\n',
    "when handler": "when bins_full:\n    total = capacity\n",
    "lifecycle block": "plugin p {\n    on_run {\n        let x = capacity\n    }\n}\n",
    "module level": "total = capacity + spare\n",
    "yaml value": 'plugin "audit":\n  actions:\n    - notify(team: "night", body: audit_text)\n',
}


@pytest.mark.parametrize("text", list(BOUND.values()), ids=list(BOUND))
def test_not_reported(text: str) -> None:
    assert undefined(text, "make", "apply", "ask", "pass_it", "map_all") == []


def test_extend_builtins_declares_a_global() -> None:
    assert undefined("fn f() {\n    return wheel\n}\n", "wheel") == []
