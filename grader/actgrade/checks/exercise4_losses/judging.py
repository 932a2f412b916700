"""Inputs for the loss checks, hint texts, and the judging shared by the three losses: values
(with the known wrong variants named) and gradients (against the reference and against finite
differences of the learner's own loss)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NoReturn

import numpy as np

from actgrade.checks.core import Context, Submission, fail, show
from actgrade.checks.earlier import earlier_mistake
from actgrade.checks.expect import float_array, mismatch, overflow_warnings, tolerances
from actgrade.sandbox.protocol import Unsupported

from .common import FD_RTOL, H

# Beyond about 37 (float64), sigmoid(z) rounds to exactly 1.0; below, no probability is exactly 0 or 1.
SMALL_LOGIT = 30.0


# -- inputs ---------------------------------------------------------------------------------

def batch_shape(ctx: Context) -> tuple[int, int]:
    """(n, k) with 3 <= n, k <= 5 and n != k: a missing 1/n, a 1/(n*k) or a lost factor 2 cannot hide."""
    while True:
        n, k = int(ctx.rng.integers(3, 6)), int(ctx.rng.integers(3, 6))
        if n != k:
            return n, k


def logits_like(ctx: Context, shape: tuple[int, ...], dtype=np.float64, limit: float | None = None) -> np.ndarray:
    """Readable random logits (3 decimals); float32 ones are kept moderate."""
    z = np.round(ctx.rng.normal(scale=2.5, size=shape), 3)
    if limit is not None:
        z = np.clip(z, -limit, limit)
    return z.astype(dtype)


def binary_labels(ctx: Context, n: int, dtype=np.float64) -> np.ndarray:
    """n labels in {0, 1}, both present when n >= 2."""
    y = ctx.rng.integers(0, 2, size=n)
    if n >= 2:
        y[:2] = [0, 1]
        y = ctx.rng.permutation(y)
    return y.astype(dtype)


def class_labels(ctx: Context, n: int, k: int) -> np.ndarray:
    return ctx.rng.integers(0, k, size=n).astype(np.int64)


# -- texts ----------------------------------------------------------------------------------

def shown(x: Any) -> str:
    text = show(x, limit=20)
    if isinstance(x, np.ndarray) and x.dtype == np.float32 and text.startswith("np.array("):
        text = text[:-1] + ", dtype=np.float32)"
    return text


def given(names: tuple[str, ...], args: tuple) -> str:
    return ", ".join(f"{name} = {shown(value)}" for name, value in zip(names, args, strict=True))


def num(value: float) -> str:
    return f"{float(value) + 0.0:.10g}"  # + 0.0 turns -0.0 into 0.0


def where_text(name: str, index: tuple) -> str:
    return f"{name}[{', '.join(str(int(i)) for i in index)}]"


def entry(index: tuple) -> str:
    return f"entry [{', '.join(str(int(i)) for i in index)}]"


def warning_story(sub: Submission, fix: str, largest: float | None = None) -> tuple[str, str]:
    """(what NumPy said, why it happens and the next step) for the overflow warnings of the last call.
    `largest` is the largest |logit| of the call's input, when the input holds logits."""
    found = overflow_warnings(sub)
    if not found:
        return "", ""
    said = f"NumPy warned \"{found[0]}\""
    message = found[0].lower()
    if "overflow" in message:
        why = ("np.exp of a large number overflows: exp(710) is already more than the largest float "
               "(about 1.8e308), so exp(1e4) becomes inf, and inf / inf or inf - inf is nan.")
    elif "divide by zero" in message and largest is not None and largest < SMALL_LOGIT:
        return said, (f"log(0) is -inf. Nothing here is large: the largest logit is {largest:.4g} in size, and a "
                      f"probability computed from it is exactly 0 or 1 only for logits beyond about {SMALL_LOGIT:g}. "
                      "So the 0 comes straight from your inputs: a label inside a log. The labels are 0s and 1s "
                      "(log(y) is -inf where y = 0, log(1 - y) where y = 1), and 0 * -inf is nan. The log goes on the "
                      f"probabilities, never on the labels. {fix}")
    elif "divide by zero" in message:
        why = ("log(0) is -inf: for a logit like 1e4 the probability rounds to exactly 1.0 or 0.0 "
               "(its true distance from 1 is far too small for a float), so log(p) or log(1 - p) becomes log(0).")
    else:
        why = "An operation such as 0 * inf or inf - inf has no answer, so NumPy gives nan."
    files = sorted({str(w.get("file")) for w in (sub.last.warnings if sub.last else [])})
    earlier = [f for f in files if re.match(r"exercise[1-35-9]_", f)]
    if earlier:
        number = re.match(r"exercise(\d+)", earlier[0]).group(1)
        return said, (f"{why} The warning comes from {earlier[0]}, an earlier exercise your code uses: "
                      f"make it pass first (`actgrade check {number}`), then check this one again.")
    return said, f"{why} {fix}"


