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
    if len(want) == 0:
        return "A 0-d input such as np.array(2.5) must give a 0-d result; NumPy operations do this by themselves."
    if int(np.prod(got)) == int(np.prod(want)):
        return "The numbers are there but arranged differently: avoid `.flatten()`, `.ravel()` or `.reshape`."
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
    # Plain ints and floats: NumPy 2 would print np.int64(3) and np.float64(0.5).
    return f"x{[int(i) for i in index]} = {x[index].item()!r}"


def number_text(value: Any, digits: int = 6) -> str:
    """A number for a hint: `0.25`, `4.54e-05`, `10000`, `nan` (never `np.float64(...)`)."""
    return f"{float(value):.{digits}g}"


def array_text(value: Any, limit: int = 16, digits: int = 6) -> str:
    """A small array for a hint as a nested list, `[0.5, 0.731059]`; a large one by its shape."""
    array = np.asarray(value)
    if array.ndim == 0:
        return number_text(array, digits)
    if array.size > limit:
        return f"an array of shape {array.shape}"

    def nested(part: np.ndarray) -> str:
        if part.ndim == 1:
            return "[" + ", ".join(number_text(v, digits) for v in part) + "]"
        return "[" + ", ".join(nested(row) for row in part) + "]"

    return nested(array)


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


def _best_time(reference: Callable, x: np.ndarray, budget: float = 0.015) -> float:
    """The reference's best time: at least 2 runs, more (up to 5) while they are cheap,
    so a fast yardstick is not judged on a run a busy machine interrupted."""
    best, spent, runs = float("inf"), 0.0, 0
    while runs < 2 or (runs < 5 and spent < budget):
        elapsed = timed_reference(reference, x, repeat=1)
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
    return best


def vectorised(sub: Submission, name: str, reference: Callable, spec: Uniform | np.ndarray, advice: str,
               factor: float = SPEED_FACTOR, yardstick: str = "the reference", attempts: int = 3) -> float:
    """Fail with `slow` when `name` is more than `factor` (20) times slower than
    `reference` on the array `spec` describes (built on both sides, not sent).

    Returns the measured ratio. The learner's best of up to 3 runs (fewer when slow) is timed
    inside the sandbox; the reference's best of 2 to 5 runs in the grader (again after a
    ratio over the limit). `spec` may
    also be an array (sent as it is: for inputs that are not 1-D). `reference` may be any
    function that computes the same values; `yardstick` names it in the hint. With
    `attempts` > 1 a ratio over the limit (but within 3 times the limit) is measured again,
    keeping the best times, so a busy machine does not fail a vectorised function.
    """
    x = spec.array() if isinstance(spec, Uniform) else spec
    # A function that already hung in an earlier check is not slow: it never ends. Keep its timeout.
    hung_before = sub.has_hung(name)
    reference_time = learner_time = float("inf")
    for _ in range(max(1, attempts)):
        reference_time = min(reference_time, _best_time(reference, x))
        try:
            outcome = sub.call(name, spec, _repeat=3, _time_budget=0.3, _timeout=60, _discard=True)
        except CheckFailed as failure:
            if failure.hints[0].category != "timeout" or hung_before:
                raise
            fail("slow", f"`{name}` on {x.size:,} numbers did not finish within a minute. {advice}")
        learner_time = min(learner_time, outcome.duration)
        ratio = learner_time / max(reference_time, 1e-6)
        if ratio <= factor:
            return ratio
        # Over the limit: time the yardstick again, in case the machine was busy before.
        reference_time = min(reference_time, _best_time(reference, x))
        ratio = learner_time / max(reference_time, 1e-6)
        if ratio <= factor:
            return ratio
        if ratio > 3 * factor:  # far beyond anything a busy machine explains: no need to measure again
            break
    fail("slow", f"`{name}` took {learner_time * 1000:.0f} ms on {x.size:,} numbers, "
         f"{ratio:.0f} times as long as {yardstick} ({reference_time * 1000:.1f} ms; "
         f"the limit is {factor:.0f} times). {advice}")


def explained_call(sub: Submission, name: str, *args: Any,
                   advice: tuple[tuple[str, str, str], ...] = (), **kwargs: Any) -> Any:
    """`sub.<name>(*args, **kwargs)`, with check-specific `advice` for known
    exceptions: (part of the message, hint category, next step) triples, tried
    before the general `core.KNOWN_ERRORS`."""
    return sub.call(name, *args, _advice=advice, **kwargs).value


LOOP_ADVICE = (
    "A Python `for` loop over the elements is slow; let NumPy work on the whole array at once "
    "(np.maximum, np.where, np.exp and arithmetic on arrays all work element by element)."
)


def real_number(value: Any) -> float | None:
    """A plain real number the sandbox brought back (Python or NumPy int or float, or an
    array holding exactly one), as a float; None for anything else, bools included."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, np.ndarray):
        return float(value.reshape(())) if value.size == 1 and value.dtype.kind in "iuf" else None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return None


def kind_text(value: Any) -> str:
    """What a returned value is, for a hint: `a list`, `a str ('20')`, `an array of shape (3,)`."""
    if isinstance(value, Unsupported):
        return f"a {value.type_name}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} (dtype {value.dtype})"
    if value is None:
        return "None"
    if isinstance(value, (str, bool)):
        return f"a {type(value).__name__} ({value!r})"
    return f"a {type(value).__name__}"


def percent_text(fraction: float) -> str:
    """0.995 -> `99.5%`, 0.5 -> `50%`, 0.0 -> `0%`."""
    text = f"{100 * fraction:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"
