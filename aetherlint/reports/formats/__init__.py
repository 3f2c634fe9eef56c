"""Output formats of `check` and `classify`: one module per format, each with a pure
`render(report) -> str` (the `Report` of report.py: one run's results, sorted by path).

`text` is not rendered here: it is each command's own output, streamed as files are checked
(`aetherlint.output` for `check`, the summary line for `classify`). The modules are imported
only when their format is asked for, so a plain `check` loads none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the CLI imports this module for the choices only
    from aetherlint.reports.formats.report import Report

Renderer = Callable[["Report"], str]

TEXT = "text"
_MODULES = {  # format name -> module of this package
    "concise": "concise",
    "json": "jsondoc",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
}
CHOICES = (TEXT, *_MODULES)
# For people (and GitHub's log): these end with the command's summary line.
HUMAN = frozenset({TEXT, "concise", "github"})


def renderer(name: str) -> Renderer:
    render: Renderer = importlib.import_module(f"{__name__}.{_MODULES[name]}").render
    return render


def render(name: str, report: "Report") -> str:
    return renderer(name)(report)
