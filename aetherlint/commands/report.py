"""`aetherlint report` (and `classify --html`): the HTML dashboard of a classification, the
history it belongs to, gate results and the suppression list, written atomically."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Optional, TypeVar

from aetherlint.commands import outputs
from aetherlint.reports.suppression_list import load_list
from aetherlint.errors import EXIT_OK, UsageError
from aetherlint.words import plural
from aetherlint.reports.suppressions import Entry

if TYPE_CHECKING:
    from aetherlint.reports.html.inputs import Classification, GateResults

T = TypeVar("T")

DEFAULT_OUTPUT = "aetherlint-report.html"
DEFAULT_CLASSIFICATION = "workflow_failures.json"
DEFAULT_HISTORY_DIR = ".aetherra/workflow_history"  # classify's default
MAX_CLASSIFICATION = 512_000_000  # bytes; a 10,000-file classification is about 10 MB
MAX_SMALL_INPUT = 16_000_000  # trends.json and gate results: a few kB


def run(
    classification: str = DEFAULT_CLASSIFICATION,
    history_dir: Optional[str] = None,
    gate_results: Optional[str] = None,
    suppressions: Optional[str] = None,
    output: str = DEFAULT_OUTPUT,
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    """`history_dir` None: classify's default folder when there is one (else no trend)."""
    from aetherlint.reports.html import inputs

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    require_jinja()
    outputs.check({"--output": output})
    if history_dir is not None and not Path(history_dir).is_dir():
        raise UsageError(f"--history-dir {history_dir}: not a directory")
    document = _read_json(Path(classification), "classification", MAX_CLASSIFICATION)
    checked = _checked(f"classification {classification}", inputs.classification, document)
    gates = None
    if gate_results:
        data = _read_json(Path(gate_results), "gate results", MAX_SMALL_INPUT)
        gates = _checked(f"gate results {gate_results}", inputs.gate_results, data)
    entries = load_list(suppressions, Path.cwd(), by_user=suppressions is not None).entries
    runs = write_html(output, checked, Path(history_dir or DEFAULT_HISTORY_DIR), entries, stdout, gates)
    summary = checked.summary
    where = "standard output" if output == outputs.STDOUT else output
    print(f"Wrote {where}: {plural(summary.total, 'workflow')}, {summary.failed} failing "
          f"({summary.failure_rate:.1%}), {plural(runs, 'run')} of history.",
          file=stderr if output == outputs.STDOUT else stdout)
    return EXIT_OK


def require_jinja() -> None:
    """A usage error up front when the optional dependency is missing (before any work)."""
    try:
        import jinja2  # noqa: F401
    except ImportError:
        raise UsageError("the HTML report needs jinja2: python -m pip install 'aetherlint[report]'") from None


def write_classified(output: str, document: dict, history_dir: Path, entries: Iterable[Entry], stdout: IO[str]) -> None:
    """`classify --html`: the report of the run's own document."""
    from aetherlint.reports.html import inputs

    write_html(output, _checked("classification", inputs.classification, document), history_dir, entries, stdout)


def write_html(
    output: str, checked: "Classification", history_dir: Path, entries: Iterable[Entry], stdout: IO[str],
    gates: Optional["GateResults"] = None,
) -> int:
    """Render and write the report (with the trend of `history_dir` when it is a folder);
    returns how many runs of history it shows."""
    from aetherlint.reports.html import dashboard, inputs
    from aetherlint.reports.html.render import render

    trends = history_dir / "trends.json"
    runs = _checked(str(trends), inputs.trends, _trends(trends)) if history_dir.is_dir() else []
    outputs.write(output, render(dashboard.build(checked, runs, gates, entries)), stdout)
    return len(runs)


def _checked(what: str, check: Callable[[Any], T], data: Any) -> T:
    from aetherlint.escape import controls
    from aetherlint.reports.html.inputs import BadInput

    try:
        return check(data)
    except BadInput as exc:  # it may quote a key of the file: no terminal escapes
        raise UsageError(controls(f"{what}: {exc}")) from None


def _trends(path: Path) -> Any:
    """The points of trends.json; none when the folder has no such file."""
    try:
        return _load(path, MAX_SMALL_INPUT)
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: {_why(exc)}") from None


def _read_json(path: Path, what: str, limit: int) -> Any:
    try:
        return _load(path, limit)
    except FileNotFoundError:
        raise UsageError(f"{what} {path}: file not found") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{what} {path}: {_why(exc)}") from None


def _load(path: Path, limit: int) -> Any:
    from aetherlint.jsonread import loads
    from aetherlint.safeopen import read_regular

    return loads(read_regular(path, limit).decode("utf-8-sig"))


def _why(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, OSError):
        return f"cannot read ({exc.strerror or exc})"
    return str(exc)
