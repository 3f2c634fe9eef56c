"""The README's table of configuration keys is the option table itself (settings/options.py)."""

from __future__ import annotations

from aetherlint.settings.options import OPTIONS
from aetherlint.settings.show import markdown_table
from conftest import ROOT


def test_the_readme_table_is_the_option_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = markdown_table()
    assert table in readme, "README.md: paste aetherlint.settings.show.markdown_table() in the Configuration section"
    assert all(f"| `{option.key}` |" in table for option in OPTIONS)


def test_every_check_and_classify_option_has_a_key_but_the_documented_three() -> None:
    from aetherlint.cli import cli

    flags = {f for o in OPTIONS for spelled in o.flags for f in spelled.split("/")}
    for command in ("check", "classify"):
        for param in cli.commands[command].params:
            opts = set(param.opts) | set(getattr(param, "secondary_opts", []))
            if param.param_type_name != "option" or opts & {"--help", "--config", "--isolated"}:
                continue
            assert opts & flags or opts & {"--stdin-filename", "--run-cmd", "--key-file"}, (command, opts)