def fail_overflow(sub: Submission, call: str, inputs: str, got_text: str, expected_text: str, fix: str,
                  right: bool = False, largest: float | None = None) -> NoReturn:
    said, why = warning_story(sub, fix, largest)
    if said and right:
        fail("overflow", f"`{call}` with {inputs} returned the right values, but {said}: an inf or nan appeared on "
             f"the way, and in a longer computation it would reach the result. {why}")
    if said:
        fail("overflow", f"`{call}` with {inputs}: {said} and returned {got_text} (expected {expected_text}). {why}")
    fail("overflow", f"`{call}` with {inputs} returned {got_text}, but the answer is {expected_text}: a finite "
         f"number. Somewhere an exp overflowed or a probability rounded to 0 or 1 before a log. {fix}")


# -- losses ---------------------------------------------------------------------------------

def loss_number(value: Any, call: str, inputs: str, per_example: tuple[tuple[int, ...], ...]) -> float:
    """The learner's loss as a float, or a failure that says what it is instead.

    `per_example` lists the shapes that mean "one loss per example (or per
    element): the mean was forgotten".
    """
    if value is None:
        fail("value", f"`{call}` returned None (with {inputs}). Did you forget the `return` line?")
    if isinstance(value, Unsupported):
        fail("dtype", f"`{call}` returned a {value.type_name} ({value.text}), not a number. "
             "Return the loss as a float: `return float(np.mean(...))`.")
    if isinstance(value, (bool, np.bool_)):
        fail("dtype", f"`{call}` returned the boolean {value!r}. A loss is a float: `return float(np.mean(...))`.")
    if isinstance(value, (list, tuple)):
        if (len(value),) in per_example:
            fail("batch-mean", f"`{call}` returned a {type(value).__name__} of {len(value)} numbers, one per "
                 f"example (with {inputs}). The loss is ONE number, the mean over the batch: "
                 "`return float(np.mean(per_example_losses))`.")
        fail("dtype", f"`{call}` returned a Python {type(value).__name__}, not a number (with {inputs}). "
             "Return the loss as a float: `return float(np.mean(...))`.")
    if type(value) is int:
        fail("dtype", f"`{call}` returned the integer {value} (with {inputs}). A loss is a float: "
             "`return float(np.mean(...))`.")
    array = np.asarray(value)
    if array.dtype.kind != "f":
        fail("dtype", f"`{call}` returned a value of dtype {array.dtype} (with {inputs}). A loss is a float: "
             "`return float(np.mean(...))`.")
    if array.ndim == 0:
        return float(array)
    if array.shape in per_example:
        fail("batch-mean", f"`{call}` returned an array of shape {array.shape}: one loss per "
             f"{'example' if array.ndim == 1 else 'element'}, not one number for the batch (with {inputs}). "
             "The loss is their mean: `return float(np.mean(...))`. np.mean with no axis averages everything.")
    fail("shape", f"`{call}` returned an array of shape {array.shape} (with {inputs}), but a loss is a single "
         "number. A mean with an `axis=` (or keepdims) kept some dimensions: use np.mean(...) with no axis "
         "and wrap it in float(...).")


Suspect = tuple[float | np.ndarray, str, str]  # (what the mistake would give, category, advice)


def close(got: Any, expected: Any, rtol: float, atol: float) -> bool:
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        return False
    with np.errstate(invalid="ignore", over="ignore"):
        return bool(np.all(np.isclose(got, expected, rtol=rtol, atol=atol)))


def judge_loss(sub: Submission, got: float, expected: float, call: str, inputs: str, what: str,
               suspects: list[Suspect], dtype, fix: str,
               right_when_moderate: Callable[[], bool] | None = None, largest: float | None = None) -> None:
    """Pass when `got` is the reference's `expected`, else fail with the most precise hint."""
    rtol, atol = tolerances(dtype)
    if close(got, expected, rtol, atol):
        return
    if overflow_warnings(sub) or not np.isfinite(got):
        fail_overflow(sub, call, inputs, num(got), num(expected), fix, largest=largest)
    start = f"`{call}` with {inputs} returned {num(got)}, but {what} is {num(expected)}."
    for candidate, category, advice in suspects:
        if close(got, candidate, rtol, atol):
            fail(category, f"{start} {advice}")
    if right_when_moderate is not None and right_when_moderate():
        fail("overflow", f"{start} For the same examples with smaller logits your loss is right, so the large "
             "logits are the problem: their probabilities round to exactly 0 or 1, and patching that (for example "
             "np.clip(p, 1e-7, 1 - 1e-7) before the log) changes the loss: a confidently wrong example should cost "
             f"about as much as its logit (1e4), not -log(1e-7) = 16. {fix}")
    fail("value", f"{start} Work the docstring's example by hand and compare it with your code, term by term.")


