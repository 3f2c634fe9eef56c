"""Re-parse an editor's document re-using the AST nodes of its previous parse that the change
did not reach (the LALR driver of parser.py, with a record of what it built).

The parse of a document records, for each token that starts a line, the parser's whole state
stack when it was shifted, and the AST nodes that start there with their length in tokens. The
next parse runs as usual over the new tokens; when it is about to shift a token that starts a
line inside a stretch of tokens that did not change (before the first changed token, or after
the last one), with the same state stack as last time, it pushes the largest recorded node
starting there whose tokens all lie in that stretch, instead of parsing them again (after the
change, moved by the lines it added or removed). An LALR parser's moves depend only on its state stack and the tokens
ahead, so this is the tree a full parse builds; the one decision made on a token itself, the
terminal of the token after the node, is taken from the record. Typing inside one function of
a 2,000-line file re-parses that function and the few nodes around it.
"""

from __future__ import annotations

from typing import Optional

from aetherlint.syntax import ast as A
from aetherlint.syntax.incremental import Lexed, Memo
from aetherlint.syntax.layout import Layout
from aetherlint.syntax.lexer import LexError, Tok
from aetherlint.syntax.parser import LINE_START_RESERVED, _accepts, _Unexpected  # (parser imports this module lazily)

_MARKERS = frozenset({"_NL", "_INDENT", "_DEDENT", "$END"})  # tokens layout.py makes, fresh each time


class Parsed:
    """The record of one parse of a memo's document (see the module's docstring)."""

    __slots__ = ("text", "lines", "stream", "first", "stacks", "nodes")

    def __init__(self, text: str, lines: int, stream: list[Tok], first: list[bool]) -> None:
        self.text = text
        self.lines = lines  # line breaks in the text
        self.stream = stream  # the tokens the parser read, layout tokens included
        self.first = first  # stream[i] is the first token of its line
        self.stacks: list = [None] * len(stream)  # at a line's first token: (state stack, previous value)
        # at a line's first token: [(length, rule, node, next token's terminal, previous value)]
        self.nodes: list = [None] * len(stream)


def layout_stream(text: str, lexed: Lexed) -> tuple[list[Tok], list[bool], Optional[LexError]]:
    """The tokens layout.py gives, listed, with which start a line, and the error that stopped it."""
    layout = Layout(text, lexed.stream())
    stream: list[Tok] = []
    first: list[bool] = []
    try:
        for tok in layout:
            stream.append(tok)
            first.append(tok.pos == layout.line_first_pos and tok.kind not in _MARKERS)
    except LexError as exc:
        return stream, first, exc
    return stream, first, None


def _agreement(old: Parsed, new: Parsed, kept_until: int) -> tuple[int, int]:
    """How many tokens the two streams share at their start, and at their end (the end `lines`
    lines further: the scanner moved its tokens, the old layout tokens are where they were).
    When lines were added or removed, the shared start ends at the first token the scanner
    moved: the nodes before it are re-used as they are."""
    a, b, fa, fb = old.stream, new.stream, old.first, new.first
    limit = min(len(a), len(b))
    lines = new.lines - old.lines
    head = 0
    while head < limit and fa[head] == fb[head] and _same(a[head], b[head], 0):
        if lines and b[head].pos >= kept_until and b[head].kind not in _MARKERS:
            break
        head += 1
    tail = 0
    limit -= head
    while tail < limit and fa[-1 - tail] == fb[-1 - tail] and _same(a[-1 - tail], b[-1 - tail], lines):
        tail += 1
    return head, tail


def _same(a: Tok, b: Tok, lines: int) -> bool:
    """The scanner's tokens are kept (or moved) objects; layout tokens are made anew each time."""
    return a is b or (
        a.kind in _MARKERS and a.kind == b.kind and a.line + lines == b.line and a.column == b.column
        and a.end_line + lines == b.end_line and a.end_column == b.end_column
    )


