"""The option table: every setting, once, with its type, default and help. Configuration files,
`--config KEY=VALUE`, the command-line flags (cli.py builds them from here), `config --show` and
the README table all come from it, so adding a setting is one `_option(...)` call.

`scope` says which configuration a setting is read from: `file` settings from the configuration
nearest to each file (a monorepo checks every file with its own project's settings), `run`
settings from the configuration of the folder the command is about (the current folder for
`check` and `migrate`, ROOT for `classify` and `baseline`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from aetherlint.settings.kinds import Choice, FilePath, Flag, Integer, Kind, Renames, Rules, Seconds, Size, Strings


CHECK, CLASSIFY, BASELINE, MIGRATE = "check", "classify", "baseline", "migrate"
SIGN, VERIFY, RISK = "sign", "verify", "risk"
WALKERS = (CHECK, CLASSIFY, BASELINE, MIGRATE, SIGN, VERIFY, RISK)  # the commands that look for files


@dataclass(frozen=True)
class Option:
    key: str
    kind: Kind[Any]
    default: Any  # None: not set (`default_text` says what that means)
    help: str
    commands: tuple[str, ...]  # the commands it changes
    scope: str = "run"  # "run" or "file" (see the module docstring)
    flags: tuple[str, ...] = ()  # its command-line spelling in those commands; () = config only
    merge: str = "replace"  # "extend": lists add up over `extend`, --config and flags
    per_file: bool = False  # also allowed in a [[per-file]] table
    top_level: bool = True  # False: only in [[per-file]] tables (for now)
    default_text: str = ""  # how the docs write the default when the value does not say it
    flag_help: str = ""  # the flag's help when it says the opposite of `help` (`--no-cache`)
    command_defaults: Mapping[str, Any] = field(default_factory=dict)  # another default for some commands

    @property
    def name(self) -> str:
        """The Python name (click's parameter name)."""
        return self.key.replace("-", "_")

    def default_for(self, command: Optional[str]) -> Any:
        return self.command_defaults.get(command, self.default) if command else self.default


OPTIONS: list[Option] = []


def _option(key: str, kind: Kind[Any], default: Any, help: str, commands: tuple[str, ...], **more: Any) -> Option:
    option = Option(key, kind, default, help, commands, **more)
    OPTIONS.append(option)
    return option


# ---- which files -------------------------------------------------------------------------------
EXCLUDE = _option(
    "exclude", Strings("globs"), (), "Files and folders to skip: globs relative to the project root; a glob "
    "without `/` matches a name at any depth. An `extend`ing file's value replaces the base's.",
    WALKERS, scope="file")
EXTEND_EXCLUDE = _option(
    "extend-exclude", Strings("globs"), (), "More globs to skip, added to those of the base configuration.",
    WALKERS, scope="file", merge="extend")
FORCE_EXCLUDE = _option(
    "force-exclude", Flag(), False, "Apply the exclusions to files named on the command line too "
    "(for pre-commit, which names every file).", (CHECK, MIGRATE, SIGN), scope="file", flags=("--force-exclude",))
RESPECT_GITIGNORE = _option(
    "respect-gitignore", Flag(), True, "Skip what `.gitignore` files ignore (as git reads them).",
    WALKERS, scope="file", flags=("--respect-gitignore/--no-respect-gitignore",))
STRICT_PATHS = _option(
    "strict-paths", Flag(), False, "A path that matches no file is a usage error (exit 2), not a warning.",
    (CHECK, MIGRATE, SIGN, VERIFY, RISK), flags=("--strict-paths",))
LIMIT = _option(
    "limit", Integer(0), None, "Only the first N files of the sorted list.", (CLASSIFY, BASELINE),
    flags=("--limit",), default_text="all files")
# ---- how to check ------------------------------------------------------------------------------
EXTEND_BUILTINS = _option(
    "extend-builtins", Strings("function names"), (), "Functions to accept as known besides the built-ins.",
    (CHECK, CLASSIFY, BASELINE), scope="file", merge="extend", per_file=True)
# ---- which rules count --------------------------------------------------------------------------
SELECT = _option(
    "select", Rules(), None, "Only these rules (ids, names, or families such as `AE25`, "
    "`VALIDATION_ERROR`); read and parse errors are always reported. In a `[[per-file]]` table: "
    "reported as well, for the matching files (check).", (CHECK, CLASSIFY), flags=("--select",), per_file=True,
    default_text="every rule on by default (not the AE28xx risk rules)")
EXTEND_SELECT = _option(
    "extend-select", Rules(), (), "These rules as well as the selected ones.", (CHECK, CLASSIFY), merge="extend",
    flags=("--extend-select",))
IGNORE = _option(
    "ignore", Rules(), (), "Rules not to report; in a `[[per-file]]` table, for the matching files only "
    "(check).", (CHECK, CLASSIFY), merge="extend", per_file=True, flags=("--ignore",))
SUPPRESSIONS = _option(
    "suppressions", FilePath(), None, "The suppression list.", (CHECK, CLASSIFY), flags=("--suppressions",),
    default_text="suppressions.txt at the project root")
RESPECT_SUPPRESSIONS = _option(
    "respect-suppressions", Flag(), True, "Honour inline `# aetherlint: ignore[...]` comments and the "
    "suppression list.", (CHECK, CLASSIFY), flags=("--no-suppressions",),
    flag_help="Disregard inline and listed suppressions.")
STRICT_SUPPRESSIONS = _option(
    "strict-suppressions", Flag(), False, "Unused suppressions (AE2901) are errors; for classify, stale "
    "or expired list entries fail the run too.", (CHECK, CLASSIFY), flags=("--strict-suppressions",))
SEVERITY_THRESHOLD = _option(
    "severity-threshold", Choice(("error", "warning")), "error", "The mildest severity that fails a file.",
    (CHECK,), flags=("--severity-threshold",))
EXIT_ZERO = _option(
    "exit-zero", Flag(), False, "Exit 0 even when files fail (2 still means a usage error).", (CHECK, CLASSIFY),
    flags=("--exit-zero",))
MAX_FILE_SIZE = _option(
    "max-file-size", Size(), 5_000_000, "Larger files are IO_ERROR, never read whole.",
    (CHECK, CLASSIFY, BASELINE), scope="file", flags=("--max-file-size",), default_text="5MB")
JOBS = _option(
    "jobs", Integer(1), None, "Worker processes (at most 4 per CPU).", (CHECK, CLASSIFY, BASELINE),
    flags=("-j", "--jobs"), default_text="CPU count")
TIMEOUT = _option(
    "timeout", Seconds(), None, "Seconds allowed per file; a file past it is TIMEOUT_ERROR.",
    (CHECK, CLASSIFY, BASELINE), flags=("--timeout",), default_text="check: no limit; classify, baseline: 10",
    command_defaults={CLASSIFY: 10.0, BASELINE: 10.0})
CACHE = _option(
    "cache", Flag(), True, "Use the result cache (`.aetherlint_cache/` at the project root).",
    (CHECK, CLASSIFY, BASELINE), flags=("--no-cache",), flag_help="Do not use the result cache (check every file).")
# ---- signatures (the key itself never comes from a configuration file: AETHERLINT_SIGNING_KEY or --key-file)
REQUIRE_SIGNATURE = _option(
    "require-signature", Flag(), False, "Every file must carry a valid `# @signature:` header (SIGNATURE_ERROR 22 "
    "otherwise), checked with AETHERLINT_SIGNING_KEY or `--key-file` and the trusted keys.", (CHECK, CLASSIFY),
    flags=("--require-signature",))
TRUSTED_KEYS = _option(
    "trusted-keys", FilePath(), None, "The trusted Ed25519 public keys, one `<key-id> <base64>` line each "
    "(what `aetherlint keygen` prints).", (CHECK, CLASSIFY, SIGN, VERIFY), flags=("--trusted-keys",),
    default_text="none")
REVOKED_KEYS = _option(
    "revoked-keys", FilePath(), None, "Key ids whose signatures fail (revoked), one per line.",
    (CHECK, CLASSIFY, SIGN, VERIFY), flags=("--revoked-keys",), default_text="none")
RENAMES = _option(
    "renames", Renames(), (), "Deprecated function = its replacement, for `migrate` (`rename-functions`).",
    (MIGRATE,), scope="file", merge="update")
# ---- what check prints -------------------------------------------------------------------------
JSON_STATUS = _option(
    "json-status", Flag(), False, "One JSON status object per file on stdout.", (CHECK,), flags=("--json-status",))
EMIT_ERROR_CODE = _option(
    "emit-error-code", Flag(), False, "Print AETHER_ERROR_CODE:<int> on stderr per file.", (CHECK,),
    flags=("--emit-error-code",))
QUIET = _option(
    "quiet", Flag(), False, "Print nothing but the status lines asked for.", (CHECK,), flags=("-q", "--quiet"))
VERBOSE = _option(
    "verbose", Flag(), False, "Show tracebacks of internal errors and the symlinks that were not followed.",
    (CHECK, CLASSIFY), flags=("-v", "--verbose"))
# ---- what classify writes ----------------------------------------------------------------------
OUTPUT = _option(
    "output", FilePath(("-",)), "workflow_failures.json", "The JSON artifact (`-`: standard output).",
    (CLASSIFY,), flags=("--output",))
MARKDOWN = _option(
    "markdown", FilePath(("-", "")), "workflow_failures.md", "The Markdown artifact (`-`: standard output, "
    "empty: none).", (CLASSIFY,), flags=("--markdown",))
HTML = _option(
    "html", FilePath(), None, "Also write the HTML report there (as `aetherlint report`; needs "
    "`aetherlint[report]`).", (CLASSIFY,), flags=("--html",), default_text="none")
HISTORY = _option(
    "history", Flag(), True, "Write a history snapshot and trends.", (CLASSIFY,), flags=("--no-history",),
    flag_help="Write no history snapshot or trends.")
HISTORY_DIR = _option(
    "history-dir", FilePath(), ".aetherra/workflow_history", "Where the history goes.", (CLASSIFY,),
    flags=("--history-dir",))
HISTORY_KEEP = _option(
    "history-keep", Integer(1, 100_000), 50, "Snapshots kept in the history folder.", (CLASSIFY,))
LOG_FILE = _option(
    "log-file", FilePath(), None, "The JSON-lines log.", (CLASSIFY,), flags=("--log-file",),
    default_text="classify.log in the history folder")
# ---- reports ------------------------------------------------------------------------------------
# The formats of aetherlint.reports.formats (a test keeps the two lists equal).
FORMATS = ("text", "concise", "json", "jsonl", "sarif", "github", "gitlab", "junit")
OUTPUT_FORMAT = _option(
    "output-format", Choice(FORMATS), None, "The report's format.", (CHECK, CLASSIFY),
    flags=("--output-format",), default_text="github when GITHUB_ACTIONS=true, else text")
OUTPUT_FILE = _option(
    "output-file", FilePath(("-",)), None, "Write the report there, atomically (`-`: standard output).",
    (CHECK, CLASSIFY), flags=("-o", "--output-file"), default_text="standard output")
SARIF = _option(
    "sarif", FilePath(), None, "Also write a SARIF 2.1.0 report there.", (CHECK, CLASSIFY), flags=("--sarif",),
    default_text="none")
JUNIT = _option(
    "junit", FilePath(), None, "Also write a JUnit XML report there.", (CHECK, CLASSIFY), flags=("--junit",),
    default_text="none")
STATISTICS = _option(
    "statistics", Flag(), False, "Print a table of findings per rule.", (CHECK,), flags=("--statistics",))
COLOR = _option(
    "color", Choice(("auto", "always", "never")), "auto", "Colour: `auto` on a terminal unless TERM=dumb, "
    "NO_COLOR or FORCE_COLOR say otherwise.", (CHECK,), flags=("--color",))

BY_KEY: dict[str, Option] = {option.key: option for option in OPTIONS}
# Keys a configuration file has besides the options (documented in the README table too).
EXTEND_KEY, PER_FILE_KEY, PATHS_KEY = "extend", "per-file", "paths"
