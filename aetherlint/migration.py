"""Rewriting legacy syntax by token and AST positions: pure text in, text and edits out.

Each transform proposes edits (character spans of the original text and their replacement).
Nothing outside those spans changes, so line endings, a final newline (or its absence) and every
other byte survive. The result is verified before anyone writes it: it must parse, and its AST
must equal the original's with exactly the intended changes; otherwise `MigrationError("bug")`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Mapping, Optional

from aetherlint.syntax import ast as A
from aetherlint.source import line_starts, lines_with_ends


@dataclass(frozen=True)
class Transform:
    id: str
    description: str
    safe: bool  # unsafe transforms change meaning and need --unsafe
    before: str  # an example line, and what it becomes
    after: str

    def explain(self) -> str:
        safety = "safe" if self.safe else "unsafe (only with --unsafe)"
        return f"{self.id} ({safety}): {self.description}\n\nExample:\n    {self.before}\nbecomes:\n    {self.after}"


TRANSFORMS: dict[str, Transform] = {
    t.id: t
    for t in (
        Transform(
            "intent-to-goal",
            "`intent:` heading a statement becomes `goal:` (never inside strings, comments or dict keys).",
            True,
            "intent: oil the hinges priority: high",
            "goal: oil the hinges priority: high",
        ),
        Transform(
            "quote-goal-text",
            "Free goal text is quoted, keeping indentation and trailing clauses (`priority:`, "
            "`metrics:`). A single identifier (`goal: sort_bins`), a quoted goal, and text with "
            "quotes, calls or brackets are left alone.",
            True,
            "goal: oil the hinges priority: high",
            'goal: "oil the hinges" priority: high',
        ),
        Transform(
            "blank-lines",
            "Runs of more than two blank lines collapse to two (never inside multi-line strings or "
            "`key: |` block scalars).",
            True,
            "(five blank lines)",
            "(two blank lines)",
        ),
        Transform(
            "trailing-whitespace",
            "Trailing spaces and tabs are removed (never inside multi-line strings or block scalars).",
            True,
            "log \"done\"   ",
            'log "done"',
        ),
        Transform(
            "rename-functions",
            "Deprecated functions are renamed at bare call sites only, from [tool.aetherlint.renames] "
            "in pyproject.toml (`analyze_plugins = \"available_plugins\"`).",
            True,
            "plugins = analyze_plugins()",
            "plugins = available_plugins()",
        ),
        Transform(
            "remember-to-memory",
            "`remember:` blocks become `memory:`. This changes what the interpreter does with the "
            "block, so it is unsafe.",
            False,
            "remember:",
            "memory:",
        ),
    )
}
_FREE_TEXT_TYPES = (A.Name, A.Literal, A.Op)


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    transform: str


@dataclass(frozen=True)
class Migration:
    text: str
    edits: tuple[Edit, ...]
    counts: dict[str, int]


class MigrationError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind  # "parse": the input does not parse; "bug": the result failed verification
        self.message = message


def selected(select: Optional[Iterable[str]], unsafe: bool) -> list[str]:
    ids = list(select) if select is not None else [t.id for t in TRANSFORMS.values() if t.safe or unsafe]
    return [i for i in ids if TRANSFORMS[i].safe or unsafe]


def migrate_text(
    text: str, *, select: Optional[Iterable[str]] = None, unsafe: bool = False, renames: Mapping[str, str] = {}
) -> Migration:
    from aetherlint.syntax.parser import ParseFailed, parse

    ids = selected(select, unsafe)
    try:
        module = parse(text)
    except ParseFailed as exc:
        p = exc.problem
        raise MigrationError("parse", f"does not parse ({p.line}:{p.col}: {p.message})") from None
    offsets = _Offsets(text)
    edits: list[Edit] = []
    expected: dict[int, A.Node] = {}  # id(original node) -> the node the result must have instead
    for node in A.walk(module):
        for edit, old, new in _node_edits(node, ids, renames, offsets, text):
            edits.append(edit)
            expected[id(old)] = new
    edits.extend(_layout_edits(text, ids, [e for e in edits]))
    edits.sort(key=lambda e: e.start)
    new_text = apply(text, edits)
    if edits:
        _verify(module, expected, new_text)
    counts: dict[str, int] = {}
    for edit in edits:
        counts[edit.transform] = counts.get(edit.transform, 0) + 1
    return Migration(new_text, tuple(edits), dict(sorted(counts.items())))


def apply(text: str, edits: Iterable[Edit]) -> str:
    out, cursor = [], 0
    for edit in edits:
        out.append(text[cursor : edit.start])
        out.append(edit.replacement)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)


class _Offsets:
    def __init__(self, text: str) -> None:
        self.starts = line_starts(text)

    def __call__(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1


def _node_edits(
    node: A.Node, ids: list[str], renames: Mapping[str, str], at: _Offsets, text: str
) -> Iterator[tuple[Edit, A.Node, A.Node]]:
    if isinstance(node, A.Field) and isinstance(node.key, A.Name):
        key = node.key
        if key.id == "intent" and "intent-to-goal" in ids:
            yield _rename_key(key, "goal", "intent-to-goal", at)
        if key.id == "remember" and "remember-to-memory" in ids and _heads_block(node):
            yield _rename_key(key, "memory", "remember-to-memory", at)
        goal_keys = ("goal", "intent") if "intent-to-goal" in ids else ("goal",)
        if key.id in goal_keys and "quote-goal-text" in ids:
            yield from _quote_goal(node, at, text)
    elif isinstance(node, A.Call) and "rename-functions" in ids:
        func = node.func
        if isinstance(func, A.Name) and func.id in renames:
            edit = Edit(at(func.line, func.column), at(func.end_line, func.end_column), renames[func.id], "rename-functions")
            yield edit, func, replace(func, id=renames[func.id])


def _heads_block(field: A.Field) -> bool:
    """`remember:` with an indented body, or `remember: { … }`: not `remember: x` on one line."""
    if field.suite is not None and not field.value:
        return True
    return len(field.value) == 1 and isinstance(field.value[0], A.Collection) and field.value[0].kind == "dict"


def _rename_key(key: A.Name, new: str, transform: str, at: _Offsets) -> tuple[Edit, A.Node, A.Node]:
    return Edit(at(key.line, key.column), at(key.end_line, key.end_column), new, transform), key, replace(key, id=new)


def _quote_goal(field: A.Field, at: _Offsets, text: str) -> Iterator[tuple[Edit, A.Node, A.Node]]:
    items = field.value
    clause = next(
        (i for i in range(len(items) - 1) if isinstance(items[i], A.Name) and _is_colon(items[i + 1])), len(items)
    )
    words = items[:clause]
    if not words or not all(isinstance(w, _FREE_TEXT_TYPES) for w in words):
        return  # nothing, or a string / call / collection: not free text
    if len(words) == 1 and isinstance(words[0], A.Name):
        return  # the header form `goal: sort_bins`
    if words[0].line != words[-1].end_line or _is_colon(words[0]):
        return
    start, end = at(words[0].line, words[0].column), at(words[-1].end_line, words[-1].end_column)
    raw = text[start:end]
    if '"' in raw or "\\" in raw or "{" in raw:
        return
    quoted = f'"{raw}"'
    string = A.Str(0, 0, 0, 0, quoted)
    yield Edit(start, end, quoted, "quote-goal-text"), field, replace(field, value=[string, *items[clause:]])


def _is_colon(node: A.Node) -> bool:
    return isinstance(node, A.Op) and node.text == ":"


def _layout_edits(text: str, ids: list[str], node_edits: list[Edit]) -> list[Edit]:
    """Blank-line runs and trailing whitespace, outside multi-line strings and block scalars."""
    if "blank-lines" not in ids and "trailing-whitespace" not in ids:
        return []
    protected = _protected_spans(text)
    busy = [(e.start, e.end) for e in node_edits]
    blank_runs: list[list[tuple[int, int]]] = [[]]  # consecutive blank lines: (start, next line start)
    trims: list[Edit] = []
    offset = 0
    for line in lines_with_ends(text):
        body = line.rstrip("\r\n")
        kept = body.rstrip(" \t")
        start, next_start = offset, offset + len(line)
        offset = next_start
        if _overlaps(protected, start, next_start):
            blank_runs.append([])
            if _inside(protected, start + len(kept)):
                continue  # the line ends inside a multi-line string or block scalar
        elif not kept and len(body) < len(line):
            blank_runs[-1].append((start, next_start))
        else:
            blank_runs.append([])
        ws_start, ws_end = start + len(kept), start + len(body)
        if ws_end > ws_start and not _overlaps(busy, ws_start, ws_end):
            trims.append(Edit(ws_start, ws_end, "", "trailing-whitespace"))
    edits = []
    if "blank-lines" in ids:
        edits = [Edit(run[2][0], run[-1][1], "", "blank-lines") for run in blank_runs if len(run) > 2]
    if "trailing-whitespace" in ids:
        removed = [(e.start, e.end) for e in edits]
        edits += [e for e in trims if not _overlaps(removed, e.start, e.end)]
    return edits


def _protected_spans(text: str) -> list[tuple[int, int]]:
    from aetherlint.syntax.lexer import LexError, scan

    try:
        tokens = scan(text)
    except LexError:
        return [(0, len(text))]
    return [(t.pos, t.end_pos) for t in tokens if t.kind == "BLOCK_SCALAR" or (t.kind == "STRING" and "\n" in t.value)]


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _verify(original: A.Module, expected: dict[int, A.Node], new_text: str) -> None:
    from aetherlint.syntax.parser import ParseFailed, parse

    try:
        result = parse(new_text)
    except ParseFailed as exc:
        raise MigrationError("bug", f"the migrated text does not parse ({exc.problem.message})") from None
    if _shape(original, expected) != _shape(result, {}):
        raise MigrationError("bug", "the migrated text's AST differs beyond the intended changes")


def _shape(root: A.Node, substitute: dict[int, A.Node]) -> list[tuple]:
    """The AST without positions, in pre-order, with `substitute`d nodes standing in."""
    out = []
    stack = [root]
    while stack:
        node = stack.pop()
        node = substitute.get(id(node), node)
        kids = list(A.children(node))
        scalars = tuple(
            getattr(node, f) for f in node.__dataclass_fields__ if f not in _POSITION_FIELDS and not _holds_nodes(node, f)
        )
        out.append((type(node).__name__, scalars, len(kids)))
        stack.extend(reversed(kids))
    return out


_POSITION_FIELDS = frozenset({"line", "column", "end_line", "end_column", "name_line", "name_column", "func_line", "func_column"})


def _holds_nodes(node: A.Node, field_name: str) -> bool:
    value = getattr(node, field_name)
    if isinstance(value, A.Node):
        return True
    return isinstance(value, list) and any(isinstance(v, A.Node) for v in value)