def check_loss(sub: Submission, name: str, args: tuple, expected: float, names: tuple[str, ...], what: str,
               per_example: tuple[tuple[int, ...], ...], suspects: list[Suspect], fix: str,
               stable: bool = False, right_when_moderate: Callable[[], bool] | None = None) -> float:
    """Call `name(*args)` and judge its loss; with `stable`, any overflow warning fails too."""
    call, inputs = f"{name}({', '.join(names)})", given(names, args)
    got = loss_number(getattr(sub, name)(*args), call, inputs, per_example)
    largest = logit_size(name, args[0])
    if stable and overflow_warnings(sub):
        fail_overflow(sub, call, inputs, num(got), num(expected), fix, close(got, expected, *tolerances(args[0].dtype)),
                      largest=largest)
    judge_loss(sub, got, expected, call, inputs, what, suspects, args[0].dtype, fix, right_when_moderate, largest)
    return got


# -- gradients ------------------------------------------------------------------------------

def logit_size(name: str, x: np.ndarray) -> float | None:
    """The largest |logit| of a call's first argument, for the losses that take logits (not MSE's predictions)."""
    if name.startswith("mse") or not np.size(x):
        return None
    return float(np.max(np.abs(np.asarray(x, dtype=np.float64))))


# The earlier exercise each gradient relies on: a mistake there is named first.
RELIES_ON = {"binary_cross_entropy_grad": ("sigmoid",), "cross_entropy_grad": ("softmax",)}


def judge_gradient(sub: Submission, got: np.ndarray, expected: np.ndarray, call: str, inputs: str,
                   formula: str, suspects: list[Suspect], dtype, fix: str) -> None:
    rtol, atol = tolerances(dtype)
    index = mismatch(got, expected, rtol, atol)
    if index is None:
        return
    name = call.split("(", 1)[0]
    culprit = earlier_mistake(sub, RELIES_ON.get(name, ()), name)
    if culprit:
        fail(culprit.category, f"`{call}` with {inputs} does not give {formula}. {culprit.text}")
    if overflow_warnings(sub) or not np.all(np.isfinite(got)):
        bad = tuple(np.argwhere(~np.isfinite(got))[0]) if not np.all(np.isfinite(got)) else index
        fail_overflow(sub, call, inputs, f"{num(got[bad])} at {entry(bad)}",
                      num(expected[bad]), fix)
    start = (f"`{call}` with {inputs} gave {num(got[index])} at {entry(index)}, "
             f"but {formula} is {num(expected[index])} there.")
    for candidate, category, advice in suspects:
        if close(got, candidate, rtol, atol):
            fail(category, f"{start} {advice}")
    fail("gradient", f"{start} Compute {formula} step by step on this small input and compare with your code.")


def check_gradient(sub: Submission, name: str, args: tuple, expected: np.ndarray, names: tuple[str, ...],
                   formula: str, suspects: list[Suspect], fix: str, stable: bool = False) -> np.ndarray:
    """Call `name(*args)` and judge its gradient; with `stable`, any overflow warning fails too."""
    call, inputs = f"{name}({', '.join(names)})", given(names, args)
    got = float_array(getattr(sub, name)(*args), call, args[0].shape)
    if stable and overflow_warnings(sub):
        wrong = mismatch(got, expected, *tolerances(args[0].dtype))
        bad = np.argwhere(~np.isfinite(got))
        where = tuple(bad[0]) if len(bad) else wrong
        if where:
            fail_overflow(sub, call, inputs, f"{num(got[where])} at {entry(where)}", num(expected[where]), fix)
        fail_overflow(sub, call, inputs, shown(got), shown(expected), fix, right=True)
    judge_gradient(sub, got, expected, call, inputs, formula, suspects, args[0].dtype, fix)
    return got


def scale_suspects(expected: np.ndarray, n: int, extra: list[Suspect]) -> list[Suspect]:
    """A gradient n times too large, of the wrong sign, or both."""
    found: list[Suspect] = []
    if n > 1:
        found.append((n * expected, "batch-mean",
                      f"Your whole gradient is {n} times too large, and {n} is the number of examples n: the 1/n "
                      "is missing. The loss is a mean, so its gradient is divided by n too."))
    found.append((-expected, "gradient",
                  "Your whole gradient has the wrong sign: it points uphill. It is p - y (prediction minus "
                  "target), not y - p."))
    if n > 1:
        found.append((-n * expected, "gradient",
                      f"Your gradient has the wrong sign AND is {n} times too large: use p - y (not y - p), "
                      "and divide by n, the number of examples."))
    return found + extra


