"""JSON from files aetherlint did not write (baselines, classify artifacts handed over by CI):
every problem is one ValueError line, never a RecursionError or a number of 5,000 digits."""

from __future__ import annotations

import json
import math
from typing import Any


class BadJson(ValueError):
    """`str()` is a short reason, e.g. "not JSON (Expecting value at line 1)"."""


def loads(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise BadJson(f"not JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise BadJson("not JSON (nested too deeply)") from None
    except BadJson:
        raise
    except ValueError:  # int() refuses more than sys.get_int_max_str_digits() digits
        raise BadJson("not JSON (a number too long)") from None


def is_int(value: object) -> bool:
    """A JSON integer: `true` and `false` load as Python bools, which are ints too."""
    return isinstance(value, int) and not isinstance(value, bool)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadJson(f"not JSON ({text[:20]} is out of range)")
    return value


def _no_constant(name: str) -> Any:
    raise BadJson(f"not JSON ({name} is not a JSON number)")
