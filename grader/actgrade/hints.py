"""Progressive hints: three levels for each function of an exercise, from a nudge to the method
spelled out.

They live in the exercise's folder next to the hidden tests that trigger them, as `HINTS` in
`actgrade/checks/exerciseN_<topic>/hints.py`: a dict from a function's name (the topic) to its
three levels. That file is read on its own, without importing the checks package, so
`actgrade hint` loads neither the checks nor NumPy. `actgrade hint` starts with the topic of the
check that failed last (`actgrade.state.last_failure`).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from actgrade.catalog import Exercise

FALLBACK = "Read the docstrings in your exercise file: they say what to compute, with an example."


def topics_for(exercise: Exercise) -> dict[str, list[str]]:
    """Every topic of the exercise (its functions, in the file's order) with its three hint levels."""
    path = Path(__file__).resolve().parent / "checks" / exercise.module / "hints.py"
    if not path.is_file():
        return {exercise.module: [FALLBACK]}
    spec = importlib.util.spec_from_file_location(f"actgrade.checks.{exercise.module}.hints", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = getattr(module, "HINTS", None)
    if isinstance(found, list):  # one list of levels for the whole exercise
        found = {exercise.module: found}
    return {topic: list(levels) for topic, levels in (found or {}).items() if levels} or {exercise.module: [FALLBACK]}


def topic_for(exercise: Exercise, name: str | None) -> str:
    """The topic whose hints fit a check about `name` (a function of the exercise); the first
    topic when `name` is unknown."""
    topics = topics_for(exercise)
    return name if name in topics else next(iter(topics))


def hints_for(exercise: Exercise, topic: str | None = None) -> list[str]:
    """The levels of one topic (by default the exercise's first)."""
    topics = topics_for(exercise)
    return topics[topic_for(exercise, topic)]
