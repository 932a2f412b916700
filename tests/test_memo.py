"""Reference measurements remembered per grading process: the same verdicts, computed once."""

from __future__ import annotations

import numpy as np

from actgrade import catalog, grading
from actgrade.checks.exercise8_dead_relu import settings
from actgrade.checks.memo import key_of, remembered


def test_a_remembered_function_runs_once_per_input_and_hands_out_copies() -> None:
    calls = []

    @remembered
    def measure(x: np.ndarray, scale: float) -> dict:
        calls.append(1)
        return {"values": x * scale, "history": [float(x.sum())]}

    x = np.arange(4.0)
    first = measure(x, 2.0)
    first["values"][:] = -1  # a caller changing its copy
    first["history"].append(99.0)
    again = measure(x.copy(), 2.0)
    assert len(calls) == 1
    np.testing.assert_array_equal(again["values"], x * 2.0)
    assert again["history"] == [6.0]
    measure(x, 3.0)
    measure(x.astype(np.float32), 2.0)  # another dtype is another input
    assert len(calls) == 3


def test_inputs_that_are_not_plain_data_are_not_remembered() -> None:
    calls = []

    @remembered
    def describe(thing: object) -> str:
        calls.append(1)
        return type(thing).__name__

    marker = object()
    assert describe(marker) == describe(marker) == "object"
    assert len(calls) == 2
    assert key_of([1, 2.0], {"a": np.zeros(2)}) == key_of([1, 2.0], {"a": np.zeros(2)})
    assert key_of([1, 2]) != key_of((1, 2)) and key_of(1) != key_of(1.0)


def test_a_second_grading_from_memory_gives_the_same_report() -> None:
    exercise = catalog.find("8")
    settings.train_reference.forget()
    first = grading.grade(exercise, catalog.solutions_dir(), seed=17).to_json()
    second = grading.grade(exercise, catalog.solutions_dir(), seed=17).to_json()
    assert first["checks"] == second["checks"] and first["score"] == first["max_score"]
