"""`--statistics`: counts of findings per rule, as a table (like `ruff --statistics`)."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from aetherlint.result import FileResult
from aetherlint.rules import RULES


def table(results: Sequence[FileResult]) -> str:
    from tabulate import tabulate  # only with --statistics: check's cold start never pays for it

    counts = Counter((d.rule, d.severity, bool(d.suppressed)) for r in results for d in r.diagnostics)
    rows = [
        [n, rule, RULES[rule].name, severity, "suppressed" if suppressed else ""]
        for (rule, severity, suppressed), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    if not rows:
        return "No findings."
    return tabulate(rows, headers=["count", "rule", "name", "severity", ""], tablefmt="simple", colalign=("right",))
