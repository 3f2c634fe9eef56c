"""AE2803 network-call: A call that reaches the network (fetch, http.get, requests.post, sockets)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

WEIGHT = 2  # what one finding adds to a file's risk score (the legacy scanner's weight)

RULE = Rule(
    id="AE2803",
    name="network-call",
    code=25,
    phase="validate",
    severity="info",
    default=False,
    summary="A call that reaches the network (fetch, http.get, requests.post, sockets).",
    explanation=(
        "What it finds: `fetch(url)`, `urlopen`, `curl`, `wget`, `download`, `http_get`/`http_post`, "
        "`new WebSocket(url)`, `new XMLHttpRequest()`; every method of `http`, `https`, "
        "`requests`, `httpx`, `aiohttp`, `axios`, `urllib`, `net`, `network`, `socket`, "
        "`websocket`, `web`, `ftp`, `smtp`; `call system/net.fetch(x)`; and `get`, `post`, `put`, "
        "`patch`, `delete`, `head`, `request`, `send` given a URL literal "
        "(`client.post(\"https://...\")`). A URL that is only text (a description, a log line) "
        "is not a call. Weight 2.\n"
        "A risk finding (AE28xx, counted under 25 VALIDATION_ERROR: the file parses and this is "
        "about what it does; 22 SIGNATURE_ERROR is for signatures): info, and off unless "
        "selected (`--extend-select AE28`), so it never fails a file by itself; `aetherlint "
        "risk` lists every risk finding with its weight and fails above a score "
        "(`--fail-above N`). Only calls count: text in strings, comments and descriptive "
        "fields (`description:`, `goal:`, `summary:`...) never does, and a function the file "
        "defines itself (`fn fetch(x) { }`) is not judged by its name.\n"
        "Example:\n    let prices = http.get(\"https://prices.example.com/today\")\n"
        "Fix: nothing, if the workflow is meant to reach that host; review who it talks to."
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from ctx.risk_diagnostics(RULE, "network call")
