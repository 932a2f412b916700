"""Assertions shared by the hidden tests, each failing with a precise hint.

They work on plain data the sandbox brought back (never on learner objects),
and every failure names the input that exposed it and one next step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from actgrade.checks.core import CheckFailed, Context, Submission, fail
from actgrade.numbers import number_text
from actgrade.sandbox.protocol import Uniform, Unsupported

FLOAT64_TOL = (1e-6, 1e-9)
FLOAT32_TOL = (1e-4, 1e-6)


def tolerances(dtype: np.dtype) -> tuple[float, float]:
    """(rtol, atol) for comparing results computed from inputs of `dtype`."""
    return FLOAT32_TOL if np.dtype(dtype) == np.float32 else FLOAT64_TOL


def float_array(value: Any, call: str, shape: tuple[int, ...] | None = None,
                given: np.ndarray | None = None) -> np.ndarray:
    """The learner's result as a float ndarray, or a `dtype`/`shape`/`value` failure. `given`, the
    input of an elementwise function, lets the hint say which input gave the wrong kind of result."""
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
        if given is not None and np.ndim(given) == 0:
            kind = f"the Python integer {value!r}" if type(value) is int else f"an integer (dtype {array.dtype})"
            here = f", here the integer {value!r}" if type(value) is int else ""
            fail("dtype", f"For the 0-d input x = np.array({np.asarray(given).item()!r}) (a single number held in "
                 f"an array), `{call}` returned {kind}, not a float. A 0-d input is where Python's own functions "
                 "slip through: max(0, x) or min(0, x) compares two single numbers and hands back one of them as "
                 f"it is{here} (on an array of several numbers it raises an error instead). NumPy's "
                 "element-by-element functions with float constants (0.0, not 0) return floats for every shape.")
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


def _best_time(reference: Callable, x: np.ndarray, budget: float = 0.015) -> float:
    """The reference's best time: at least 2 runs, more (up to 5) while they are cheap,
    so a fast yardstick is not judged on a run a busy machine interrupted."""
    best, spent, runs = float("inf"), 0.0, 0
    while runs < 2 or (runs < 5 and spent < budget):
        start = time.perf_counter()
        reference(x)
        elapsed = time.perf_counter() - start
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
    return best


# Loop detection: the inputs the steps are counted on, and what counts as "grows with the input".
LOOP_SIZES = (1_000, 10_000)
STEPS_PER_ELEMENT = 0.5  # an element loop takes at least one step per element; NumPy code takes none
# The wall-clock backstop, for element loops that run inside C (`np.fromiter(map(math.exp, x))`):
# a generous factor over a plain NumPy yardstick, whose time has a floor.
BACKSTOP_FACTOR = 10.0
YARDSTICK_FLOOR = 0.004


def plain_yardstick(x: np.ndarray) -> np.ndarray:
    """A few plain passes of NumPy over the array: what any vectorised answer costs at most,
    give or take; never a micro-optimised kernel."""
    return np.exp(-np.abs(x)) * 0.5 + np.where(x > 0, x, 0.0)


def loop_inputs(spec: Uniform | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two inputs like `spec`, the second ten times as large: the same steps for both means no
    element loop. A 2-D input (softmax) grows by rows and keeps its columns."""
    if isinstance(spec, Uniform):
        rng = np.random.default_rng(spec.seed)
        small, large = (rng.uniform(spec.low, spec.high, size=n) for n in LOOP_SIZES)
        return small, large
    rows = [max(2, n // max(1, spec.shape[-1])) for n in LOOP_SIZES]
    small, large = (np.resize(spec, (r, *spec.shape[1:])) for r in rows)
    return small, large


def wide_input(spec: np.ndarray) -> np.ndarray:
    """The small input of `loop_inputs` with ten times as many columns: what grows here is a
    loop over the entries of a row, not over the rows."""
    small = loop_inputs(spec)[0]
    return np.resize(spec, (small.shape[0], 10 * small.shape[-1]))


def grows(small: dict, large: dict, extra: int) -> bool:
    """True when `large` took half a step (or kept half an object alive) or more per extra element,
    or ran a Python function per element through np.vectorize or np.frompyfunc."""
    if large["element_wrappers"]:
        return True
    per_element = max(large["steps"] - small["steps"], large["peak_objects"] - small["peak_objects"]) / extra
    return per_element >= STEPS_PER_ELEMENT


def _loop_story(small: dict, large: dict, small_size: int, large_size: int, unit: str) -> str:
    if large["element_wrappers"]:
        return "it calls np.vectorize or np.frompyfunc, which run a Python function once per element"
    return (f"it took {small['steps']:,} Python steps for {small_size:,} {unit} and {large['steps']:,} for "
            f"{large_size:,}: the work grows with the input")


def vectorised(sub: Submission, name: str, spec: Uniform | np.ndarray, advice: str,
               unit: str = "numbers", row_loop_note: str = "", ctx: Context | None = None) -> None:
    """Fail with `slow` when `name` works element by element in Python.

    Decided from what the code does, not from the clock: the learner's function runs on an input
    and on one ten times as large while the sandbox counts its Python-level steps in the learner's
    files and the Python objects alive; a count that grows with the input is a loop. For a 2-D
    input with `row_loop_note` (softmax), a loop over the rows is a teaching note on a passing
    check, while a loop over the entries of each row (counted on rows ten times as wide) fails.
    A wall-clock measurement against `plain_yardstick` (a generous factor, the yardstick's time
    floored) remains as a backstop for loops that run inside C, such as map(math.exp, x).
    """
    small_input, large_input = loop_inputs(spec)
    small, large = sub.steps(name, small_input), sub.steps(name, large_input)
    if row_loop_note and isinstance(spec, np.ndarray) and spec.ndim == 2:
        wide_rows = wide_input(spec)
        wide = sub.steps(name, wide_rows)
        if grows(small, wide, wide_rows.size - small_input.size):
            story = _loop_story(small, wide, small_input.size, wide_rows.size, unit)
            fail("slow", f"Your `{name}` works entry by entry in Python: on rows ten times as wide, {story}. "
                 f"{advice}")
        if grows(small, large, large_input.shape[0] - small_input.shape[0]):
            story = _loop_story(small, large, small_input.shape[0], large_input.shape[0], "rows")
            if ctx is not None:
                ctx.note("axis", f"Your `{name}` works row by row in Python ({story}). That is allowed and "
                         f"gives the right numbers, but {row_loop_note}")
            return
    elif grows(small, large, large_input.size - small_input.size):
        story = _loop_story(small, large, small_input.size, large_input.size, unit)
        fail("slow", f"Your `{name}` works element by element in Python: {story}, one step or more per "
             f"element. {advice}")
    x = spec.array() if isinstance(spec, Uniform) else spec
    _wall_clock_backstop(sub, name, spec, x, advice)


def _wall_clock_backstop(sub: Submission, name: str, spec: Uniform | np.ndarray, x: np.ndarray, advice: str) -> None:
    hung_before = sub.has_hung(name)
    ratio = learner_time = yardstick_time = 0.0
    for _ in range(3):
        yardstick_time = max(YARDSTICK_FLOOR, _best_time(plain_yardstick, x))
        try:
            outcome = sub.run(name, (spec,), repeat=3, time_budget=0.3, timeout=60, discard=True)
        except CheckFailed as failure:
            if failure.hints[0].category != "timeout" or hung_before:
                raise
            fail("slow", f"`{name}` on {x.size:,} numbers did not finish within a minute. {advice}")
        learner_time = outcome.duration
        ratio = learner_time / yardstick_time
        if ratio <= BACKSTOP_FACTOR:
            return
    fail("slow", f"`{name}` took {learner_time * 1000:.0f} ms on {x.size:,} numbers, {ratio:.0f} times as long "
         f"as a few plain NumPy passes over the same array ({yardstick_time * 1000:.1f} ms), three times in a "
         f"row (the limit is {BACKSTOP_FACTOR:.0f} times). Its Python steps did not grow with the input, so the "
         f"loop is inside a function it calls, such as map() or np.fromiter() over the elements. {advice}")


def explained_call(sub: Submission, name: str, *args: Any,
                   advice: tuple[tuple[str, str, str], ...] = (), **kwargs: Any) -> Any:
    """`sub.<name>(*args, **kwargs)`, with check-specific `advice` for known
    exceptions: (part of the message, hint category, next step) triples, tried
    before the general `core.KNOWN_ERRORS`."""
    return sub.run(name, args, kwargs, advice=advice).value


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


