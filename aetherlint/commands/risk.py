"""`aetherlint risk`: the risk findings of workflows, scored, as tables or JSON."""

from __future__ import annotations

import sys
from typing import IO, Optional, Sequence

from aetherlint.errors import EXIT_FINDINGS, EXIT_OK
from aetherlint.result import FileResult
from aetherlint.settings import options as opt
from aetherlint.settings.resolver import Overrides


def run(
    paths: Sequence[str],
    fail_above: Optional[int] = None,
    fmt: str = "table",
    overrides: Overrides = Overrides(),
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    from aetherlint.commands.pathrun import check_paths, resolver_for
    from aetherlint.reports import risk

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    resolver, top = resolver_for(opt.RISK, overrides)
    results: list[FileResult] = []
    check_paths(paths, resolver, top, stderr, lambda result, _data: results.append(result), opt.RISK)
    doc = risk.document(results, fail_above)
    if fmt == "json":
        stdout.write(risk.to_json(doc))
        print(risk.summary_line(doc), file=stderr)
    else:
        stdout.write(risk.tables(doc))
        print(risk.summary_line(doc), file=stdout)
    return EXIT_FINDINGS if doc["summary"]["failing"] else EXIT_OK
