"""What the AST rules of one file share: the module, its scopes (walked once), the known names,
and the text (when known: rules that look for rare things search it first, and walk the AST only
in the files that may hold them)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.builtins import BUILTIN_ARITY, CORE_FUNCTIONS, LANGUAGE_CALLS
from aetherlint.scopes import ScopeWalk
from aetherlint.syntax import ast as A

if TYPE_CHECKING:
    from aetherlint.risk.scan import Finding

_ALWAYS_KNOWN = CORE_FUNCTIONS | LANGUAGE_CALLS | frozenset(BUILTIN_ARITY)


@dataclass(frozen=True)
class Context:
    module: A.Module
    walk: ScopeWalk
    known: frozenset[str]  # callable without a definition: built-ins, core helpers, configured
    text: Optional[str] = None  # the source the module was parsed from; None: not known

    @classmethod
    def of(cls, module: A.Module, extra_builtins: Iterable[str] = (), text: Optional[str] = None) -> "Context":
        known = _ALWAYS_KNOWN.union(extra_builtins) if extra_builtins else _ALWAYS_KNOWN
        return cls(module, ScopeWalk(module), known, text)

    def user_defined(self, name: str, scope) -> bool:
        """Defined in the file (hoisted, or bound where it is used): it shadows any built-in."""
        return name in self.walk.hoisted or scope.binds(name)

    @cached_property
    def risk(self) -> list["Finding"]:
        """The risky calls of the file, found once for the four risk rules."""
        from aetherlint.risk.scan import findings

        return findings(self.walk.call_nodes, self.walk.fields, frozenset(self.walk.hoisted))

    def risk_diagnostics(self, rule, label: str) -> Iterator[Diagnostic]:
        """The findings of one risk rule (its name is the kind): `network call: http.get(…)`."""
        for found in self.risk:
            if found.kind == rule.name:
                yield rule.diagnostic(found.line, found.col, f"{label}: {found.snippet}",
                                      end_line=found.end_line, end_col=found.end_col)
