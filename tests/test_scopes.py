"""Names resolve through scopes (aetherlint/scopes.py): a parameter of one function does not make
a call in another known; forms that bind a name, or only look like calls, are not reported."""

from __future__ import annotations

import pytest

from aetherlint.check import check_bytes


def unknown(text: str) -> list[tuple[str, int]]:
    result = check_bytes(text.encode("utf-8"), "t.aether")
    assert result.phase == "validate", result.first
    return [(d.message.split("'")[1], d.line) for d in result.diagnostics if d.rule == "AE2501"]


def test_a_parameter_of_one_function_does_not_bind_in_another() -> None:
    text = """plugin kettle {
    fn a(zzz_helper) {
        return 1
    }
    fn b() {
        zzz_helper(1)
    }
}
"""
    assert unknown(text) == [("zzz_helper", 6)]


def test_a_parameter_binds_in_its_own_function_and_nested_arrows() -> None:
    text = """fn a(callback) {
    callback(1)
    items.each(x => callback(x))
}
"""
    assert unknown(text) == []


def test_a_variable_of_one_handler_is_not_bound_in_another() -> None:
    text = """when first:
    notifier = make_notifier
    notifier(1)
when second:
    notifier(2)
"""
    assert unknown(text) == [("notifier", 5)]


def test_functions_at_module_and_plugin_level_are_hoisted() -> None:
    text = """early(1)
plugin kettle {
    fn boil() {
        pour(2)
    }
}
fn early(n) {
    boil()
}
fn pour(n) {
    return n
}
"""
    assert unknown(text) == []


def test_a_function_nested_in_a_function_is_local_to_it() -> None:
    text = """fn outer() {
    fn helper() {
        return 1
    }
    helper()
}
fn other() {
    helper()
}
"""
    assert unknown(text) == [("helper", 8)]


@pytest.mark.parametrize(
    "text",
    [
        # a lifecycle block is callable by its name
        "plugin p {\n    on_run {\n        log 1\n    }\n    fn again() {\n        on_run()\n    }\n}\n",
        # operators and keywords, not calls
        "x = typeof(y)\n", "y = await (z)\n", "fn f(x) {\n    super(x)\n}\n",
        # destructured arrow parameters
        "pairs.each(([f, x]) => f(x))\n", "items.each(({f}) => f())\n",
        "items.each(({key: g}) => g())\n",
        # except … as name
        "function f(n):\n    try:\n        return n\n    except Exception as fail:\n        fail(n)\n",
        "fn f(n) {\n    try {\n        n()\n    } catch (oops) {\n        oops(1)\n    }\n}\n",
        # the result arrow binds
        'summarize("x") -> hue_fn\nhue_fn(1)\n',
        # an import alias binds
        'import "lib" as tools\ntools(1)\n',
        # `for (k, c) in …` is not a call of `for`, and binds k and c
        "for (k, c) in cups {\n    c(k)\n}\n",
        # free text with parentheses
        "goal: tidy the bench (quickly) priority: high\n",
        "intent: sort the crates (heaviest) first\n",
        # strings that do not interpolate
        "goal: tidy\nsteps:\n  - say: \"call {frob(x)} later\"\n",
        "log '{frob(x)} is not interpolated in single quotes'\n",
    ],
    ids=lambda t: t.splitlines()[0][:40],
)
def test_forms_that_bind_or_are_not_calls(text: str) -> None:
    assert unknown(text) == []


def test_strings_that_interpolate_are_still_checked() -> None:
    assert unknown('log "crates: {frob(n)}"\n') == [("frob", 1)]
    assert unknown('steps:\n  - say: f"call {frob(x)}"\n') == [("frob", 2)]
    assert unknown("goal: tidy (the) bench\nfrob(1)\n") == [("frob", 2)]


def test_a_user_function_named_like_a_built_in_is_not_arity_checked() -> None:
    result = check_bytes(b"fn narrate(text) {\n    return text\n}\nnarrate(1)\n", "t.aether")
    assert result.ok, result.diagnostics
    result = check_bytes(b"narrate(1)\n", "t.aether")
    assert [d.rule for d in result.diagnostics] == ["AE2502"]


def findings(text: str) -> list[tuple[str, int, int, str]]:
    result = check_bytes(text.encode("utf-8"), "t.aether")
    return [(d.rule, d.line, d.col, d.message) for d in result.diagnostics]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("fn end() {\n    return 1\n}\n", (1, 4, "'end' is a reserved word and cannot name a function")),
        ("let if = 3\n", (1, 1, "'if' is a reserved word and cannot name a variable")),
        ("while = 2\n", (1, 1, "'while' is a reserved word and cannot name a variable")),
        ("fn f(if) {\n    return 1\n}\n", (1, 4, "'if' is a reserved word and cannot name a parameter")),
    ],
)
def test_reserved_word_as_a_name(text: str, expected: tuple) -> None:
    assert findings(text) == [("AE2504", *expected)]


@pytest.mark.parametrize("text", ["fn again(fn) {\n    fn()\n}\n", "let match = 3\nlog match\n", "call = 2\n"])
def test_keywords_real_files_use_as_names_are_fine(text: str) -> None:
    assert findings(text) == []


def test_duplicate_definition_reports_the_second_with_the_first_as_related() -> None:
    result = check_bytes(b"fn pour() { log 1 }\n\nfn pour() { log 2 }\n", "t.aether")
    (diag,) = result.diagnostics
    assert (diag.rule, diag.line, diag.col, diag.message) == ("AE2506", 3, 4, "'pour' is already defined at line 1")
    assert diag.related == ((1, 4, "first definition of 'pour'"),)


@pytest.mark.parametrize(
    "text",
    [
        # different scopes
        "plugin p {\n    fn a() { log 1 }\n}\nfn a() { log 2 }\n",
        "fn outer() {\n    fn helper() { log 1 }\n    helper()\n}\nfn helper() { log 2 }\n",
        # the same local name in many functions (scopes that end early must not be confused)
        "".join(f"fn f{i}() {{\n    fn h() {{ log {i} }}\n}}\n" for i in range(50)),
        # several handlers of one event
        "when crate_arrives:\n    log 1\nwhen crate_arrives:\n    log 2\n",
    ],
)
def test_not_duplicates(text: str) -> None:
    assert findings(text) == []
