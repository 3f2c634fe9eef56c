"""`aetherlint server`: the language server on standard input and output (aetherlint/server/)."""

from __future__ import annotations

from aetherlint.errors import UsageError

INSTALL = 'pip install "aetherlint[server]"'


def run() -> int:
    try:  # the optional extra: nothing else in aetherlint imports it
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise UsageError(f"the language server needs pygls and lsprotocol: {INSTALL}") from None
    from aetherlint.server.features import serve

    return serve()
