"""A compact outline of an AST, for cases that pin the tree's shape rather than mere acceptance.

Statements print as their type name, with the statements they own in braces; an `if` prints its
branches (`cond{…}` / `else{…}`), a `try` its body and handlers (`except{…}`, `catch{…}`,
`finally{…}`). Expressions are transparent except anonymous functions, which print as
`Function{body}`, so `() => x = 1` shows as `Function{Assign}`. Example:
`FunctionDef{Try{Return except{Return}}}`.
"""

from __future__ import annotations

from aetherlint.syntax import ast as A


def outline(node: A.Node) -> str:
    return " ".join(_outline(node))


def _outline(node: A.Node) -> list[str]:
    if isinstance(node, A.Module):
        return _inner(node)
    if isinstance(node, A.Branch):
        return [_braced("cond" if node.cond is not None else "else", node)]
    if isinstance(node, A.Handler):
        return [_braced(node.kind, node)]
    if isinstance(node, A.Case):
        return [_braced("case", node)]
    if isinstance(node, A.Statement):
        return [_braced(type(node).__name__, node)]
    if isinstance(node, A.Function):
        body = node.body
        return [_braced("Function", body if isinstance(body, A.Block) else A.Block(0, 0, 0, 0, [body]))]
    return _inner(node)  # expressions and blocks: only what they contain shows


def _inner(node: A.Node) -> list[str]:
    out: list[str] = []
    for child in A.children(node):
        out.extend(_outline(child))
    return out


def _braced(label: str, node: A.Node) -> str:
    inner = _inner(node)
    return f"{label}{{{' '.join(inner)}}}" if inner else label
