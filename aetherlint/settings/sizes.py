"""Sizes in bytes from config values and options (`5MB`, `512 kB`, `2000000`)."""

from __future__ import annotations

_SIZE_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9}


def parse_size(value: object) -> int:
    """A positive size in bytes from an int or a string such as `5MB`, `512 kB`, `2000000`
    (1 kB = 1,000 bytes). Raises ValueError with a one-line reason."""
    if isinstance(value, int) and not isinstance(value, bool):
        number, unit = (float(value) if abs(value) < 10**15 else float("nan")), ""
    elif isinstance(value, str):
        text = value.strip().lower().replace("_", "")
        digits = text.rstrip("kmgb ")
        number_text, unit = digits.strip(), text[len(digits):].strip()
        try:
            number = float(number_text) if len(number_text) <= 20 else float("nan")
        except ValueError:
            number = float("nan")
    else:
        raise ValueError(f"expected a size such as 5MB, not {_short(value)}")
    if unit not in _SIZE_UNITS or not (number == number and 0 < number < 10**15):  # also rejects nan and inf
        raise ValueError(f"expected a positive size such as 5MB or 2000000, not {_short(value)}")
    return max(1, int(number * _SIZE_UNITS[unit]))


def _short(value: object) -> str:
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge number"
    return text if len(text) <= 40 else text[:37] + "..."
