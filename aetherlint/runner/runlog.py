"""The run log: JSON lines through concurrent-log-handler's rotating handler, which is safe for
several processes and concurrent runs writing the same file.

The log is a by-product: a log that cannot be opened or written costs one warning (through
`warn`) and the run goes on without it; logging's own "--- Logging error ---" report is never shown.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
from pathlib import Path
from typing import Callable, Optional

from aetherlint.result import utc_timestamp


class _JsonLines(logging.Formatter):
    def __init__(self, run_id: str) -> None:
        super().__init__()
        self.run_id = run_id

    def format(self, record: logging.LogRecord) -> str:
        entry = {"ts": utc_timestamp(), "run_id": self.run_id, "level": record.levelname, "event": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, sort_keys=True)


def open_log(path: Path, run_id: str, warn: Callable[[str], None]) -> Optional[logging.Logger]:
    from concurrent_log_handler import ConcurrentRotatingFileHandler

    class Handler(ConcurrentRotatingFileHandler):
        failed = False

        def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
            if not self.failed:
                self.failed = True
                exc = sys.exc_info()[1]  # handleError runs inside emit's except block
                warn(_cannot(path, (getattr(exc, "strerror", None) or str(exc)) if exc else "unknown error"))

        def emit(self, record: logging.LogRecord) -> None:
            if not self.failed:
                super().emit(record)

    try:
        if path.exists() and not stat.S_ISREG(os.stat(path).st_mode):
            raise IsADirectoryError(0, "not a regular file")  # never a FIFO or a device either
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = Handler(str(path), maxBytes=5_000_000, backupCount=3, encoding="utf-8")
    except OSError as exc:
        warn(_cannot(path, exc.strerror or str(exc)))
        return None
    handler.setFormatter(_JsonLines(run_id))
    logger = logging.getLogger(f"aetherlint.run.{run_id}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    return logger


def close_log(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        try:
            handler.close()
        except OSError:
            pass  # the records are already lost or written; closing is no reason to fail the run
        logger.removeHandler(handler)


def _cannot(path: Path, reason: str) -> str:
    return f"{path}: cannot write the log ({reason}); the run goes on without it"
