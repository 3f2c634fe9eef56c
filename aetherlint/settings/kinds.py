"""The types of setting values: each checks a value from TOML or the command line and says, in
words, what it must be. `parse` raises ValueError with the end of a sentence that starts with the
key ("must be a list of strings"), so every source reports a bad value the same way.

`base` is the folder of the configuration file a value comes from, or None for values from the
command line, whose paths are relative to the current directory.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any, Generic, Optional, TypeVar

T = TypeVar("T")


class Kind(Generic[T]):
    name = ""  # what the README table calls it
    metavar = "VALUE"  # how --help writes the option's value

    def parse(self, value: object, base: Optional[Path]) -> T:
        raise NotImplementedError

    def show(self, value: T) -> str:
        """The value as TOML writes it (for `config --show`)."""
        return toml_value(value)


class Flag(Kind[bool]):
    name = "boolean"

    def parse(self, value: object, base: Optional[Path]) -> bool:
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value


class Integer(Kind[int]):
    metavar = "N"

    def __init__(self, low: int, high: Optional[int] = None) -> None:
        self.low, self.high = low, high
        self.name = f"integer, {low} to {high}" if high is not None else f"integer ≥ {low}"

    def parse(self, value: object, base: Optional[Path]) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            if value >= self.low and (self.high is None or value <= self.high):
                return value
        if self.high is not None:
            raise ValueError(f"must be an integer from {self.low} to {self.high}")
        raise ValueError(f"must be an integer of at least {self.low}")


MAX_TIMEOUT = 86_400.0  # a day per file; larger values only overflow the engine's timers


class Seconds(Kind[float]):
    name = "seconds"
    metavar = "SECONDS"

    def parse(self, value: object, base: Optional[Path]) -> float:
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else math.nan
        if not (math.isfinite(number) and 0 < number <= MAX_TIMEOUT):
            raise ValueError(f"must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}")
        return float(number)


class Size(Kind[int]):
    name = "size (`5MB`, `512kB`, bytes)"
    metavar = "SIZE"

    def parse(self, value: object, base: Optional[Path]) -> int:
        from aetherlint.settings.sizes import parse_size

        try:
            return parse_size(value)
        except ValueError as exc:
            raise ValueError(str(exc).replace("expected", "must be", 1)) from None


class Strings(Kind[tuple[str, ...]]):
    def __init__(self, what: str = "strings") -> None:
        self.name = f"list of {what}"

    def parse(self, value: object, base: Optional[Path]) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of strings")
        return tuple(value)


class Choice(Kind[str]):
    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values
        self.name = " \\| ".join(f"`{v}`" for v in values)
        self.metavar = "|".join(values)

    def parse(self, value: object, base: Optional[Path]) -> str:
        if value not in self.values:
            raise ValueError(f"must be one of {', '.join(self.values)}")
        return value  # type: ignore[return-value]


class Rules(Kind[tuple[str, ...]]):
    """Rule selectors: a rule id (`AE2501`), a rule name (`unknown-function`) or an id prefix (`AE25`)."""

    name = "list of rule ids, names or id prefixes"

    def parse(self, value: object, base: Optional[Path]) -> tuple[str, ...]:
        from aetherlint.rules import RULES
        from aetherlint.rules.selectors import resolve

        if isinstance(value, str):  # a flag: `--ignore AE2501,unknown-function`
            value = [part.strip() for part in value.split(",") if part.strip()]
        items = Strings().parse(value, base)
        known = {*RULES, *(rule.name for rule in RULES.values())}
        for item in items:
            try:
                resolve(item)
            except ValueError:
                raise ValueError(f"names no rule: {item!r}{suggestion(item, sorted(known))}") from None
        return items


class Renames(Kind[tuple[tuple[str, str], ...]]):
    name = "table of name = new name"

    def parse(self, value: object, base: Optional[Path]) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.isidentifier() for k, v in value.items()
        ):
            raise ValueError("must map names to identifier strings")
        return tuple(sorted(value.items()))

    def show(self, value: tuple[tuple[str, str], ...]) -> str:
        return "{" + ", ".join(f"{toml_value(k)} = {toml_value(v)}" for k, v in value) + "}"


class FilePath(Kind[Optional[str]]):
    """A path. From a configuration file it is relative to that file's folder and may not lead
    outside it: a repository decides where aetherlint reads and writes only inside itself.
    `-` (standard output) and `` (off) are kept as they are where `special` allows them."""

    name = "path"
    metavar = "PATH"

    def __init__(self, special: tuple[str, ...] = ()) -> None:
        self.special = special

    def parse(self, value: object, base: Optional[Path]) -> Optional[str]:
        if not isinstance(value, str) or "\0" in value:
            raise ValueError("must be a path (a string)")
        if value in self.special or base is None:
            return value
        joined = os.path.join(base, value)
        real, top = (os.path.normcase(os.path.realpath(p)) for p in (joined, base))
        if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
            raise ValueError(f"{value!r} lies outside the project")
        return joined


def suggestion(word: str, candidates: list[str]) -> str:
    """` (did you mean 'exclude'?)`, or nothing when no candidate is close."""
    import difflib

    close = difflib.get_close_matches(word, candidates, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    import json

    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string is a JSON string
