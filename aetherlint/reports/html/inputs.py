"""The report's inputs, checked: a classify artifact, the trend points of a history folder and
gate results. They are files handed over by CI, so every field the report uses is checked for
its type and a bad one is a `BadInput` naming where it is (`workflows[3].line: ...`). Pure.

Texts are made showable (`_text`) and cut to MAX_TEXT characters: a 1,000,000-character source
line must not make the page as large.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Optional

from aetherlint.escape import controls
from aetherlint.jsonread import is_int
from aetherlint.reports.gate import describe

MAX_TEXT = 300
_TIMESTAMP_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


class BadInput(ValueError):
    """`str()` says where and what, e.g. "workflows[3].line: not an integer"."""


@dataclass(frozen=True)
class Record:
    path: str
    category: str
    failing: bool  # failed and not suppressed
    suppressed: bool
    rule: str
    line: Optional[int]
    message: str
    source: str  # the source line of the failure ("" when unknown)
    fingerprints: tuple[str, ...]  # the line and stable fingerprints it has


@dataclass(frozen=True)
class Summary:
    total: int
    failed: int
    failure_rate: float
    suppressed: int
    timestamp: str
    tool_version: str
    categories: dict[str, int]  # sorted by name
    unknown_functions: list[tuple[str, int]]
    stale: list[str]
    expired: list[str]
    problems: list[str]

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.timestamp[:10])


@dataclass(frozen=True)
class Classification:
    records: list[Record]  # sorted by path
    summary: Summary


@dataclass(frozen=True)
class TrendPoint:
    timestamp: str
    total: int
    failed: int
    suppressed: int
    categories: dict[str, int]


@dataclass(frozen=True)
class Gate:
    name: str
    ok: bool
    manual: bool
    description: str


@dataclass(frozen=True)
class GateResults:
    checked: str  # the `_meta.ts` timestamp ("" when absent)
    all_passed: bool
    gates: list[Gate]


def classification(data: Any) -> Classification:
    document = _object(data, "the document")
    records = [_record(item, f"workflows[{i}]") for i, item in enumerate(_list(document, "workflows", ""))]
    records.sort(key=lambda r: r.path)
    return Classification(records, _summary(_object(document.get("summary"), "summary")))


def trends(data: Any) -> list[TrendPoint]:
    """The points of trends.json, oldest first (as history.py keeps them; sorted again, stably)."""
    if not isinstance(data, list):
        raise BadInput("not a list of trend points")
    points = []
    for index, item in enumerate(data):
        where = f"[{index}]"
        point = _object(item, where)
        points.append(TrendPoint(
            _timestamp(point, "timestamp", where), _count(point, "total", where), _count(point, "failed", where),
            _count(point, "suppressed", where), _counts(_object(point.get("categories"), f"{where}.categories"),
                                                        f"{where}.categories")))
    points.sort(key=lambda p: p.timestamp)
    return points


def gate_results(data: Any) -> GateResults:
    document = _object(data, "the document")
    meta = _object(document.get("_meta", {}), "_meta")
    checked = meta.get("ts", "")
    if not isinstance(checked, str):
        raise BadInput("_meta.ts: not a string")
    gates = []
    for name, item in document.items():  # in the file's order: gate.py writes the gates in a meaningful one
        if name == "_meta":
            continue
        entry = _object(item, name)
        ok, manual = entry.get("ok"), entry.get("manual", False)
        if not isinstance(ok, bool) or not isinstance(manual, bool):
            raise BadInput(f"{name}: 'ok' and 'manual' must be true or false")
        details = entry.get("details", {})
        gates.append(Gate(_text(name), ok, manual, _text(describe(details)) if _known_details(details) else ""))
    all_passed = meta.get("all_passed", all(g.ok for g in gates))
    if not isinstance(all_passed, bool):
        raise BadInput("_meta.all_passed: not true or false")
    return GateResults(_text(checked), all_passed, gates)


def _known_details(details: object) -> bool:
    """The shapes `describe` knows (gate.py writes them); another one is shown without details."""
    if not isinstance(details, dict):
        return False
    if "code" in details:
        return isinstance(details["code"], str) and all(is_int(details.get(k)) for k in ("old", "new"))
    if "files" in details:
        return isinstance(details["files"], list)
    return all(isinstance(details.get(k), list) for k in ("stale", "expired"))


def _record(item: Any, where: str) -> Record:
    record = _object(item, where)
    path, category = _string(record, "path", where), _string(record, "category", where)
    code, suppressed = record.get("code", 0), record.get("suppressed", False)
    if not is_int(code) or not isinstance(suppressed, bool):
        raise BadInput(f"{where}: 'code' must be an integer and 'suppressed' true or false")
    rule = _optional(record, "rule", str, where) or ""
    line = _optional(record, "line", int, where)
    fingerprints = tuple(fp for key in ("fingerprint", "stable_fingerprint")
                         if (fp := _optional(record, key, str, where)))
    message = (_optional(record, "message", str, where) or "").replace("\r\n", " ").replace("\n", " ")
    return Record(_text(path), _text(category), code != 0 and not suppressed, suppressed, _text(rule), line,
                  _text(message), _text(_source(record, rule, line, where)), fingerprints)


def _source(record: dict, rule: str, line: Optional[int], where: str) -> str:
    """The source line of the record's failure: that of its diagnostic (same rule and line)."""
    diagnostics = record.get("diagnostics", [])
    if not isinstance(diagnostics, list):
        raise BadInput(f"{where}.diagnostics: not a list")
    for index, item in enumerate(diagnostics):
        diagnostic = _object(item, f"{where}.diagnostics[{index}]")
        if diagnostic.get("rule") == rule and diagnostic.get("line") == line:
            return _optional(diagnostic, "source", str, f"{where}.diagnostics[{index}]") or ""
    return ""


