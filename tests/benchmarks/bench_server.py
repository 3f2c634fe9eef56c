"""Latency and memory of `aetherlint server`, driven over stdio like an editor drives it.

Usage: python tests/benchmarks/bench_server.py [--edits 200] [--lines 2000] [--documents 500] [--typed x]

Starts the real server (`python -m aetherlint server`), opens a generated workflow of LINES
lines (brace plugins with functions, calls, strings and comments), then types EDITS single
characters into it as incremental `didChange` notifications, one at a time, each time waiting
for the `publishDiagnostics` of that version. The debounce is set to 0 ms so that the figures
are the server's own work: the time from sending the change to receiving its diagnostics. Every
other edit makes a call unknown (a finding appears), the next one repairs it; with `--typed "\n"`
the typed character is a line break at the end of the line instead (every line after it moves).
Then it opens
DOCUMENTS more documents (generated, 40 lines each) and reports the server's resident memory.
Needs the `server` extra; the memory figure needs /proc (Linux). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_FUNCTION = """    fn tally_{n}(crates, limit) {{
        let counts = {{}}
        for crate in crates {{
            counts[crate.kind] = (counts[crate.kind] || 0) + 1  // per kind
        }}
        if len(counts) > limit {{
            escalate_to("night_shift_{n}")
        }}
        log "tallied {{len(crates)}} crates for shelf {n}"
        return summarize(counts)
    }}
"""


def workflow(lines: int, seed: int = 0) -> str:
    """A brace plugin of about `lines` lines: functions calling each other and built-ins."""
    out = [f"# generated workflow {seed}\nplugin shelf_{seed} {{\n    description: \"bench\"\n"]
    n = 0
    while sum(part.count("\n") for part in out) < lines - 12:
        out.append(_FUNCTION.format(n=n))
        n += 1
    out.append("    on_run {\n" + "".join(f"        tally_{i}(store(\"c\"), 3)\n" for i in range(min(n, 5))) + "    }\n}\n")
    return "".join(out)


class Server:
    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "aetherlint", "server"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: object) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def receive(self) -> dict:
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server stopped")
            if line.strip() == b"" and length is not None:
                return json.loads(self.process.stdout.read(length))
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])

    def diagnostics(self, uri: str, version: int) -> list:
        while True:
            message = self.receive()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri \
                    and params.get("version") == version:
                return params["diagnostics"]

    def rss_mb(self) -> float | None:
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kb / 1024

    def cpu_seconds(self) -> float | None:
        """User plus system CPU time of the server so far (Linux): less sensitive than wall time
        to the other work of a shared machine."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        self.request("shutdown", None)
        self.send({"method": "exit", "params": None})
        self.process.wait(timeout=30)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--typed", default="x", help="the character typed and taken back (default: x)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="aetherlint-bench-server-"))
    server = Server()
    server.request("initialize", {"processId": None, "rootUri": folder.as_uri(), "capabilities": {},
                                  "initializationOptions": {"debounce": 0}})
    server.send({"method": "initialized", "params": {}})
    text = workflow(args.lines)
    uri = (folder / "big.aether").as_uri()
    started = time.perf_counter()
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "aether", "version": 1, "text": text}}})
    found = server.diagnostics(uri, 1)
    opened = time.perf_counter() - started
    # the edits: the `(` of `escalate_to(` on line 8 of each function gets an `x` before it
    # (an unknown function appears), then the `x` goes again
    lines = text.split("\n")
    targets = [(i, line.index("escalate_to(") + len("escalate_to")) for i, line in enumerate(lines) if "escalate_to(" in line]
    latencies, counts = [], set()
    cpu_before = server.cpu_seconds()
    for edit in range(args.edits):
        line, col = targets[(edit // 2) % len(targets)]
        if args.typed == "\n":
            col = len(lines[line])  # Enter at the end of the line: an empty line opens below it
        if edit % 2 == 0:
            change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": args.typed}
        else:
            end = {"line": line + 1, "character": 0} if args.typed == "\n" else {"line": line, "character": col + 1}
            change = {"range": {"start": {"line": line, "character": col}, "end": end}, "text": ""}
        version = edit + 2
        sent = time.perf_counter()
        server.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        counts.add(len(server.diagnostics(uri, version)))
        latencies.append((time.perf_counter() - sent) * 1000)
    cpu_after = server.cpu_seconds()
    before = server.rss_mb()
    for n in range(args.documents):
        doc = (folder / f"doc_{n}.aether").as_uri()
        server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": doc, "languageId": "aether", "version": 1, "text": workflow(40, n)}}})
        server.diagnostics(doc, 1)
    after = server.rss_mb()
    server.close()
    size = len(text.encode())
    print(f"document: {len(lines) - 1} lines, {size / 1000:.0f} kB, {len(found)} finding(s) on open, opened and checked in {opened * 1000:.0f} ms")
    print(f"{args.edits} single-character edits ({args.typed!r} typed and taken back; findings after each: {sorted(counts)}), didChange -> publishDiagnostics, debounce 0:")
    print(f"  p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms")
    if cpu_before is not None and cpu_after is not None:
        print(f"  server CPU time: {(cpu_after - cpu_before) * 1000 / args.edits:.1f} ms per edit")
    if before is not None and after is not None:
        print(f"memory (RSS): {before:.0f} MB with the big document open, {after:.0f} MB after opening {args.documents} more documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
