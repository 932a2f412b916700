"""Assertions shared by the hidden tests, each failing with a precise hint.

They work on plain data the sandbox brought back (never on learner objects),
and every failure names the input that exposed it and one next step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from actgrade.checks.core import CheckFailed, Submission, fail
from actgrade.sandbox.protocol import Uniform, Unsupported

FLOAT64_TOL = (1e-6, 1e-9)
FLOAT32_TOL = (1e-4, 1e-6)
SPEED_FACTOR = 20.0  # the contract: at most 20 times slower than the reference


def tolerances(dtype: np.dtype) -> tuple[float, float]:
    """(rtol, atol) for comparing results computed from inputs of `dtype`."""
    return FLOAT32_TOL if np.dtype(dtype) == np.float32 else FLOAT64_TOL


def float_array(value: Any, call: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """The learner's result as a float ndarray, or a `dtype`/`shape`/`value` failure."""
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line?")
    if isinstance(value, Unsupported):
        fail("dtype", f"`{call}` returned a {value.type_name} ({value.text}), not a NumPy array. "
             "Return the array your NumPy expression builds.")
    if isinstance(value, (list, tuple)):
        fail("dtype", f"`{call}` returned a Python {type(value).__name__}, not a NumPy array. "
             "Work on the whole array with NumPy operations and return the array they give.")
    if isinstance(value, bool) or isinstance(value, np.bool_):
        fail("dtype", f"`{call}` returned the boolean {value!r}. Return floats (0.0 and 1.0), "
             "for example with `.astype(float)`.")
    array = np.asarray(value)
    if array.dtype == np.bool_:
        fail("dtype", f"`{call}` returned an array of True/False (dtype bool). The grader needs floats: "
             "0.0 and 1.0. Convert with `.astype(float)` or build it with `np.where(condition, 1.0, 0.0)`.")
    if array.dtype.kind in "iu":
        fail("dtype", f"`{call}` returned integers (dtype {array.dtype}). Return floats: "
             "use float constants such as 0.0 and 1.0, or `.astype(float)`.")
    if array.dtype.kind != "f":
        fail("dtype", f"`{call}` returned an array of dtype {array.dtype}. Return a float array.")
    if shape is not None and array.shape != tuple(shape):
        fail("shape", f"`{call}` returned shape {array.shape}, but it should be {tuple(shape)}, "
             "the same shape as the input. "
             + _shape_advice(array.shape, tuple(shape)))
    return array


def _shape_advice(got: tuple, want: tuple) -> str:
    if int(np.prod(got)) == int(np.prod(want)):
        return "The numbers are there but arranged differently: avoid `.flatten()`, `.ravel()` or `.reshape`."
    if len(want) == 0:
        return "A 0-d input such as np.array(2.5) must give a 0-d result; NumPy operations do this by themselves."
    return "Look for a sum or mean that drops an axis, or an indexing step that keeps only part of the array."


def mismatch(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> tuple | None:
    """Index of the worst element outside tolerance, or None when all are close."""
    got64, expected64 = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        bad = ~np.isclose(got64, expected64, rtol=rtol, atol=atol, equal_nan=False)
    if not bad.any():
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.where(bad, np.abs(got64 - expected64), 0.0)
    error = np.where(np.isnan(error), np.inf, error)
    return np.unravel_index(int(np.argmax(error)), got64.shape) if got64.ndim else ()


def element_text(x: np.ndarray, index: tuple) -> str:
    if x.ndim == 0:
        return f"x = {x.item()!r}"
    return f"x{list(index)} = {x[index]!r}"


def same_values(got: Any, expected: np.ndarray, rtol: float | None = None, atol: float | None = None) -> bool:
    """True when `got` matches `expected` within tolerance (shape included)."""
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected)
    if got.shape != expected.shape:
        return False
    default_rtol, default_atol = tolerances(expected.dtype)
    return mismatch(got, expected, rtol or default_rtol, atol or default_atol) is None


def overflow_warnings(sub: Submission) -> list[str]:
    """Overflow, invalid-value and divide-by-zero warnings raised by the last call."""
    found = []
    for w in (sub.last.warnings if sub.last else []):
        message = w.get("message", "")
        if w.get("category") == "RuntimeWarning" and any(
            key in message for key in ("overflow", "invalid value", "divide by zero")
        ):
            found.append(f"{message} (line {w.get('line')} of {w.get('file')})")
    return found


def timed_reference(func: Callable, *args: Any, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - start)
    return best


def vectorised(sub: Submission, name: str, reference: Callable, spec: Uniform, advice: str) -> float:
    """Fail with `slow` when `name` is more than 20x slower than `reference`
    on the array `spec` describes (built on both sides, not sent).

    Returns the measured ratio. The learner's best of up to 3 runs (fewer when slow) is timed
    inside the sandbox; the reference's best of 2 in the grader.
    """
    x = spec.array()
    reference_time = timed_reference(reference, x)
    try:
        outcome = sub.call(name, spec, _repeat=3, _time_budget=0.3, _timeout=60, _discard=True)
    except CheckFailed as failure:
        if failure.hints[0].category != "timeout":
            raise
        fail("slow", f"`{name}` on {x.size:,} numbers did not finish within a minute. {advice}")
    ratio = outcome.duration / max(reference_time, 1e-6)
    if ratio > SPEED_FACTOR:
        fail("slow", f"`{name}` took {outcome.duration * 1000:.0f} ms on {x.size:,} numbers, "
             f"{ratio:.0f} times as long as the reference ({reference_time * 1000:.1f} ms; "
             f"the limit is {SPEED_FACTOR:.0f} times). {advice}")
    return ratio


LOOP_ADVICE = (
    "A Python `for` loop over the elements is slow; let NumPy work on the whole array at once "
    "(np.maximum, np.where, np.exp and arithmetic on arrays all work element by element)."
)
