"""Progressive hints: three levels per exercise, from a nudge to nearly the answer.

They live next to the hidden tests that trigger them, as `HINTS` in the
exercise's checks module.
"""

from __future__ import annotations

import importlib

from actgrade.catalog import Exercise


def hints_for(exercise: Exercise) -> list[str]:
    module = importlib.import_module(exercise.checks_module)
    levels = list(getattr(module, "HINTS", []))
    if not levels:
        return ["Read the docstrings in your exercise file: they say what to compute, with an example."]
    return levels
