"""How numbers are written for people: in hints, reports and grade files. One place, so a
beginner reads every number the same way wherever it appears."""

from __future__ import annotations

import math
from typing import Any


def number(x: float) -> str:
    """A number as a beginner reads it: 0.693, 12.4, 0.0081, 3e-6, 4.9e200, nan."""
    x = float(x)
    if not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    if x == 0:
        return "0"
    if abs(x) >= 1e5:
        mantissa, exponent = f"{x:.1e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    if abs(x) >= 0.01:
        return f"{x:.3g}"
    if abs(x) >= 1e-4:
        return f"{x:.2g}"
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def number_text(value: Any, digits: int = 6) -> str:
    """A number with `digits` significant digits, where the exact value matters: `0.25`,
    `4.54e-05`, `10000`, `nan` (never `np.float64(...)`)."""
    return f"{float(value):.{digits}g}"


def ratio_text(r: float) -> str:
    """A small ratio with its '1 in N' reading: 3e-6 (about 1/330,000)."""
    if math.isfinite(r) and 0 < r < 0.01:
        return f"{number(r)} (about 1/{float(f'{1 / r:.2g}'):,.0f})"
    return number(r)


def percent_text(fraction: float) -> str:
    """0.995 -> `99.5%`, 0.5 -> `50%`, 0.0 -> `0%`."""
    text = f"{100 * fraction:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def points_text(value: float) -> str:
    """7 -> `7`, 2.5 -> `2.5`: scores as a teacher writes them."""
    value = round(float(value), 6)
    return str(int(value)) if value.is_integer() else repr(value)
