"""The dashboard as one HTML page, from the jinja2 templates of this package (autoescaped).

The style sheet and the script are inlined, and a Content-Security-Policy allows exactly those
two (by their SHA-256) and nothing else: no request of any kind, and no other script, so even a
mistake in escaping could not run code from a file name.
"""

from __future__ import annotations

import base64
import functools
import hashlib

import jinja2
from markupsafe import Markup

from aetherlint.reports.html.dashboard import Dashboard

CHUNK = 250  # rows per table of the files list (see report.html.j2)
CSP = "default-src 'none'; style-src '{style}'; script-src '{script}'; base-uri 'none'; form-action 'none'"


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("aetherlint.reports.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(dashboard: Dashboard) -> str:
    env = _environment()
    css, js = (_asset(env, name) for name in ("report.css", "report.js"))
    csp = CSP.format(style=_sha256(css), script=_sha256(js))
    return env.get_template("report.html.j2").render(d=dashboard, css=css, js=js, csp=csp, chunk=CHUNK)


def _asset(env: jinja2.Environment, name: str) -> Markup:
    """A static file of ours, inlined as it is (it must not close its element)."""
    assert env.loader is not None
    text = env.loader.get_source(env, name)[0]
    if "</" in text:
        raise ValueError(f"{name} contains '</', which would close its element")
    return Markup(text)


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
