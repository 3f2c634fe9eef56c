"""`aetherlint baseline`: write the parse baseline of a tree (parse and validate only)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Optional

from aetherlint import config as config_mod
from aetherlint.errors import EXIT_OK, UsageError
from aetherlint.output import plural
from aetherlint.result import utc_timestamp


def run(
    root: str,
    output: str,
    limit: Optional[int] = None,
    jobs: Optional[int] = None,
    timeout: float = 10.0,
    use_cache: bool = True,
    stdout: Optional[IO[str]] = None,
    max_file_size: Optional[int] = None,
) -> int:
    from aetherlint.reports import baseline
    from aetherlint.runner.batch import TreeRun, check_tree
    from aetherlint.commands import outputs, runopts

    stdout = stdout or sys.stdout
    folder = Path(root)
    if not folder.is_dir():
        raise UsageError(f"{root}: not a directory")
    jobs = runopts.check(jobs, timeout, limit, lambda m: print(f"aetherlint: warning: {m}", file=sys.stderr))
    outputs.check({"--output": output})
    cfg = config_mod.for_path(folder)
    project_root = cfg.source.parent if cfg.source else folder
    from aetherlint.source import DEFAULT_MAX_FILE_SIZE

    max_size = max_file_size or cfg.max_file_size or DEFAULT_MAX_FILE_SIZE
    run = TreeRun(folder, project_root, cfg, jobs, timeout, limit, use_cache, max_file_size=max_size)
    results = check_tree(run).results
    document = baseline.build(results, utc_timestamp())
    import json

    outputs.write(output, json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n", stdout)
    counts = ", ".join(f"{name} {n}" for name, n in document["by_code"].items())
    where = "standard output" if output == outputs.STDOUT else output
    print(f"Baseline of {plural(document['total'], 'workflow')} ({counts or 'none'}) written to {where}.",
          file=sys.stderr if output == outputs.STDOUT else stdout)
    return EXIT_OK
