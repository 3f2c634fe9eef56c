"""The run log: JSON lines through concurrent-log-handler's rotating handler, which is safe for
several processes and concurrent runs writing the same file."""

from __future__ import annotations

import json
import logging
from pathlib import Path

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


def open_log(path: Path, run_id: str) -> logging.Logger:
    from concurrent_log_handler import ConcurrentRotatingFileHandler

    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(f"aetherlint.run.{run_id}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = ConcurrentRotatingFileHandler(str(path), maxBytes=5_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(_JsonLines(run_id))
    logger.addHandler(handler)
    return logger


def close_log(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)
