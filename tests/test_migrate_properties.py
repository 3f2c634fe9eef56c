"""Properties of `migrate_text` over generated `.aether` texts and over every valid fixture: when the
input parses, migration never reports a migration bug, the result parses, a second run changes
nothing, the edits rebuild the result and every character outside them is kept, and multi-line
strings and block scalars are never touched."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis.control import currently_in_test_context
from hypothesis import strategies as st

from aetherlint.syntax import ast as A
from aetherlint.migration import TRANSFORMS, Migration, MigrationError, migrate_text
from aetherlint.syntax.parser import ParseFailed, parse

ROOT = Path(__file__).resolve().parent.parent
VALID = sorted((ROOT / "fixtures" / "valid").rglob("*.aether"))
RENAMES = {"analyze_plugins": "available_plugins"}
WHITESPACE_ONLY = frozenset({"blank-lines", "trailing-whitespace"})
POSITION_FIELDS = frozenset({"line", "column", "end_line", "end_column"})


def is_position(field_name: str) -> bool:
    return field_name in POSITION_FIELDS or field_name.endswith(("_line", "_column"))

SETTINGS = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


# ---- checking one migration --------------------------------------------------------------------


def _event(name: str) -> None:
    if currently_in_test_context():  # check_migration also runs outside hypothesis (fixtures)
        event(name)


def shape(node: object) -> object:
    """A node without its positions, for comparing trees whose text moved."""
    if isinstance(node, A.Node):
        return (type(node).__name__,) + tuple(
            (f.name, shape(getattr(node, f.name))) for f in dataclasses.fields(node) if not is_position(f.name)
        )
    if isinstance(node, (list, tuple)):
        return tuple(shape(n) for n in node)
    return node


def multiline_literals(module: A.Module) -> list[str]:
    """Triple-quoted strings and block scalars, which no transform may change."""
    found = []
    for node in A.walk(module):
        if isinstance(node, A.Str) and node.is_triple:
            found.append(node.text)
        elif isinstance(node, A.Literal) and node.kind == "BLOCK_SCALAR":
            found.append(node.text)
    return sorted(found)


def allowed_transforms(select: Optional[Iterable[str]], unsafe: bool, renames: Mapping[str, str]) -> set[str]:
    ids = set(TRANSFORMS) if select is None else set(select)
    if not unsafe:
        ids.discard("remember-to-memory")
    if not renames:
        ids.discard("rename-functions")
    return ids


def check_migration(
    text: str, *, select: Optional[list[str]] = None, unsafe: bool = False, renames: Mapping[str, str] = {}
) -> bool:
    """Assert every property for one input; False when the input does not parse (nothing to check)."""
    try:
        before = parse(text)
    except ParseFailed:
        _event("input does not parse")
        return False
    _event("input parses")
    def run(source: str) -> Migration:
        return migrate_text(source, select=select, unsafe=unsafe, renames=dict(renames))

    try:
        result = run(text)
    except MigrationError as exc:
        raise AssertionError(f"migration raised {exc.kind!r} on a text that parses: {exc.message}") from exc
    new = result.text
    allowed = allowed_transforms(select, unsafe, renames)

    # The edits: sorted, non-overlapping, inside the text, from allowed transforms.
    pos = 0
    for edit in result.edits:
        assert pos <= edit.start <= edit.end <= len(text), (edit, result.edits)
        assert edit.transform in allowed, (edit, allowed)
        pos = edit.end

    # Applying them reproduces the result, and every gap between them is kept verbatim.
    old_pos = new_pos = 0
    for edit in result.edits:
        gap = text[old_pos : edit.start]
        assert new[new_pos : new_pos + len(gap)] == gap, (edit, new_pos)
        new_pos += len(gap)
        assert new[new_pos : new_pos + len(edit.replacement)] == edit.replacement, (edit, new_pos)
        new_pos += len(edit.replacement)
        old_pos = edit.end
    assert new[new_pos:] == text[old_pos:]
    if not result.edits:
        assert new == text

    # Counts name only transforms that made edits, and each transform that edited is counted.
    edited = {e.transform for e in result.edits if text[e.start : e.end] != e.replacement}
    counted = {tid for tid, n in result.counts.items() if n}
    assert counted <= allowed, (result.counts, allowed)
    assert edited <= counted, (edited, result.counts)
    assert counted <= {e.transform for e in result.edits}, (result.counts, result.edits)

    # The result parses; multi-line strings and block scalars are intact.
    try:
        after = parse(new)
    except ParseFailed as exc:
        raise AssertionError(f"migrated text does not parse: {exc.problem}\n{new!r}") from exc
    assert multiline_literals(after) == multiline_literals(before)
    if allowed <= WHITESPACE_ONLY:
        assert shape(after) == shape(before), "whitespace transforms changed the tree"

    # Idempotent.
    again = run(new)
    assert again.edits == (), again.edits
    assert again.text == new
    return True


# ---- generated texts ---------------------------------------------------------------------------

WORDS = ["tidy", "the", "bench", "oil", "hinges", "crates", "shelves", "north", "loft", "3", "40%", "quietly", "before", "noon"]
IDENTIFIERS = ["sort_bins", "tidy_bench", "oil_hinges", "x"]
TRAILING = ["", "", "", " ", "  ", "\t", " \t "]

free_text = st.lists(st.sampled_from(WORDS), min_size=2, max_size=5).map(" ".join)
goal_text = st.one_of(
    free_text,
    st.sampled_from(IDENTIFIERS),
    free_text.map(lambda t: f'"{t}"'),
    st.sampled_from(['fix "x" now', 'oil "front door" hinges', "x > 5%", "keep bins level"]),
)
clauses = st.tuples(
    st.sampled_from(["", " priority: high", " priority: critical", " priority: urgent"]),
    st.sampled_from(["", "", " metrics: fill=80%,spill=2"]),
    st.sampled_from(["", "", " # note", " // legacy note"]),
).map("".join)


@st.composite
def goal_lines(draw: st.DrawFn) -> list[str]:
    key = draw(st.sampled_from(["goal", "goal", "intent"]))
    return [f"{key}: {draw(goal_text)}{draw(clauses)}"]


def blank_run(draw: st.DrawFn, indent: str = "") -> list[str]:
    return draw(st.lists(st.sampled_from(["", "", "", " ", indent, indent + "  ", "\t"]), min_size=0, max_size=6))


INNER_STRING_LINES = ["", "", "goal: free text priority: high", "intent: tidy the bench", "analyze_plugins()",
                      "remember:", "  keep   ", "\tindented\t", "# not a comment", "x = {intent: 1}"]
SIMPLE_LINES = [
    "agent: on",
    'print("done")',
    'think about "intent: a b goal: c d priority: high"',
    'print("goal: free text priority: high")',
    "# intent: a comment goal: free text",
    "// goal: legacy comment",
    "x = {intent: 1, goal: a + b}",
    'store({intent: 1}, "k")',
    "intent_level: 3",
    "my_goal: free text priority: high",
    "goal: sort_bins",
    'remember("x") as "y"',
    'remember bench_state as "bench_state"',
    "x = analyze_plugins()",
    "analyze_plugins()",
    "y = obj.analyze_plugins()",
    'log "analyze_plugins() in a string"',
    "# analyze_plugins() in a comment",
    "z = analyze_plugins",
    "fn analyze_plugins() { return 1 }",
    "for p in analyze_plugins():\n    print(p)\nend",
]


@st.composite
def chunk(draw: st.DrawFn) -> list[str]:
    kind = draw(
        st.sampled_from(
            ["goal", "goal", "simple", "simple", "blank", "triple", "scalar", "when", "braces", "yaml", "remember",
             "config", "define"]
        )
    )
    if kind == "goal":
        return draw(goal_lines())
    if kind == "simple":
        return draw(st.sampled_from(SIMPLE_LINES)).split("\n")
    if kind == "blank":
        return blank_run(draw)
    if kind == "triple":
        prefix = draw(st.sampled_from(['x = """', 'page = f"""', 'notes = """']))
        inner = draw(st.lists(st.sampled_from(INNER_STRING_LINES), max_size=8))
        return [prefix, *inner, '"""']
    if kind == "scalar":
        inner = draw(st.lists(st.sampled_from(INNER_STRING_LINES), max_size=6))
        return ["notes: |", *[("  " + line) if line else line for line in inner], "|"]
    if kind == "when":
        body: list[str] = []
        for _ in range(draw(st.integers(1, 4))):
            part = draw(st.sampled_from(["goal", "blank", "line", "line"]))
            if part == "goal":
                body += ["    " + line for line in draw(goal_lines())]
            elif part == "blank":
                body += blank_run(draw, "    ")
            else:
                body.append("    " + draw(st.sampled_from(['remember("squeak") as "hinges"', "analyze_plugins()",
                                                         "detect_anomalies()", 'think about "intent: x"'])))
        if not any(line.strip() for line in body):
            body.append('    print("x")')
        return ["when door_squeaks:", *body, "end"]
    if kind == "braces":
        inner = [line for _ in range(draw(st.integers(1, 3))) for line in draw(goal_lines())]
        return ["shop_habits {", *["    " + line for line in inner], '    sweeper.tune(0.3)', "}"]
    if kind == "yaml":
        return ["ai:", "  " + draw(goal_lines())[0], "  model: gpt-4o", "  actions:", "    - analyze_plugins()",
                '    - store(digest, "k")']
    if kind == "remember":
        return ["remember:", "    a: 1", '    b: "two"']
    if kind == "config":
        return ["config: {", "    intent: quiet,", "    goal: fast", "}"]
    return ["define analyze_plugins(a)", "    x = a", "end"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = [line for part in draw(st.lists(chunk(), min_size=1, max_size=12)) for line in part]
    lines = [line + draw(st.sampled_from(TRAILING)) for line in lines]
    style = draw(st.sampled_from(["lf", "lf", "crlf", "mixed"]))
    if style == "mixed":
        endings = [draw(st.sampled_from(["\n", "\r\n"])) for _ in lines]
    else:
        endings = ["\n" if style == "lf" else "\r\n"] * len(lines)
    text = "".join(line + end for line, end in zip(lines, endings))
    if draw(st.booleans()) and text.endswith("\n"):
        text = text[: -2 if text.endswith("\r\n") else -1]
    return text


@st.composite
def options(draw: st.DrawFn) -> dict:
    unsafe = draw(st.booleans())
    ids = sorted(TRANSFORMS) if unsafe else sorted(set(TRANSFORMS) - {"remember-to-memory"})
    select = draw(st.one_of(st.none(), st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True)))
    renames = draw(st.sampled_from([RENAMES, RENAMES, {}]))
    return {"select": select, "unsafe": unsafe, "renames": renames}