def finite_differences(sub: Submission, loss: str, x: np.ndarray, other: np.ndarray, call: str, inputs: str,
                       per_example: tuple[tuple[int, ...], ...]) -> np.ndarray:
    """The slope of the learner's own loss along every entry of x (central differences, h = 1e-5)."""
    slope = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = H
        up = loss_number(getattr(sub, loss)(x + step, other), call, inputs, per_example)
        down = loss_number(getattr(sub, loss)(x - step, other), call, inputs, per_example)
        slope[index] = (up - down) / (2 * H)
    return slope


Factor = tuple[float, str, str]  # (gradient / slope of the loss, category, advice)


def check_against_own_loss(sub: Submission, ctx: Context, loss: str, grad: str, names: tuple[str, ...],
                           x: np.ndarray, other: np.ndarray, factors: list[Factor]) -> None:
    """The learner's gradient describes the learner's loss: compare with finite differences."""
    loss_call, grad_call = f"{loss}({', '.join(names)})", f"{grad}({', '.join(names)})"
    inputs = given(names, (x, other))
    per_example = ((x.shape[0],), x.shape)
    got = float_array(getattr(sub, grad)(x, other), grad_call, x.shape)
    own = loss_number(getattr(sub, loss)(x, other), loss_call, inputs, per_example)
    slope = finite_differences(sub, loss, x, other, loss_call, inputs, per_example)
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.linalg.norm(got - slope) / max(np.linalg.norm(got), np.linalg.norm(slope), 1e-300)
    if error < FD_RTOL:
        return
    reference_loss = getattr(ctx.ref, loss)(x, other)
    loss_right = close(own, reference_loss, *tolerances(x.dtype))
    grad_right = close(got, getattr(ctx.ref, grad)(x, other), *tolerances(x.dtype))
    if grad_right and not loss_right:
        culprit = (f"Your gradient matches the reference, so your loss is the one to fix: it gives {num(own)} "
                   f"for this input instead of {num(reference_loss)} (its values are checked on their own above).")
    elif loss_right and not grad_right:
        culprit = "Your loss matches the reference, so the gradient is the one to fix."
    else:
        culprit = "Both differ from the reference: fix the loss first, then the gradient."
    if not np.all(np.isfinite(slope)):
        fail("gradient", f"With {inputs}, your {loss} gave nan or inf for inputs a tiny step (1e-5) away, so its "
             f"slope cannot be measured. {culprit}")
    index = tuple(int(i) for i in np.unravel_index(int(np.argmax(np.abs(got - slope))), x.shape))
    start = (f"With {inputs}: nudging {where_text(names[0], index)} by h = 1e-5 up and down changes your "
             f"{loss} at a rate of {num(slope[index])} (that is (loss(x + h) - loss(x - h)) / 2h), but your "
             f"{grad} says {num(got[index])} there.")
    for factor, category, text in factors:
        if close(got, factor * slope, 1e-5, 1e-9):
            fail(category, f"{start} {text} {culprit}")
    fail("gradient", f"{start} A gradient must describe the loss you wrote: the two disagree by a relative "
         f"error of {error:.2g} (the limit is 1e-6). {culprit}")


def factor_texts(n: int, k: int | None = None, size: int | None = None) -> list[Factor]:
    """The usual ways a gradient and its own loss disagree by a constant factor."""
    mean = "both must, because the loss is a mean"
    found: list[Factor] = [
        (float(n), "batch-mean", f"Your gradient is {n} times the slope of your loss, and {n} is the number of "
         f"rows n: the loss divides by n and the gradient does not ({mean})."),
        (1.0 / n, "batch-mean", f"The slope of your loss is {n} times your gradient, and {n} is the number of "
         f"rows n: the gradient divides by n and the loss does not, it is a sum ({mean})."),
        (-1.0, "gradient", "Your gradient has the opposite sign of your loss's slope: either the loss lacks the "
         "minus sign in front, or the gradient is y - p instead of p - y."),
    ]
    if k is not None and k > 1:
        found += [
            (1.0 / k, "batch-mean", f"Your gradient is {k} times smaller than the slope of your loss, and {k} is "
             "the number of columns: one of the two divides by n * k and the other by n."),
            (float(k), "batch-mean", f"Your gradient is {k} times the slope of your loss, and {k} is the number "
             "of columns: one of the two divides by n * k and the other by n."),
        ]
    if size is not None and size not in (n, k):
        found.append((float(size), "batch-mean", f"Your gradient is {size} times the slope of your loss, and "
                      f"{size} is the number of elements: the gradient is missing its 1 / pred.size."))
    found += [
        (2.0, "gradient", "Your gradient is twice the slope of your loss: is there a 1/2 in front of your loss, "
         "or an extra 2 in the gradient?"),
        (0.5, "gradient", "Your gradient is half the slope of your loss: the derivative of u ** 2 is 2 * u, so "
         "the gradient needs the factor 2 (or the loss has an extra 2)."),
    ]
    return found
