"""A buffer through `check`'s pipeline, with the settings `check` would use for its file.

The settings of a document are those of the nearest configuration file to its path, as `check`
finds them, with the client's `select`, `ignore` and `extend-builtins` on top, as `check`'s flags
are. Each workspace folder is a project root of its own when no configuration file says
otherwise (`check` run from that folder); a document outside every folder gets its own folder's.
Nothing here knows about the protocol: text and a path in, a FileResult out.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence

from aetherlint.check import check_bytes
from aetherlint.diagnostic import Diagnostic
from aetherlint.errors import UsageError
from aetherlint.reports.policies import Policies, RuleOptions
from aetherlint.result import FileResult, failed
from aetherlint.safeopen import TooLarge
from aetherlint.settings import options as opt
from aetherlint.settings.model import Settings
from aetherlint.settings.resolver import Overrides, Resolver
from aetherlint.syntax.incremental import Memo

UNTITLED = "<stdin>"  # a buffer never saved: checked like standard input, in the first folder
CLIENT_KEYS = (opt.SELECT.key, opt.IGNORE.key, opt.EXTEND_BUILTINS.key)


def client_flags(options: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The settings the client gives (initialization options or `workspace/configuration`), as
    flags, and a problem for each key that is not valid (it is dropped, the rest applies)."""
    flags: dict[str, Any] = {}
    problems = []
    for key in CLIENT_KEYS:
        value = options.get(key, options.get(key.replace("-", "_")))
        if value is None:
            continue
        try:
            opt.BY_KEY[key].kind.parse(value, None)
        except ValueError as exc:
            problems.append(f"setting {key!r} {exc}")
            continue
        flags[key] = value
    return flags, problems


class Linter:
    """The settings of every document of one session; `reset` after a configuration changes."""

    def __init__(self, folders: Sequence[Path] = (), flags: Optional[Mapping[str, Any]] = None,
                 warn: Callable[[str], None] = lambda message: None) -> None:
        self.folders = [Path(os.path.abspath(f)) for f in folders]
        self.flags = dict(flags or {})
        self.warn = warn
        self.reset()

    def reset(self) -> None:
        """Forget every configuration read (a file changed, or the client's settings did)."""
        self._resolvers: dict[Path, Resolver] = {}
        self._policies: dict[tuple[Path, Optional[Path], int], Policies] = {}
        self._defaults: Optional[Resolver] = None
        self._invalid: set[Path] = set()  # folders whose configuration is invalid
        self._warned: set[str] = set()

    def set_folders(self, folders: Sequence[Path]) -> None:
        self.folders = [Path(os.path.abspath(f)) for f in folders]
        self.reset()

    def set_flags(self, flags: Mapping[str, Any]) -> None:
        self.flags = dict(flags)
        self.reset()

    def lint(self, text: str, path: Optional[Path], memo: Optional[Memo] = None) -> FileResult:
        """What `check` reports for `path` if it held `text`; a bug anywhere is AE2701 on this
        document, never an exception. `memo`: the document's, to re-scan only what changed."""
        display = str(path) if path is not None else UNTITLED
        try:
            return self._lint(text, path, display, memo)
        except Exception as exc:  # a bug in aetherlint: this document says so, the server goes on
            message = f"internal error: {type(exc).__name__}"
            return failed(display, "parse", [Diagnostic("AE2701", 1, 1, message)], traceback=traceback.format_exc())

    def settings_for(self, path: Optional[Path]) -> Settings:
        return self._settings(self._where(path))[1]

    def _settings(self, where: Path) -> tuple[Resolver, Settings]:
        resolver = self._resolver(where)
        if where.parent not in self._invalid:
            try:
                return resolver, resolver.for_path(where)
            except UsageError as exc:  # an invalid configuration: say so once, check with defaults
                self._tell(f"{exc} (checking with the default settings)")
                self._invalid.add(where.parent)  # until it changes (`reset`), not re-read per keystroke
        resolver = self._isolated()
        return resolver, resolver.for_path(where)

    def _lint(self, text: str, path: Optional[Path], display: str, memo: Optional[Memo]) -> FileResult:
        where = self._where(path)
        resolver, settings = self._settings(where)
        data = text.encode("utf-8", "surrogatepass")
        limit = settings[opt.MAX_FILE_SIZE]
        if len(data) > limit:
            result = failed(display, "read", [Diagnostic("AE2605", 1, 1, str(TooLarge(len(data), limit)))])
        else:
            result = check_bytes(data, display, settings.builtins_for(settings.relative(where)), memo)
        return self._policies_for(settings, resolver).apply(result)

    def _where(self, path: Optional[Path]) -> Path:
        if path is not None:
            return Path(os.path.abspath(path))
        return (self.folders[0] if self.folders else Path(os.path.abspath(os.curdir))) / UNTITLED

    def _resolver(self, where: Path) -> Resolver:
        """The resolver of the workspace folder holding `where` (the innermost one), else of the
        document's own folder: the folder `check` would be run from."""
        inside = [f for f in self.folders if f == where or f in where.parents]
        root = max(inside, key=lambda f: len(f.parts)) if inside else where.parent
        resolver = self._resolvers.get(root)
        if resolver is None:
            resolver = self._resolvers[root] = Resolver(Overrides(flags=self.flags), opt.CHECK, root)
        return resolver

    def _isolated(self) -> Resolver:
        if self._defaults is None:
            self._defaults = Resolver(Overrides(isolated=True, flags=self.flags), opt.CHECK)
        return self._defaults

    def _policies_for(self, settings: Settings, resolver: Resolver) -> Policies:
        key = (settings.root, settings.file, id(resolver))
        policies = self._policies.get(key)
        if policies is None:
            try:
                policies = Policies(RuleOptions.of(settings), settings.root, resolver, self._tell)
            except UsageError as exc:  # an unreadable suppression list, a bad selector
                self._tell(f"{exc} (checking with every rule, without suppressions)")
                policies = Policies(RuleOptions(respect_suppressions=False), settings.root, resolver, self._tell)
            self._policies[key] = policies
        return policies

    def _tell(self, message: str) -> None:
        if message not in self._warned:  # once per configuration, not on every keystroke
            self._warned.add(message)
            self.warn(message)
