"""What the AST rules of one file share: the module, its scopes (walked once), the known names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from aetherlint.rules.builtins import BUILTIN_ARITY, CORE_FUNCTIONS, LANGUAGE_CALLS
from aetherlint.scopes import ScopeWalk
from aetherlint.syntax import ast as A


_ALWAYS_KNOWN = CORE_FUNCTIONS | LANGUAGE_CALLS | frozenset(BUILTIN_ARITY)


@dataclass(frozen=True)
class Context:
    module: A.Module
    walk: ScopeWalk
    known: frozenset[str]  # callable without a definition: built-ins, core helpers, configured

    @classmethod
    def of(cls, module: A.Module, extra_builtins: Iterable[str] = ()) -> "Context":
        known = _ALWAYS_KNOWN.union(extra_builtins) if extra_builtins else _ALWAYS_KNOWN
        return cls(module, ScopeWalk(module), known)

    def user_defined(self, name: str, scope) -> bool:
        """Defined in the file (hoisted, or bound where it is used): it shadows any built-in."""
        return name in self.walk.hoisted or scope.binds(name)