def _summary(summary: dict) -> Summary:
    where = "summary"
    rate = summary.get("failure_rate")
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
        raise BadInput("summary.failure_rate: not a number from 0 to 1")
    categories = _object(summary.get("categories"), "summary.categories")
    counts = {}
    for name, entry in categories.items():
        counts[name] = _count(_object(entry, f"summary.categories.{name}"), "count", f"summary.categories.{name}")
    unknown = []
    for index, pair in enumerate(_list(summary, "top_unknown_functions", where)):
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and is_int(pair[1])):
            raise BadInput(f"summary.top_unknown_functions[{index}]: not a [name, count] pair")
        unknown.append((_text(pair[0]), pair[1]))
    version = summary.get("tool_version", "")
    return Summary(
        _count(summary, "total", where), _count(summary, "failed", where), float(rate),
        _count(summary, "suppressed_failures", where), _timestamp(summary, "timestamp", where),
        _text(version) if isinstance(version, str) else "", {_text(k): v for k, v in sorted(counts.items())},
        unknown, _strings(summary, "stale_suppressions"), _strings(summary, "expired_suppressions"),
        _strings(summary, "suppression_problems"))


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise BadInput(f"{where}: not an object")
    return value


def _list(obj: dict, key: str, where: str) -> list:
    value = obj.get(key)
    if not isinstance(value, list):
        raise BadInput(f"{where + '.' if where else ''}{key}: not a list")
    return value


def _strings(summary: dict, key: str) -> list[str]:
    values = summary.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise BadInput(f"summary.{key}: not a list of strings")
    return [_text(v) for v in values]


def _string(obj: dict, key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise BadInput(f"{where}.{key}: not a string")
    return value


def _optional(obj: dict, key: str, kind: type, where: str) -> Any:
    value = obj.get(key)
    if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
        return value
    raise BadInput(f"{where}.{key}: not {'an integer' if kind is int else 'a string'} or null")


def _count(obj: dict, key: str, where: str) -> int:
    value = obj.get(key)
    if not is_int(value) or value < 0:
        raise BadInput(f"{where}.{key}: not a count (an integer of at least 0)")
    return value


def _counts(obj: dict, where: str) -> dict[str, int]:
    return {_text(name): _count(obj, name, where) for name in sorted(obj)}


def _timestamp(obj: dict, key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not _TIMESTAMP_RE.fullmatch(value):
        raise BadInput(f"{where}.{key}: not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)")
    try:
        dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise BadInput(f"{where}.{key}: not a date and time that exists") from None
    return value





def _text(text: str) -> str:
    """As the page shows it: control characters as `\\x1b`, lone surrogates as `\\udce9` (they
    cannot be written as UTF-8), at most MAX_TEXT characters."""
    text = controls(text).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
