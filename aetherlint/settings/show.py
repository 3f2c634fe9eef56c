"""Settings as text: `config --show` (TOML with where each value came from) and the README table."""

from __future__ import annotations

from pathlib import Path

from aetherlint.settings.kinds import toml_value
from aetherlint.settings.model import Settings
from aetherlint.settings.options import BY_KEY, EXTEND_KEY, OPTIONS, PATHS_KEY, PER_FILE_KEY, Option
from aetherlint.settings.sources import shown

_EXTRA_ROWS = [  # the keys of a configuration file that are not options
    (EXTEND_KEY, "path", "none", "all", "file", "Another configuration file to start from (relative to this one); "
     "this file's values go on top."),
    (PER_FILE_KEY, "array of tables", "none", "check, classify, baseline", "file",
     f"`[[{PER_FILE_KEY}]]` tables: `{PATHS_KEY}` (globs relative to the project root) and the per-file "
     "keys (`extend-builtins`, `ignore`, `select`) for the files they match."),
]


def settings_text(settings: Settings, path: Path) -> str:
    """The effective settings, as TOML one could paste into `aetherlint.toml`, each line with
    where its value came from; the per-file tables say whether they apply to `path`."""
    source = f"{shown(settings.file)}" if settings.file else "no configuration file"
    lines = [f"# Settings for {shown(path)}: project root {shown(settings.root)} ({source})"]
    matching = settings.matching(settings.relative(path))
    for option in OPTIONS:
        if not option.top_level:
            continue
        value = settings[option]
        origin = settings.origins[option.key]
        if value is None:
            lines.append(f"# {option.key}: {option.default_text}  # {origin}")
        else:
            lines.append(f"{option.key} = {option.kind.show(value)}  # {origin}")
    for table in settings.per_file:
        applies = "applies to" if table in matching else "does not apply to"
        lines += ["", f"[[{PER_FILE_KEY}]]  # {table.origin}; {applies} {shown(path)}",
                  f"{PATHS_KEY} = {toml_value(table.paths)}"]
        lines += [f"{key} = {BY_KEY[key].kind.show(value)}" for key, value in table.values.items()]
    return "\n".join(lines) + "\n"


def markdown_table() -> str:
    """The README's table of every configuration key."""
    rows = ["| key | type | default | commands | read per | description |", "|---|---|---|---|---|---|"]
    for option in OPTIONS:
        rows.append(_row(option.key, option.kind.name, _default(option), ", ".join(option.commands),
                         option.scope, _description(option)))
    rows += [_row(*extra) for extra in _EXTRA_ROWS]
    return "\n".join(rows) + "\n"


def _row(*cells: str) -> str:
    first, *rest = cells
    return "| " + " | ".join([f"`{first}`", *(c.replace("|", "\\|") for c in rest)]) + " |"


def _default(option: Option) -> str:
    if option.default_text:
        return option.default_text
    return f"`{option.kind.show(option.default)}`"


def _description(option: Option) -> str:
    flags = [f for f in option.flags if f.startswith("--")]
    text = option.help
    if flags:
        text += f" Flag: `{'`, `'.join(flags)}`."
    if option.per_file and option.top_level:
        text += " Also per file."
    return text
