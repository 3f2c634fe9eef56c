"""AE2801 hardcoded-secret: a string literal that holds a credential."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context
    from aetherlint.syntax import ast as A

RULE = Rule(
    id="AE2801",
    name="hardcoded-secret",
    code=25,
    phase="validate",
    summary="A string literal holds a credential (an API key, a token, a password, a private key).",
    explanation=(
        "What it finds: string literals holding `sk-...` API keys (and Stripe's `sk_live_...`), "
        "GitHub tokens (`ghp_...`, `gho_...`, `ghs_...`, `github_pat_...`), AWS access key ids "
        "(`AKIA` and 16 capitals or digits), Slack tokens (`xoxb-...`, `xoxp-...`), private-key "
        "headers (`-----BEGIN ... PRIVATE KEY-----`) and URLs with a password "
        "(`https://user:password@host`); and a random-looking run of 20 characters or more "
        "given to a name such as `token`, `secret`, `password`, `api_key` or `access_key` "
        "(assigned, `let`, a `key: value` field, a dict entry or a keyword argument): hex with at "
        "least 3.0 bits of entropy per character, or base64 with letters, digits and at least "
        "3.5 bits per character (random strings have about 3.7 and 4.6 over 32 characters, "
        "English words about 3). Placeholders are not credentials: `\"<your-key>\"`, "
        "`\"${API_KEY}\"`, `\"{{token}}\"`, `\"xxxx\"`, `\"****\"`, `\"your-token-here\"`, "
        "documentation keys such as `AKIAIOSFODNN7EXAMPLE`. Comments are not judged (they are "
        "not literals), but every output masks credentials wherever it shows source, "
        "`<redacted:ghp_...4f>`. AE28xx are the security rules, counted under 25 "
        "VALIDATION_ERROR (22 SIGNATURE_ERROR is for signatures); this one is an error and on "
        "by default: a key in a script is readable by everyone who can read the script.\n"
        "Example:\n"
        '    let headers = { authorization: "Bearer ghp_...36 characters..." }\n'
        "Fix: revoke the key (it is in the history now), then read it at run time from the "
        "environment or the platform's secret store."
    ),
)

_LABELS = {
    "sk-": "API key", "ghp_": "GitHub token", "github_pat_": "GitHub token", "AKIA": "AWS access key id",
    "xoxb-": "Slack token", "private-key": "private key", "password": "password in a URL",
    "secret": "credential",
}


def check(ctx: Context) -> Iterator[Diagnostic]:
    from aetherlint.credentials import looks_random, may_hold, shaped
    from aetherlint.risk.scan import string_value

    if ctx.text is not None and not may_hold(ctx.text):
        return  # most files: no shape anywhere and no credential name given a value
    strings, named = _literals(ctx.module)
    for node in strings:
        text = node.text
        secret = next(shaped(text), None)
        if secret is not None:
            kind, shown = secret.kind, secret.mask(text)
        elif id(node) in named and looks_random(value := string_value(node)):
            kind, shown = "secret", f"<redacted:secret…{value[-2:]}>"
        else:
            continue
        message = f"hard-coded {_LABELS[kind]} ({shown}) in a string literal: read it from the environment or a secret store"
        yield RULE.diagnostic(node.line, node.column, message, end_line=node.end_line, end_col=node.end_column)


_SHORTEST = 13  # `"ftp://u:p@h"`: no credential fits in a shorter literal


def _literals(module: A.Module) -> tuple[list[A.Str], set[int]]:
    """The string literals long enough to hold a credential, and the ids of those given to a
    credential name: `token = "…"`, `let api_key = "…"`, `password: "…"`, `{secret: "…"}`,
    `f(token="…")`, `self.api_key = "…"`."""
    from aetherlint.credentials import credential_name
    from aetherlint.syntax import ast as A

    strings, named = [], set()
    for node in A.walk(module):
        kind = type(node)
        if kind is A.Str:
            if len(node.text) >= _SHORTEST:
                strings.append(node)
            continue
        name: Optional[str] = None
        value: object = None
        if kind is A.Assign:
            name, value = _target_name(node.target), node.value
        elif kind is A.Let or kind is A.KeywordArg:
            name, value = node.name, node.value
        elif kind is A.Pair:
            name, value = _target_name(node.key), node.value
        elif kind is A.Field and len(node.value) == 1:
            name, value = _target_name(node.key), node.value[0]
        if name and type(value) is A.Str and credential_name(name):
            named.add(id(value))
    return strings, named


def _target_name(node: A.Node) -> Optional[str]:
    from aetherlint.syntax import ast as A

    if type(node) is A.Name:
        return node.id
    if type(node) is A.Member:
        return node.attr
    if type(node) is A.Str:  # a quoted dict key
        return node.text.strip("\"'")
    return None
