"""Credential-looking text: where it is in a string, and the same text with it masked.

One detector serves two jobs: the `hardcoded-secret` rule (AE2801) reports string literals that
hold one, and `redact` masks them wherever aetherlint echoes source (context lines, messages,
cache entries, logs, every report), as `<redacted:ghp_…4f>`: the kind and the last two
characters, enough to tell two keys apart and nothing to use. Pure, `re` only: `check` imports
it on every run.

Kinds, by their fixed shape: `sk-…` API keys (OpenAI, Stripe `sk_live_…`), GitHub tokens
(`ghp_…`, `gho_…`, `ghu_…`, `ghs_…`, `ghr_…`, `github_pat_…`), AWS access key ids (`AKIA`/`ASIA`
and 16 more), Slack tokens (`xoxb-…`, `xoxp-…`, `xoxa-…`, `xoxr-…`, `xoxs-…`), private-key
headers (`-----BEGIN … PRIVATE KEY-----`), and the password of a URL (`scheme://user:password@`).
Besides those, a long random-looking run (see `looks_random`) is a credential when it is the
value given to a name such as `token`, `secret`, `password` or `api_key` (`credential_name`).
Placeholders are never credentials: `"<your-key>"`, `"${ENV}"`, `"{{key}}"`, `"xxxx…"`,
`"****"`, `"sk-your-key-here"`, `"AKIAIOSFODNN7EXAMPLE"` (see `placeholder`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterator



class _Lazy:
    """A regex compiled when it is first used: `check` imports this module on every run, and most
    runs never mask anything (compiling them all costs a few milliseconds of every start)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __getattr__(self, name: str) -> Any:  # only for what the instance lacks: the regex's methods
        value = getattr(re.compile(self.pattern), name)
        setattr(self, name, value)
        return value


