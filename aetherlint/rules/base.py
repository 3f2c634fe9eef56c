"""What a rule is: its identity, its structured code, its documentation and, for the rules that
run on the AST, its check. One module of `aetherlint.rules` holds one rule."""

from __future__ import annotations

from dataclasses import dataclass

from aetherlint.diagnostic import SEVERITIES, Diagnostic

PHASES = ("read", "parse", "validate", "run", "suppress", "any")  # suppress: judging suppressions


@dataclass(frozen=True)
class Rule:
    id: str  # `AE` + structured code (two digits) + two digits, e.g. "AE2501"
    name: str  # kebab-case, e.g. "unknown-function"
    code: int  # the structured code family (codes.py)
    phase: str  # where it is found: read, parse, validate (AST rules), run, any
    summary: str  # one sentence
    explanation: str  # what it finds, why it matters, an example and the fix: what `explain` prints
    severity: str = "error"  # the default; only errors make a file fail
    default: bool = True  # selected unless a selection says otherwise; False: only when asked for
    suppressible: bool = True  # False: no inline comment or listed entry hides it (signatures)

    def __post_init__(self) -> None:
        assert self.severity in SEVERITIES and self.phase in PHASES, self

    def diagnostic(self, line: int, col: int, message: str, **fields: object) -> Diagnostic:
        """A finding of this rule, with its default severity unless `fields` says otherwise."""
        fields.setdefault("severity", self.severity)
        return Diagnostic(self.id, line, col, message, **fields)  # type: ignore[arg-type]


RISK_NOTE = (
    "A risk finding (AE28xx, counted under 25 VALIDATION_ERROR: the file parses and this is about what "
    "it does; 22 SIGNATURE_ERROR is for signatures): info, and off unless selected (`--extend-select "
    "AE28`), so it never fails a file by itself; `aetherlint risk` lists every risk finding with its "
    "weight and fails above a score (`--fail-above N`). Only calls count: text in strings, comments and "
    "descriptive fields (`description:`, `goal:`, `summary:`...) never does, and a function the file "
    "defines itself (`fn fetch(x) { }`) is not judged by its name."
)


def risk_rule(id: str, name: str, weight: int, summary: str, finds: str, example: str, fix: str) -> Rule:
    """One of the four risk rules (aetherlint/risk/): info, off unless selected, documented alike."""
    explanation = f"What it finds: {finds} Weight {weight}.\n{RISK_NOTE}\nExample:\n    {example}\nFix: {fix}"
    return Rule(id, name, 25, "validate", summary, explanation, severity="info", default=False)
