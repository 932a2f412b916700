"""Progressive hints: three levels per exercise, from a nudge to nearly the answer.

They live in the exercise's folder next to the hidden tests that trigger them, as `HINTS` in
`actgrade/checks/exerciseN_<topic>/hints.py`. That file is read on its own, without importing
the checks package, so `actgrade hint` loads neither the checks nor NumPy.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from actgrade.catalog import Exercise

FALLBACK = "Read the docstrings in your exercise file: they say what to compute, with an example."


def hints_for(exercise: Exercise) -> list[str]:
    path = Path(__file__).resolve().parent / "checks" / exercise.module / "hints.py"
    if not path.is_file():
        return [FALLBACK]
    spec = importlib.util.spec_from_file_location(f"actgrade.checks.{exercise.module}.hints", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(getattr(module, "HINTS", [])) or [FALLBACK]
