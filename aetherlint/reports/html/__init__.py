"""The HTML dashboard of `aetherlint report` and `classify --html`: one self-contained file.

`inputs` checks the untrusted documents (classification, trends, gate results), `dashboard`
turns them into what the page shows, `charts` lays out the SVG charts, and `render` fills the
jinja2 templates of `templates/` (autoescaped). Only `render` needs jinja2, the optional
`aetherlint[report]` dependency; nothing here is imported by `check`.
"""
