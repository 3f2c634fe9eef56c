"""Find the risky calls of a module among the call-like nodes the scope walk collected (no walk
of its own), once per file for the four risk rules (rules/context.py). Pure; typed AST only.

Strings are leaves of the AST, so their text (a URL in a description, `eval` in a log line, a
`{call()}` interpolation) is never judged, and comments are not in the AST at all. The values
of descriptive fields (`description:`, `goal:`, `summary:` ...) are skipped too: what a field
says about a workflow is not what it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from aetherlint.credentials import redact
from aetherlint.risk import catalog
from aetherlint.syntax import ast as A

DESCRIPTIVE_KEYS = frozenset({
    "description", "summary", "goal", "intent", "note", "notes", "comment", "comments", "about", "help",
    "purpose", "doc", "docs", "title", "identity", "example", "examples", "usage",
})
SNIPPET_WIDTH = 60
_ARG_WIDTH = 40


@dataclass(frozen=True)
class Finding:
    kind: str  # catalog.DYNAMIC_EVAL, NETWORK, SHELL or FILE_WRITE
    line: int
    col: int
    end_line: int
    end_col: int
    snippet: str  # the call, shortened: `http.get("https://api.example.com/v1", …)`


def findings(calls: Iterable[A.Node], fields: Iterable[A.Field] = (), defined: frozenset[str] = frozenset()) -> list[Finding]:
    """The risky ones of `calls` (Call, CallPath, New and Command nodes: those the scope walk
    collected), in source order, except inside the values of descriptive `fields`; `defined`:
    the names of the file's own functions, never judged by the catalog."""
    skipped = _descriptive_spans(fields)
    found = []
    for node in calls:
        kind = type(node)
        if kind is A.Call:
            action = _call_action(node, defined)
        elif kind is A.CallPath:
            action = _path_action(node.path, node.args, defined)
        elif kind is A.New:
            action = None if node.cls in defined else catalog.bare(node.cls)
        elif kind is A.Command:  # `shell "ls"`
            action = _command_action(node, defined)
        else:
            continue
        if action is not None and not _inside(node, skipped):
            found.append(Finding(action, node.line, node.column, node.end_line, node.end_column, snippet(node)))
    found.sort(key=lambda f: (f.line, f.col))
    return found


Span = tuple[tuple[int, int], tuple[int, int]]


def _descriptive_spans(fields: Iterable[A.Field]) -> list[Span]:
    """Where the values of `description:`, `goal:` ... fields are (a block under one is code)."""
    spans = []
    for field in fields:
        if type(field.key) is A.Name and field.key.id.lower() in DESCRIPTIVE_KEYS and field.value:
            first, last = field.value[0], field.value[-1]
            spans.append(((first.line, first.column), (last.end_line, last.end_column)))
    return spans


def _inside(node: A.Node, spans: list[Span]) -> bool:
    start, end = (node.line, node.column), (node.end_line, node.end_column)
    return any(low <= start and end <= high for low, high in spans)


def _call_action(node: A.Call, defined: frozenset[str]) -> Optional[str]:
    func = node.func
    if type(func) is A.Name:
        name = func.id
        if name in defined:
            return None
        if catalog.opener(name):
            return catalog.FILE_WRITE if _writing_mode(node.args) else None
        if catalog.url_verb(name) and _has_url(node.args):
            return catalog.NETWORK
        return catalog.bare(name)
    if type(func) is A.Member:
        receiver = _last_name(func.obj)
        if catalog.opener(func.attr):
            return catalog.FILE_WRITE if _writing_mode(node.args) else None
        action = catalog.member(receiver or "", func.attr)  # `Path(p).write_text(s)`: no receiver name
        if action is None and catalog.url_verb(func.attr) and _has_url(node.args):
            return catalog.NETWORK  # `client.post("https://…")`
        return action
    return None


def _path_action(path: str, args: list[A.Node], defined: frozenset[str]) -> Optional[str]:
    """`call system/shell.run(x)`: the last two names, as `shell.run(x)`."""
    names = [n for n in path.replace("/", ".").split(".") if n]
    if len(names) == 1:
        return None if names[0] in defined else catalog.bare(names[0])
    receiver, method = names[-2], names[-1]
    if catalog.opener(method):
        return catalog.FILE_WRITE if _writing_mode(args) else None
    return catalog.member(receiver, method)


def _command_action(node: A.Command, defined: frozenset[str]) -> Optional[str]:
    words = node.words
    if len(words) >= 2 and type(words[0]) is A.Name and type(words[1]) is A.Str and words[0].id not in defined:
        return catalog.bare(words[0].id)
    return None


def _last_name(node: A.Node) -> Optional[str]:
    if type(node) is A.Name:
        return node.id
    if type(node) is A.Member:
        return node.attr
    return None


def _writing_mode(args: list[A.Node]) -> bool:
    """`open(p, "w")`, `open(p, mode="a")`: a mode string that writes."""
    mode = next((a.value for a in args if type(a) is A.KeywordArg and a.name in ("mode", "flags", "flag")), None)
    if mode is None:
        positional = [a for a in args if type(a) is not A.KeywordArg]
        mode = positional[1] if len(positional) > 1 else None
    return type(mode) is A.Str and catalog.writes_mode(string_value(mode))


def _has_url(args: list[A.Node]) -> bool:
    first = next((a for a in args if type(a) is not A.KeywordArg), None)
    return type(first) is A.Str and bool(catalog.URL_RE.match(string_value(first)))


def string_value(node: A.Str) -> str:
    """The text between the quotes (prefixes such as `f` dropped)."""
    text = node.text.lstrip("fFrRbB")
    quote = text[:3] if text[:3] in ('"""', "'''") else text[:1]
    return text[len(quote):-len(quote)] if len(text) >= 2 * len(quote) else text[len(quote):]


def snippet(node: A.Node) -> str:
    """The call as a short line: its callee and first argument, `…` for the rest."""
    kind = type(node)
    if kind is A.Command:
        return _shorten(f"{node.words[0].id} {_argument(node.words[1])}")
    if kind is A.CallPath:
        callee, args = f"call {node.path}", node.args
    elif kind is A.New:
        callee, args = f"new {node.cls}", node.args
    else:
        callee, args = _callee(node.func), node.args
    shown = _argument(args[0]) if args else ""
    if len(args) > 1:
        shown += ", …"
    return _shorten(f"{callee}({shown})")


def _callee(node: A.Node) -> str:
    if type(node) is A.Name:
        return node.id
    if type(node) is A.Member:
        return f"{_callee(node.obj)}.{node.attr}"
    if type(node) is A.Call:
        return f"{_callee(node.func)}(…)"
    return "…"


def _argument(node: A.Node) -> str:
    kind = type(node)
    if kind is A.Str:  # masked before it is cut: a shortened key would escape the mask
        text = redact(node.text).replace("\n", "\\n")
        return text if len(text) <= _ARG_WIDTH else text[: _ARG_WIDTH - 2] + "…" + text[-1]
    if kind in (A.Name, A.Literal):
        return node.id if kind is A.Name else node.text
    if kind is A.KeywordArg:
        return f"{node.name}={_argument(node.value)}"
    if kind is A.Member:
        return _callee(node)
    return "…"


def _shorten(text: str) -> str:
    return text if len(text) <= SNIPPET_WIDTH else text[: SNIPPET_WIDTH - 1] + "…"
