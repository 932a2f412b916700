"""Small helpers shared by exercise 7's checks: numbers for hints, seeds, what passing checks measured."""

from __future__ import annotations

from typing import Any

from actgrade import catalog
from actgrade.checks.core import Context, Submission
from actgrade.numbers import number as num

from .common import _MEASURED

# -- small helpers ---------------------------------------------------------------------------

def remember(sub: Submission, key: str, value: Any) -> None:
    """Keep a number the learner's passing check measured, for the answer's feedback."""
    try:
        _MEASURED.setdefault(sub, {})[key] = value
    except TypeError:  # a proxy that cannot be weakly referenced: the feedback uses reference numbers
        pass


def recall(sub: Submission) -> dict[str, Any]:
    try:
        return _MEASURED.get(sub, {})
    except TypeError:
        return {}


def seeded(ctx: Context) -> tuple[int, int]:
    """A fresh data seed and a training seed."""
    return int(ctx.rng.integers(2**31)), int(ctx.rng.integers(1000))


def reference_training():
    """Exercise 6's reference module (train, predict), for re-measuring histories."""
    return catalog.reference_module(catalog.find("6"))


def nums(values: Any) -> str:
    """A list of numbers for a hint: [0.22, 1.01, 1.05]."""
    return "[" + ", ".join(num(float(v)) for v in values) + "]"
