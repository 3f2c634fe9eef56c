"""AE2803 network-call: a call that reaches the network (fetch, http.get, requests.post, sockets)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import risk_rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

WEIGHT = 2  # what one finding adds to a file's risk score (the legacy scanner's weight)

RULE = risk_rule(
    "AE2803",
    "network-call",
    WEIGHT,
    summary="A call that reaches the network (fetch, http.get, requests.post, sockets).",
    finds=(
        "`fetch(url)`, `urlopen`, `curl`, `wget`, `download`, `http_get`/`http_post`, `new "
        "WebSocket(url)`, `new XMLHttpRequest()`; every method of `http`, `https`, `requests`, "
        "`httpx`, `aiohttp`, `axios`, `urllib`, `net`, `network`, `socket`, `websocket`, `web`, "
        "`ftp`, `smtp`; `call system/net.fetch(x)`; and `get`, `post`, `put`, `patch`, `delete`, "
        '`head`, `request`, `send` given a URL literal (`client.post("https://...")`). A URL that '
        "is only text (a description, a log line) is not a call."
    ),
    example='let prices = http.get("https://prices.example.com/today")',
    fix="nothing, if the workflow is meant to reach that host; review who it talks to.",
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from ctx.risk_diagnostics(RULE, "network call")