def _move_lines(roots: list, lines: int) -> None:
    """Move re-used nodes of the end of the text, and every node in them, `lines` lines: the
    node pushed, and those recorded inside it (some, like a key's name, are not in its tree)."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for name in A.line_fields(type(node)):
            setattr(node, name, getattr(node, name) + lines)
        for name, is_list in A.child_fields(type(node)):
            value = getattr(node, name)
            if is_list:
                stack.extend(value)
            elif value is not None:
                stack.append(value)


def drive(parser, text: str, lexed: Lexed, memo: Memo) -> A.Module:
    """parser._drive, over the whole token stream at once, re-using what `memo.parsed` built.
    One loop with its state in locals, as parser._drive is (its terminal choice and reductions
    are the same code, kept in step: `check` runs that one, without this loop's records)."""
    stream, first, error = layout_stream(text, lexed)
    new = Parsed(text, lexed.text.count("\n"), stream, first)
    old: Optional[Parsed] = memo.parsed
    memo.parsed = new  # filled in as the parse goes: a failed parse still leaves its beginning
    head, tail = _agreement(old, new, lexed.kept_until) if old is not None else (0, 0)
    offset = len(stream) - len(old.stream) if old is not None else 0  # new index - old index, at the end
    tail_start = len(stream) - tail  # new indices from here on are the old ones + offset

    states, rules = parser.states, parser.rules
    keyword_terms, op_terms = parser.tables.keyword_terms, parser.tables.op_terms
    end_state = parser.tables.end
    state = parser.tables.start
    state_stack = [state]
    value_stack: list = []
    start_stack: list[int] = []  # the index of each value's first token
    stacks, nodes = new.stacks, new.nodes
    prev_value = ""
    forced: Optional[str] = None  # the terminal the previous parse gave the token after a re-used node
    i = 0
    count = len(stream)
    while i < count:
        token = stream[i]
        before = prev_value
        kind = token.kind
        if kind == "NAME":
            value = token.value
            term = keyword_terms.get(value)
            if forced is not None:
                token.type = forced
            elif term is not None and (
                (value in LINE_START_RESERVED and first[i]) or _accepts(states, rules, state_stack, term)
            ):
                token.type = term
            else:
                token.type = "NAME"
            prev_value = value
        elif kind == "OP":
            value = token.value
            if value == "{" and prev_value == "=>":
                token.type = "ARROW_LBRACE"
            elif value == "[" and token.pos and text[token.pos - 1] in " \t":
                token.type = "SPACED_LSQB"
            else:
                token.type = op_terms.get(value, "UNKNOWN_OPERATOR")
            prev_value = value
        elif token.value:
            prev_value = token.value
        forced = None
        ttype = token.type
        while True:
            action = states[state].get(ttype)
            if action is None:
                raise _Unexpected(token, {t for t in states[state] if t.isupper()})
            if action >= 0:
                if first[i]:
                    key = (tuple(state_stack), before)
                    stacks[i] = key
                    reused = _reusable(old, i, key, head, tail_start, offset, text) if old is not None else None
                    if reused is not None:
                        length, origin, node, forced, end_prev = reused
                        o = i if i < head else i - offset
                        stacks[i + 1 : i + length] = old.stacks[o + 1 : o + length]
                        nodes[i + 1 : i + length] = old.nodes[o + 1 : o + length]
                        nodes[i] = [entry for entry in old.nodes[o] if entry[0] <= length]
                        if i >= head and new.lines != old.lines:
                            inside = [entry[2] for entries in nodes[i : i + length] if entries for entry in entries]
                            _move_lines(inside, new.lines - old.lines)
                        state = states[state][origin]
                        if state == end_state and forced == "$END":
                            return node  # the whole text, unchanged but for a comment or blanks
                        state_stack.append(state)
                        value_stack.append(node)
                        start_stack.append(i)
                        prev_value = end_prev
                        i += length - 1  # the loop's step lands on the token after the node
                        break
                state = action
                state_stack.append(state)
                value_stack.append(token)
                start_stack.append(i)
                break
            size, origin, callback = rules[~action]
            if size:
                start = start_stack[-size]
                del start_stack[-size:]
            else:
                start = i
            start_stack.append(start)
            if callback is None:
                state_stack.pop()
            elif size == 1:
                value_stack[-1] = callback([value_stack[-1]])
                state_stack.pop()
            elif size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
                value_stack.append(callback(children))
            else:
                value_stack.append(callback([]))
            if size and first[start] and isinstance(value_stack[-1], A.Node):
                if nodes[start] is None:
                    nodes[start] = []
                nodes[start].append((i - start, origin, value_stack[-1], ttype, before))
            state = states[state_stack[-1]][origin]
            state_stack.append(state)
            if state == end_state and ttype == "$END":
                return value_stack[-1]
        i += 1
    if error is not None:
        raise error
    raise AssertionError("parser ended without accepting")  # pragma: no cover


def _reusable(old: Parsed, i: int, key: tuple, head: int, tail_start: int, offset: int, text: str):
    """The largest node of the previous parse that starts at new token `i` and can stand as it
    was, or None."""
    if i < head:
        o, room = i, head - i  # the node and the token after it must lie in the shared start
    elif i > tail_start:  # (the token before it is shared too: it decides where lines start)
        o, room = i - offset, len(old.stream) - (i - offset)
        if text[old.stream[o].pos - 1] != old.text[old.stream[o].pos - 1 - (len(text) - len(old.text))]:
            return None  # the blank before it changed (`xs [0]` / `xs[0]`)
    else:
        return None
    if old.stacks[o] != key or not old.nodes[o]:
        return None
    best = None
    for entry in old.nodes[o]:
        if entry[0] < room:
            best = entry
    return best
