"""LALR tables compiled by lark from `grammar/*.lark`, cached as plain data.

Lark compiles the grammar once (per grammar version) and this module stores what the parser needs
(the action/goto table and, per rule, how to shape its children) with `marshal` in the user's
cache folder. Later runs load that file and never import lark: startup stays close to Python's
own, and `check` of a cached result costs no grammar work at all.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any, Optional

from aetherlint import __version__
from aetherlint.syntax.lexer import KEYWORDS

GRAMMAR_PACKAGE_DIR = "grammar"
ENTRY_GRAMMAR = "aether.lark"
_FORMAT = 4  # bump when the layout of the cached data changes


def grammar_dir() -> Path:
    """The `.lark` files: packaged inside the wheel, or the repository's top-level `grammar/`."""
    package = Path(__file__).resolve().parent.parent  # aetherlint/
    packaged = package / GRAMMAR_PACKAGE_DIR
    if (packaged / ENTRY_GRAMMAR).is_file():
        return packaged
    return package.parent / GRAMMAR_PACKAGE_DIR


@functools.cache
def grammar_hash() -> str:
    """A digest of every grammar file; part of every cache key that depends on the grammar."""
    digest = hashlib.sha256()
    for path in sorted(grammar_dir().glob("*.lark")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_folder() -> Optional[Path]:
    """Per-user cache folder (Windows: %LOCALAPPDATA%; elsewhere $XDG_CACHE_HOME or ~/.cache)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "aetherlint"


class Tables:
    """What the LALR driver needs: states, rule shapes, and the terminal name of each literal.

    `states[state][symbol]` is an int: `n >= 0` shifts (or goes to) state n, `n < 0` reduces by
    rule `~n`. Plain ints keep the table loadable as-is and the driver's lookups cheap.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.states: dict[int, dict[str, int]] = data["states"]
        self.start: int = data["start"]
        self.end: int = data["end"]
        self.rules: list[tuple] = data["rules"]
        self.keyword_terms: dict[str, str] = data["keyword_terms"]
        self.op_terms: dict[str, str] = data["op_terms"]


@functools.cache
def load() -> Tables:
    path = None
    if not os.environ.get("AETHERLINT_NO_PARSER_CACHE"):
        folder = cache_folder()
        if folder is not None:
            path = folder / f"tables-{_FORMAT}-{grammar_hash()[:20]}-py{sys.version_info[0]}{sys.version_info[1]}.bin"
            try:
                data = marshal.loads(path.read_bytes())
                if data.get("grammar_hash") == grammar_hash():
                    return Tables(data)
            except (OSError, ValueError, EOFError, TypeError, AttributeError):
                pass
    data = compile_tables()
    if path is not None:
        _store(path, marshal.dumps(data))
    return Tables(data)


def _store(path: Path, blob: bytes) -> None:
    """Atomic write; a cache that cannot be written is not an error (the next run rebuilds)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except OSError:
        pass


def compile_tables() -> dict[str, Any]:
    """Let lark build the LALR tables from the grammar and keep them as plain data."""
    from lark import Lark
    from lark.lexer import Lexer
    from lark.parsers.lalr_analysis import Shift

    class _TokensFromAetherlint(Lexer):  # tokens come from lexer.py; lark only needs a class
        __future_interface__ = 2

        def __init__(self, lexer_conf: Any) -> None:
            pass

        def lex(self, lexer_state: Any, parser_state: Any) -> Any:  # pragma: no cover - never called
            raise NotImplementedError

    lark = Lark.open(
        str(grammar_dir() / ENTRY_GRAMMAR),
        parser="lalr",
        lexer=_TokensFromAetherlint,
        maybe_placeholders=True,
        keep_all_tokens=True,
    )
    table = lark.parser.parser.parser.parse_table
    rule_index: dict[int, int] = {}
    rules: list[tuple] = []
    states: dict[int, dict[str, int]] = {}
    for state, actions in table.states.items():
        row = {}
        for term, (action, arg) in actions.items():
            if action is Shift:
                row[str(term)] = arg
                continue
            if id(arg) not in rule_index:
                rule_index[id(arg)] = len(rules)
                rules.append(_rule_shape(arg))
            row[str(term)] = ~rule_index[id(arg)]
        states[state] = row
    literals = {t.pattern.value: t.name for t in lark.terminals if t.pattern.type == "str"}
    keyword_terms = {w: literals[w] for w in KEYWORDS if w in literals}
    return {
        "grammar_hash": grammar_hash(),
        "version": __version__,
        "states": states,
        "start": table.start_states["start"],
        "end": table.end_states["start"],
        "rules": rules,
        "keyword_terms": keyword_terms,
        "op_terms": {v: n for v, n in literals.items() if v not in keyword_terms},
    }


def _rule_shape(rule: Any) -> tuple:
    """(size, origin, handler, expand_single_child, to_include, trailing_nones, single_rule_child),
    as lark's tree builder would shape the rule's children (placeholders for `[x]`, `_rule`s
    inlined)."""
    expansion = rule.expansion
    empty = rule.options.empty_indices
    if empty:
        bits = "".join(str(int(b)) for b in empty)
        nones = [len(ones) for ones in bits.split("0")]
    else:
        nones = [0] * (len(expansion) + 1)
    to_include = tuple(
        (i, (not sym.is_term) and sym.name.startswith("_"), nones[i]) for i, sym in enumerate(expansion)
    )
    origin = rule.origin.name
    name = str(rule.alias or origin)
    handler = "" if name.startswith("_") else name.rsplit("__", 1)[-1]  # drop the grammar-file namespace
    expand1 = bool(rule.options.expand1 and not rule.alias)
    single_rule_child = (
        len(expansion) == 1 and not expansion[0].is_term and not expansion[0].name.startswith("_") and not any(nones)
    )
    return (len(expansion), str(origin), handler, expand1, to_include, nones[len(expansion)], single_rule_child)
