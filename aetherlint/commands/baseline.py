"""`aetherlint baseline`: write the parse baseline of a tree (parse and validate only)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Optional

from aetherlint.errors import EXIT_OK, UsageError
from aetherlint.words import plural
from aetherlint.result import utc_timestamp
from aetherlint.settings import options as opt
from aetherlint.settings.resolver import Overrides, Resolver


def run(
    root: str,
    output: str,
    overrides: Overrides = Overrides(),
    stdout: Optional[IO[str]] = None,
) -> int:
    from aetherlint.reports import baseline
    from aetherlint.runner.batch import Plan, TreeRun, check_tree
    from aetherlint.commands import outputs, runopts

    stdout = stdout or sys.stdout
    folder = Path(root)
    if not folder.is_dir():
        raise UsageError(f"{root}: not a directory")
    resolver = Resolver(overrides, opt.BASELINE, folder)
    top = resolver.for_folder(folder)
    jobs = runopts.jobs(top[opt.JOBS], lambda m: print(f"aetherlint: warning: {m}", file=sys.stderr))
    outputs.check({"--output": output})
    run = TreeRun(folder, resolver, Plan(jobs, top[opt.TIMEOUT]), top[opt.LIMIT], top[opt.CACHE])
    results = check_tree(run).results
    document = baseline.build(results, utc_timestamp())
    import json

    outputs.write(output, json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n", stdout)
    counts = ", ".join(f"{name} {n}" for name, n in document["by_code"].items())
    where = "standard output" if output == outputs.STDOUT else output
    print(f"Baseline of {plural(document['total'], 'workflow')} ({counts or 'none'}) written to {where}.",
          file=sys.stderr if output == outputs.STDOUT else stdout)
    return EXIT_OK