# (kind, pattern); the group named `value` is what is masked, the whole match when there is none
_SHAPES = (
    ("private-key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
    ("github_pat_", r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}"),
    ("ghp_", r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{30,}"),
    ("sk-", r"(?<![A-Za-z0-9_-])[sr]k[-_](?:(?:live|test|proj|ant|svcacct)[-_])?[A-Za-z0-9][A-Za-z0-9_-]{19,}"),
    ("AKIA", r"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
    ("xoxb-", r"(?<![A-Za-z0-9])xox[bpars]-[A-Za-z0-9-]{10,}"),
    ("password", r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'\"`]+:(?P<value>[^\s@/'\"`]+)@"),
)
_SHAPE_RE = _Lazy("|".join(f"(?P<k{i}>{pattern.replace('(?P<value>', f'(?P<v{i}>')})"
                                for i, (_, pattern) in enumerate(_SHAPES)))

# Names whose value is a credential: `token`, `github_token`, `SECRET_KEY`, `db_password`,
# `apiKey`, `access-key`, `client_secret`, `private_key`, `credentials`.
_NAME_RE = _Lazy(r"(?i)(?:token|secret|passw(?:or)?d|pwd|api[-_]?key|access[-_]?key|private[-_]?key|credential)s?"
                      r"(?:$|[-_])")
# A name followed by `=` or `:` and a quoted value, in a source line (for `redact` only; the rule
# reads names and values from the AST)
_ASSIGNED_RE = _Lazy(r"(?P<name>[A-Za-z_$][\w$-]*)[\"']?\s*(?:=|:)\s*(?P<q>[\"'])(?P<value>[^\"'\s]{20,})(?P=q)")
_HEX_RE = _Lazy(r"[0-9A-Fa-f]+")
_B64_RE = _Lazy(r"[A-Za-z0-9+/=_-]+")

MIN_RANDOM_LENGTH = 20
HEX_ENTROPY = 3.0  # bits per character; random hex has 4 at most, about 3.7 over 32 characters
BASE64_ENTROPY = 3.5  # random base64 has 6 at most, about 4.6 over 32 characters; English words about 3

_PLACEHOLDER_RE = _Lazy(
    r"<[^>]*>|\$\{|\{\{|%\(|\$[A-Z_]{2,}|(?i:x{4,}|your|example|changeme|placeholder|dummy|redacted|replace|sample|fake|test[-_]?key)"
    r"|\*{3,}|\.{3,}|…")


@dataclass(frozen=True)
class Secret:
    kind: str  # "ghp_", "sk-", "AKIA", "xoxb-", "github_pat_", "private-key", "password", "secret"
    start: int  # of the masked text in the string searched
    end: int

    def mask(self, text: str) -> str:
        """`<redacted:ghp_…4f>`: the kind and the last two characters of the value."""
        if self.kind == "private-key":
            return "<redacted:private-key>"
        return f"<redacted:{self.kind}…{text[self.end - 2:self.end]}>"


# What every shape starts with (a URL's password follows `://`), and the words every credential
# name holds, lower-cased: a file with none of them has no credential in a literal (`may_hold`).
_SHAPE_MARKS = ("-----BEGIN", "github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "sk-", "sk_", "rk-", "rk_",
                "AKIA", "ASIA", "xox", "://")
_NAME_MARKS = ("token", "secret", "passw", "pwd", "apikey", "api_key", "api-key", "accesskey", "access_key",
               "access-key", "privatekey", "private_key", "private-key", "credential")


def may_hold(text: str) -> bool:
    """Whether a file's text may hold a credential in a literal: what the rule looks for, found
    by substring searches (C speed) before any walk of the AST. False for nearly every file."""
    if any(mark in text for mark in _SHAPE_MARKS):
        return True
    lowered = text.lower()
    return any(mark in lowered for mark in _NAME_MARKS)


def placeholder(value: str) -> bool:
    """`<your-key>`, `${ENV}`, `{{key}}`, `xxxx`, `****`, `…`, `your-token-here`, `EXAMPLE` keys,
    or one character repeated: what documentation writes where a credential goes."""
    return bool(_PLACEHOLDER_RE.search(value)) or len(set(value.lower()) - set("-_")) <= 2


def shannon_entropy(value: str) -> float:
    """Bits per character of `value` (its own character frequencies)."""
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def looks_random(value: str) -> bool:
    """A credential-like run: at least MIN_RANDOM_LENGTH characters, all hex with at least
    HEX_ENTROPY bits per character, or all base64/URL-safe base64 with letters and digits and at
    least BASE64_ENTROPY bits per character; never a placeholder."""
    if len(value) < MIN_RANDOM_LENGTH or placeholder(value):
        return False
    if _HEX_RE.fullmatch(value):
        return shannon_entropy(value) >= HEX_ENTROPY and any(c.isdigit() for c in value)
    if not _B64_RE.fullmatch(value):
        return False
    has_letters_and_digits = any(c.isdigit() for c in value) and any(c.isalpha() for c in value)
    return has_letters_and_digits and shannon_entropy(value) >= BASE64_ENTROPY


def credential_name(name: str) -> bool:
    """`token`, `api_key`, `GITHUB_TOKEN`, `db_password`, `clientSecret`, `secret_key`: a name whose
    value is a credential (its last word, or its first one)."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name.lstrip("$"))  # camelCase: client_Secret
    return bool(_NAME_RE.search(words))


def shaped(text: str) -> Iterator[Secret]:
    """The credentials of a fixed shape in `text` (not placeholders), left to right."""
    if len(text) < 12:  # no shape is shorter: most strings are skipped at once
        return
    for match in _SHAPE_RE.finditer(text):
        index = next(i for i in range(len(_SHAPES)) if match.group(f"k{i}") is not None)
        kind = _SHAPES[index][0]
        value = f"v{index}"
        start, end = match.span(value if value in _SHAPE_RE.groupindex else f"k{index}")
        if kind == "private-key" or not placeholder(text[start:end]):
            yield Secret(kind, start, end)


def find(text: str) -> list[Secret]:
    """Every credential in a line of source or a message: the fixed shapes, and random-looking
    quoted values given to credential names (`token = "…"`, `api_key: '…'`)."""
    found = list(shaped(text))
    if "=" in text or ":" in text:
        for match in _ASSIGNED_RE.finditer(text):
            start, end = match.span("value")
            if credential_name(match.group("name")) and looks_random(match.group("value")):
                if not any(s.start < end and start < s.end for s in found):
                    found.append(Secret("secret", start, end))
    return sorted(found, key=lambda s: s.start)


def redact(text: str) -> str:
    """`text` with every credential masked (`<redacted:sk-…9Q>`); unchanged when it has none."""
    found = find(text)
    return "".join(piece for _, _, piece, _ in _pieces(text, found)) if found else text


def redact_at(line: str, col: int) -> tuple[str, str]:
    """`line` redacted, split where column `col` (1-based) was; a mask that covers the column
    starts the second part, so a caret under it points at the mask."""
    cut = col - 1
    before, after = [], []
    for start, end, piece, masked in _pieces(line, find(line)):
        if end <= cut:
            before.append(piece)
        elif start >= cut or masked:
            after.append(piece)
        else:  # plain text around the column
            before.append(line[start:cut])
            after.append(line[cut:end])
    return "".join(before), "".join(after)


def _pieces(text: str, found: list[Secret]) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, what to show, masked) for the plain runs and the credentials of `text`."""
    last = 0
    for secret in found:
        yield last, secret.start, text[last:secret.start], False
        yield secret.start, secret.end, secret.mask(text), True
        last = secret.end
    yield last, len(text), text[last:], False