@SETTINGS
@given(documents(), options())
def test_generated_texts(text: str, opts: dict) -> None:
    note(repr(text))
    check_migration(text, **opts)


@SETTINGS
@given(documents())
def test_generated_texts_all_safe_transforms(text: str) -> None:
    note(repr(text))
    check_migration(text, renames=RENAMES)


def test_generated_texts_mostly_parse() -> None:
    """The generator is worth something only if most of its texts parse."""
    samples = []

    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(documents())
    def collect(text: str) -> None:
        samples.append(text)

    collect()
    parsed = 0
    for text in samples:
        try:
            parse(text)
            parsed += 1
        except ParseFailed:
            pass
    assert parsed >= 0.8 * len(samples), f"{parsed}/{len(samples)} generated texts parse"


# ---- fixtures ----------------------------------------------------------------------------------

OPTION_SETS: list[dict[str, Any]] = [
    {},
    {"unsafe": True},
    {"renames": RENAMES},
    {"unsafe": True, "renames": RENAMES},
    *({"select": [tid], "unsafe": tid == "remember-to-memory", "renames": RENAMES} for tid in sorted(TRANSFORMS)),
    {"select": sorted(WHITESPACE_ONLY)},
]


@pytest.mark.parametrize("path", VALID, ids=[p.relative_to(ROOT / "fixtures" / "valid").as_posix() for p in VALID])
def test_valid_fixtures(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    for opts in OPTION_SETS:
        assert check_migration(text, **opts), f"{path} no longer parses"


@st.composite
def mutated_fixtures(draw: st.DrawFn) -> str:
    """A valid fixture with trailing whitespace and blank lines sprinkled in, maybe CRLF."""
    text = draw(st.sampled_from(VALID)).read_bytes().decode("utf-8-sig")
    lines = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    for line in lines:
        out.append(line + draw(st.sampled_from(TRAILING)))
        if draw(st.integers(0, 9)) == 0:
            out += [""] * draw(st.integers(1, 5))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(out)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_fixtures(), options())
def test_mutated_fixtures(text: str, opts: dict) -> None:
    note(repr(text))
    check_migration(text, **opts)
