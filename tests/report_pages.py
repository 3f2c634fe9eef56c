"""Inputs for the HTML report tests (a tree classified over several runs, with a file whose name is
markup), and a reader of the tables of the page it writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional

from conftest import write

XSS_NAME = "<img src=x onerror=alert(1)>.aether"
SCRIPT_MESSAGE = "unknown function </script><script>alert(2)</script>"
EPOCH = 1_790_000_000  # 2026-09-21
DAY = 86_400


def classified_tree(tmp_path: Path, runs: int = 3) -> Path:
    """A tree classified `runs` times, a day apart, one failing file fixed after each run; the
    history in `tmp_path/hist`, the last classification in `tmp_path/workflow_failures.json`
    (with a message that holds `</script>`). Returns the tree."""
    root = tmp_path / "flows"
    write(root, "ok.aether", 'log "fine"\n')
    write(root, "unknown.aether", "fn go() {\n    frobnicate(1)\n}\n")
    write(root, XSS_NAME, "let total = )\n")
    write(root, "sub/deep.aether", "fn a() {\n    log \"x\"\n\n\n\n\n    let y = )\n}\n")
    for i in range(runs + 1):
        write(root, f"fixme/f{i}.aether", "let total = )\n")
    for i in range(runs):
        classify(tmp_path, root, EPOCH + i * DAY)
        (root / f"fixme/f{i}.aether").unlink()
    document = json.loads((tmp_path / "workflow_failures.json").read_text(encoding="utf-8"))
    record = next(r for r in document["workflows"] if r["path"] == "unknown.aether")
    record["message"] = SCRIPT_MESSAGE
    record["diagnostics"][0]["source"] = "    </script><b>bold</b>"
    (tmp_path / "workflow_failures.json").write_text(json.dumps(document), encoding="utf-8")
    return root


def classify(cwd: Path, root: Path, epoch: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    proc = subprocess.run(
        [sys.executable, "-m", "aetherlint", "classify", str(root), "--history-dir", str(cwd / "hist"),
         "--jobs", "1", "--no-cache", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    return proc


def large_classification(n: int) -> dict:
    """A classification of `n` failing files with realistic lengths, each with its diagnostic."""
    records = [{
        "path": f"flows/team{i % 40:02d}/workflow_{i:05d}.aether", "category": ("ValidationError", "ParseError")[i % 2],
        "code": 25, "code_name": "VALIDATION_ERROR", "rule": ("AE2501", "AE2004")[i % 2], "line": (i * 7919) % 300 + 1,
        "col": 5, "suppressed": False, "message": f"unknown function 'legacy_step_{i % 97}'",
        "fingerprint": f"{i:016x}", "stable_fingerprint": f"{i + 1:016x}",
        "diagnostics": [{"rule": ("AE2501", "AE2004")[i % 2], "line": (i * 7919) % 300 + 1,
                         "source": f"    result = legacy_step_{i % 97}(input, options)"}],
    } for i in range(n)]
    summary = {"total": n, "failed": n, "failure_rate": 1.0, "suppressed_failures": 0, "timestamp": "2026-09-21T00:00:00Z",
               "categories": {"ParseError": {"count": n // 2}, "ValidationError": {"count": n - n // 2}},
               "top_unknown_functions": [[f"legacy_step_{i}", 103] for i in range(20)],
               "stale_suppressions": [], "expired_suppressions": []}
    return {"workflows": records, "summary": summary}


class _Tables(HTMLParser):
    """The text of every cell of every table with an id: {id: [[cell, ...], ...]} (body rows), and
    the class of each row; the rows of the files list under "files"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.row_classes: dict[str, list[str]] = {}
        self._table: Optional[str] = None
        self._in_body = False
        self._cell: Optional[list[str]] = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and (attributes.get("id") or "files-chunk" in (attributes.get("class") or "")):
            self._table = attributes.get("id") or "files"  # the tables of the files list are one
            self.tables.setdefault(self._table, [])
            self.row_classes.setdefault(self._table, [])
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._table and self._in_body:
            self.tables[self._table].append([])
            self.row_classes[self._table].append(attributes.get("class") or "")
        elif tag == "td" and self._table and self._in_body:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._table:
            self.tables[self._table][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> _Tables:
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return parser
