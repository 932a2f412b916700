"""Hidden tests for exercise 4: sigmoid + BCE, softmax + cross-entropy, linear + MSE.

Every loss is compared with the reference on random batches and on edge cases
(a single row, one class, float32, logits of +-1e4), every gradient with the
reference and with central finite differences of the learner's own loss. When
a value is wrong, the check looks for the usual suspects (a sum instead of a
mean, a flipped sign, the wrong axis, the log of a rounded probability) and
names the one it finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NoReturn

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail, show
from actgrade.checks.expect import float_array, mismatch, overflow_warnings, tolerances
from actgrade.sandbox.protocol import Unsupported

HINTS = [
    "Each loss is an average over the examples of the batch, and each gradient is the gradient of that "
    "average, so it carries a 1/n. Never take the log of a probability you computed first: for a logit "
    "like 1e4 it rounds to exactly 0 or 1, and log(0) is -inf. Work from the logits instead.",
    "BCE: average max(z, 0) - z*y + log(1 + exp(-|z|)) (np.maximum, np.abs, np.log1p). "
    "Cross-entropy: log-sum-exp of each row minus the score of the true class; subtract each row's "
    "largest score before np.exp. Both gradients are 'probability minus target, divided by n'. "
    "MSE: np.mean of the squared differences; its gradient is 2 * difference / number of elements.",
    "binary_cross_entropy: `float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))`; "
    "its grad: `(sigmoid(z) - y) / z.size`. cross_entropy: `m = z.max(axis=1, keepdims=True)`, "
    "`log_p = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))`, "
    "`float(-np.mean(log_p[np.arange(n), labels]))`; its grad: `p = softmax(z, axis=1)`, "
    "`p[np.arange(n), labels] -= 1`, `return p / n`. mse: `float(np.mean((pred - target) ** 2))`; "
    "mse_grad: `2 * (pred - target) / pred.size`.",
]

H = 1e-5  # the finite-difference step of the contract
FD_RTOL = 1e-6  # largest relative error between a gradient and finite differences
BIG = 1e4

BCE_FIX = ("Compute the loss from the logits, never from sigmoid(z): per example "
           "np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))), then the mean. "
           "np.exp(-np.abs(z)) is always between 0 and 1, so nothing overflows and no log(0) appears.")
BCE_GRAD_FIX = ("Compute sigmoid(z) with a stable formula, for example the sigmoid of exercise 2 "
                "(built on np.exp(-np.abs(z)), which never overflows), then return (sigmoid(z) - y) / n. "
                "Do not divide by p or by 1 - p: for large logits they are exactly 0.")
CE_FIX = ("Use log-sum-exp: subtract each row's largest score m first (z - z.max(axis=1, keepdims=True)), "
          "then log(sum(exp(z))) = m + log(sum(exp(z - m))), and the row's loss is that minus the score of "
          "its true class. No probability is computed, so there is no log(0).")
CE_GRAD_FIX = ("Compute the softmax with the shift by each row's largest score (the softmax of exercise 3 "
               "with axis=1), then return (softmax(z) - onehot) / n.")

NOTE_BCE = (
    "Correct, and worth remembering: your gradient is (sigmoid(z) - y) / n, the error p - y itself, shared "
    "over the n examples. The log in the loss cancels the flat tails of the sigmoid, so a confidently wrong "
    "example still gets a full push: z = -10 with y = 1 gives p - y = -0.99995. With MSE on a sigmoid output "
    "the same example would be multiplied by sigmoid'(-10) = 0.0000454 and barely move: that is saturation, "
    "and it is why a sigmoid output goes with cross-entropy."
)
NOTE_CE = (
    "Correct, and worth remembering: your gradient is (softmax(z) - onehot) / n, the same 'p - y' pattern as "
    "BCE. It stays large whenever a high score sits on the wrong class, so a softmax output trained with "
    "cross-entropy does not saturate. A softmax in a hidden layer has no log after it to cancel its flat "
    "parts: its Jacobian entries are at most 0.25 and shrink towards 0 once one score dominates (exercise 3). "
    "Keep that in mind for the big question of these exercises (exercise 7)."
)
NOTE_MSE = (
    "Correct, and worth remembering: your MSE gradient 2 * (pred - target) / pred.size grows with the error, "
    "and with no activation at the output nothing flattens it. Put a sigmoid in front of MSE, though, and the "
    "chain rule multiplies it by sigmoid'(z), below 0.00005 once |z| >= 10: a confidently wrong output almost "
    "stops learning (saturation). Cross-entropy's p - y has no such factor."
)


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


def warning_story(sub: Submission, fix: str) -> tuple[str, str]:
    """(what NumPy said, why it happens and the next step) for the overflow warnings of the last call."""
    found = overflow_warnings(sub)
    if not found:
        return "", ""
    said = f"NumPy warned \"{found[0]}\""
    message = found[0].lower()
    if "overflow" in message:
        why = ("np.exp of a large number overflows: exp(710) is already more than the largest float "
               "(about 1.8e308), so exp(1e4) becomes inf, and inf / inf or inf - inf is nan.")
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
                  right: bool = False) -> NoReturn:
    said, why = warning_story(sub, fix)
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
               right_when_moderate: Callable[[], bool] | None = None) -> None:
    """Pass when `got` is the reference's `expected`, else fail with the most precise hint."""
    rtol, atol = tolerances(dtype)
    if close(got, expected, rtol, atol):
        return
    if overflow_warnings(sub) or not np.isfinite(got):
        fail_overflow(sub, call, inputs, num(got), num(expected), fix)
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
    if stable and overflow_warnings(sub):
        fail_overflow(sub, call, inputs, num(got), num(expected), fix, close(got, expected, *tolerances(args[0].dtype)))
    judge_loss(sub, got, expected, call, inputs, what, suspects, args[0].dtype, fix, right_when_moderate)
    return got


# -- gradients ------------------------------------------------------------------------------

def judge_gradient(sub: Submission, got: np.ndarray, expected: np.ndarray, call: str, inputs: str,
                   formula: str, suspects: list[Suspect], dtype, fix: str) -> None:
    rtol, atol = tolerances(dtype)
    index = mismatch(got, expected, rtol, atol)
    if index is None:
        return
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
                   f"for this input instead of {num(reference_loss)} (see the check of its values).")
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


# -- binary cross-entropy -------------------------------------------------------------------

BCE_NAMES = ("logits", "y")
BCE_WHAT = "the mean binary cross-entropy"
BCE_FORMULA = "(sigmoid(z) - y) / n"


def as64(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def bce_suspects(ctx: Context, z: np.ndarray, y: np.ndarray, expected: float) -> list[Suspect]:
    n = z.size
    found: list[Suspect] = []
    if n > 1:
        found.append((n * expected, "batch-mean",
                      f"That is {n} times the right answer, and {n} is the number of examples: you added the "
                      "losses up instead of averaging them. Use np.mean(...), not np.sum(...)."))
    found += [
        (-expected, "value", "That is the right size with the wrong sign: the loss is MINUS the mean of "
         "y*log(p) + (1-y)*log(1-p), so it is never negative. Put a minus sign in front."),
        (ctx.ref.binary_cross_entropy(as64(z), 1 - as64(y)), "value",
         "That is the loss for the opposite labels: y and 1 - y are swapped. y multiplies log(p), where "
         "p = sigmoid(z) is the probability of a 1."),
    ]
    return found


def check_bce(sub: Submission, ctx: Context, z: np.ndarray, y: np.ndarray, stable: bool = False) -> None:
    expected = ctx.ref.binary_cross_entropy(as64(z), as64(y))

    def right_when_moderate() -> bool:
        small = (as64(z) * (5.0 / np.max(np.abs(as64(z))))).astype(z.dtype)
        value = loss_number(sub.binary_cross_entropy(small, y), "binary_cross_entropy(logits, y)",
                            given(BCE_NAMES, (small, y)), ((z.size,),))
        return close(value, ctx.ref.binary_cross_entropy(as64(small), as64(y)), *tolerances(z.dtype))

    check_loss(sub, "binary_cross_entropy", (z, y), expected, BCE_NAMES, BCE_WHAT, ((z.size,),),
               bce_suspects(ctx, z, y, expected), BCE_FIX, stable, right_when_moderate if stable else None)


def check_bce_grad(sub: Submission, ctx: Context, z: np.ndarray, y: np.ndarray, stable: bool = False) -> None:
    expected = ctx.ref.binary_cross_entropy_grad(as64(z), as64(y))
    n = z.size
    p = ctx.ref.sigmoid(as64(z))
    slope = p * (1 - p)
    extra: list[Suspect] = [
        (expected * slope, "gradient", "Your gradient is the right one multiplied by sigmoid'(z) = p * (1 - p). "
         "With cross-entropy that factor cancels against the log in the loss: the gradient with respect to the "
         "logit is just (p - y) / n. (Keeping the factor makes it vanish for large |z|: saturation.)"),
        (expected * slope * n, "gradient", "Your gradient is p - y multiplied by sigmoid'(z) = p * (1 - p), and "
         "without the 1/n. With cross-entropy the sigmoid's slope cancels against the log: the gradient with "
         "respect to the logit is (p - y) / n."),
        (p / n, "gradient", "Your gradient is sigmoid(z) / n: the target y is missing. Subtract it: (p - y) / n."),
    ]
    check_gradient(sub, "binary_cross_entropy_grad", (z, y), expected, BCE_NAMES, BCE_FORMULA,
                   scale_suspects(expected, n, extra), BCE_GRAD_FIX, stable)


def bce_cases(ctx: Context) -> list[tuple[np.ndarray, np.ndarray]]:
    n1, n2, n3 = (batch_shape(ctx)[0] for _ in range(3))
    return [
        (logits_like(ctx, (n1,)), binary_labels(ctx, n1)),
        (logits_like(ctx, (n2,)), binary_labels(ctx, n2, np.int64)),  # integer labels
        (logits_like(ctx, (n3,), np.float32, limit=6.0), binary_labels(ctx, n3, np.float32)),
        (logits_like(ctx, (1,)), binary_labels(ctx, 1)),  # a single example
    ]


BCE_LARGE = [
    (np.array([BIG, -BIG, 0.0]), np.array([0.0, 1.0, 1.0])),  # confidently wrong
    (np.array([BIG, -BIG]), np.array([1.0, 0.0])),  # confidently right: the loss is 0
    (np.array([-BIG]), np.array([1.0])),  # a single example
    (np.array([BIG, -BIG, 30.0, -30.0], dtype=np.float32), np.array([0.0, 1.0, 1.0, 0.0], dtype=np.float32)),
]


@check(points=2)
def bce_values(sub: Submission, ctx: Context) -> None:
    """binary_cross_entropy gives the mean loss (random batches, integer y, float32, one example)"""
    for z, y in bce_cases(ctx):
        check_bce(sub, ctx, z, y)


@check(points=1)
def bce_stable(sub: Submission, ctx: Context) -> None:
    """BCE and its gradient stay finite and warning-free for logits up to |z| = 1e4"""
    for z, y in BCE_LARGE:
        check_bce(sub, ctx, z, y, stable=True)
    for z, y in BCE_LARGE:
        check_bce_grad(sub, ctx, z, y, stable=True)


@check(points=2)
def bce_grad_values(sub: Submission, ctx: Context) -> None:
    """binary_cross_entropy_grad is (sigmoid(z) - y) / n (random batches, float32, one example)"""
    for z, y in bce_cases(ctx):
        check_bce_grad(sub, ctx, z, y)
    ctx.note("saturation", NOTE_BCE)


@check(points=1)
def bce_grad_matches_own_loss(sub: Submission, ctx: Context) -> None:
    """binary_cross_entropy_grad agrees with the slope of your own loss (finite differences)"""
    n = batch_shape(ctx)[0]
    z, y = logits_like(ctx, (n,)), binary_labels(ctx, n)
    check_against_own_loss(sub, ctx, "binary_cross_entropy", "binary_cross_entropy_grad", BCE_NAMES, z, y,
                           factor_texts(n))


# -- softmax cross-entropy ------------------------------------------------------------------

CE_NAMES = ("logits", "labels")
CE_WHAT = "the mean cross-entropy"
CE_FORMULA = "(softmax(z) - onehot) / n"


def log_softmax(z: np.ndarray, axis: int | None) -> np.ndarray:
    m = np.max(z, axis=axis, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


def ce_suspects(z: np.ndarray, labels: np.ndarray, expected: float) -> list[Suspect]:
    z = as64(z)
    n, k = z.shape
    rows = np.arange(n)
    log_p = log_softmax(z, axis=1)
    found: list[Suspect] = []
    if n > 1:
        found.append((n * expected, "batch-mean",
                      f"That is {n} times the right answer, and {n} is the number of rows: you added the row "
                      "losses up instead of averaging them. Use np.mean(...), not np.sum(...)."))
    if k > 1:
        found.append((expected / k, "batch-mean",
                      f"That is the right answer divided by {k}, the number of classes: you averaged over all "
                      f"n * k = {n * k} entries (np.mean of onehot * log(p) counts the zeros too). Average over "
                      "the n rows only: pick each row's true class with log_p[np.arange(n), labels], then np.mean."))
    if n > 1 and k > 1:
        found += [
            (-np.mean(log_softmax(z, axis=0)[rows, labels]), "axis",
             "That is what you get when the softmax (or the log-sum-exp) runs down each COLUMN (axis=0). Each "
             "row is one example and its k scores compete with each other: use axis=1 with keepdims=True."),
            (-np.mean(log_softmax(z, axis=None)[rows, labels]), "axis",
             "That is what you get when the softmax (or the log-sum-exp) runs over the WHOLE array at once. "
             "Each row is one example: normalise each row on its own, with axis=1 and keepdims=True."),
            (-np.mean(log_p[:, labels]), "value",
             "That is what `log_p[:, labels]` gives: it picks whole columns (an n x n array), not one entry per "
             "row. Use log_p[np.arange(n), labels] to take row r's entry in column labels[r]."),
        ]
    if k > 1:
        found.append((-np.mean(log_p), "value",
                      "That is the mean of -log(p) over ALL classes. The loss only looks at the true class of "
                      "each row: -log_p[np.arange(n), labels], then the mean."))
    found.append((-expected, "value",
                  "That is the right size with the wrong sign: the loss is MINUS the log-probability of the true "
                  "class, so it is never negative."))
    return found


def check_ce(sub: Submission, ctx: Context, z: np.ndarray, labels: np.ndarray, stable: bool = False) -> None:
    expected = ctx.ref.cross_entropy(as64(z), labels)
    per_example = ((z.shape[0],), z.shape)

    def right_when_moderate() -> bool:
        small = (as64(z) * (5.0 / max(np.max(np.abs(as64(z))), 1.0))).astype(z.dtype)
        value = loss_number(sub.cross_entropy(small, labels), "cross_entropy(logits, labels)",
                            given(CE_NAMES, (small, labels)), per_example)
        return close(value, ctx.ref.cross_entropy(as64(small), labels), *tolerances(z.dtype))

    check_loss(sub, "cross_entropy", (z, labels), expected, CE_NAMES, CE_WHAT, per_example,
               ce_suspects(z, labels, expected), CE_FIX, stable, right_when_moderate if stable else None)


def check_ce_grad(sub: Submission, ctx: Context, z: np.ndarray, labels: np.ndarray, stable: bool = False) -> None:
    expected = ctx.ref.cross_entropy_grad(as64(z), labels)
    z64 = as64(z)
    n, k = z64.shape
    onehot = np.zeros_like(z64)
    onehot[np.arange(n), labels] = 1.0
    p = ctx.ref.softmax(z64, axis=1)
    extra: list[Suspect] = []
    if k > 1:
        extra.append((expected / k, "batch-mean",
                      f"Your gradient is {k} times too small, and {k} is the number of classes: you divided by "
                      f"n * k = {n * k} (z.size). The loss is a mean over the n rows: divide by n = z.shape[0]."))
    if n > 1 and k > 1:
        columns = np.zeros_like(z64)
        columns[:, labels] = 1.0
        for axis, where in ((0, "down each COLUMN (axis=0)"), (None, "over the WHOLE array")):
            wrong = np.exp(log_softmax(z64, axis=axis))
            for scale in (1.0 / n, 1.0):
                extra.append(((wrong - onehot) * scale, "axis",
                              f"Your probabilities were normalised {where}. Each row is one example whose k "
                              "scores compete: use softmax(z, axis=1), so that every row sums to 1."))
        extra.append(((p - columns) / n, "gradient",
                      "Your one-hot array has whole columns set to 1: `onehot[:, labels] = 1` fills every row. "
                      "Use onehot[np.arange(n), labels] = 1.0, one 1 per row."))
    extra.append((p / n, "gradient", "Your gradient is softmax(z) / n: the one-hot target is missing. Subtract "
                  "1 at each row's true class: (softmax(z) - onehot) / n."))
    check_gradient(sub, "cross_entropy_grad", (z, labels), expected, CE_NAMES, CE_FORMULA,
                   scale_suspects(expected, n, extra), CE_GRAD_FIX, stable)


def ce_cases(ctx: Context) -> list[tuple[np.ndarray, np.ndarray]]:
    (n1, k1), (n2, k2) = batch_shape(ctx), batch_shape(ctx)
    k3, n4 = int(ctx.rng.integers(3, 6)), int(ctx.rng.integers(3, 6))
    return [
        (logits_like(ctx, (n1, k1)), class_labels(ctx, n1, k1)),
        (logits_like(ctx, (n2, k2), np.float32, limit=6.0), class_labels(ctx, n2, k2)),
        (logits_like(ctx, (1, k3)), class_labels(ctx, 1, k3)),  # a single row
        (logits_like(ctx, (n4, 1)), np.zeros(n4, dtype=np.int64)),  # one class: the loss is 0
    ]


_WIDE = np.array([[BIG, 0.0, -BIG], [0.0, -BIG, BIG]])
CE_LARGE = [
    (_WIDE, np.array([2, 1])),  # confidently wrong: the loss is 2e4
    (_WIDE, np.array([0, 2])),  # confidently right: the loss is 0
    (np.array([[-BIG, BIG, 0.0, 5.0]]), np.array([0])),  # a single row
    (np.array([[BIG], [-BIG], [0.0]]), np.array([0, 0, 0])),  # one class
    (np.array([[BIG, -BIG, 30.0, 0.0], [-30.0, BIG, 0.0, -BIG]], dtype=np.float32), np.array([1, 3])),
]


@check(points=2)
def ce_values(sub: Submission, ctx: Context) -> None:
    """cross_entropy gives the mean loss (random (n, k) batches, float32, one row, one class)"""
    for z, labels in ce_cases(ctx):
        check_ce(sub, ctx, z, labels)


@check(points=1)
def ce_stable(sub: Submission, ctx: Context) -> None:
    """Cross-entropy and its gradient stay finite and warning-free for logits up to |z| = 1e4"""
    for z, labels in CE_LARGE:
        check_ce(sub, ctx, z, labels, stable=True)
    for z, labels in CE_LARGE:
        check_ce_grad(sub, ctx, z, labels, stable=True)


@check(points=2)
def ce_grad_values(sub: Submission, ctx: Context) -> None:
    """cross_entropy_grad is (softmax(z) - onehot) / n (random (n, k) batches, float32, one row, one class)"""
    for z, labels in ce_cases(ctx):
        check_ce_grad(sub, ctx, z, labels)
    ctx.note("saturation", NOTE_CE)


@check(points=1)
def ce_grad_matches_own_loss(sub: Submission, ctx: Context) -> None:
    """cross_entropy_grad agrees with the slope of your own loss (finite differences)"""
    n, k = batch_shape(ctx)
    z, labels = logits_like(ctx, (n, k)), class_labels(ctx, n, k)
    check_against_own_loss(sub, ctx, "cross_entropy", "cross_entropy_grad", CE_NAMES, z, labels,
                           factor_texts(n, k=k))


# -- mean squared error ---------------------------------------------------------------------

MSE_NAMES = ("pred", "target")
MSE_WHAT = "the mean of the squared differences"
MSE_FORMULA = "2 * (pred - target) / pred.size"
MSE_FIX = "Square the differences with NumPy, (pred - target) ** 2, and take np.mean of that."


def mse_suspects(pred: np.ndarray, target: np.ndarray, expected: float) -> list[Suspect]:
    d = as64(pred) - as64(target)
    size = d.size
    found: list[Suspect] = []
    if size > 1:
        found.append((size * expected, "batch-mean",
                      f"That is {size} times the right answer, and {size} is the number of elements: you added "
                      "the squares up instead of averaging them. Use np.mean(...), not np.sum(...)."))
    if d.ndim == 2 and d.shape[0] > 1 and d.shape[1] > 1:
        n, k = d.shape
        found += [
            (k * expected, "batch-mean",
             f"That is {k} times the right answer, and {k} is the number of columns: you summed each row and "
             "averaged over the rows only. MSE is the mean over all n * k elements: np.mean with no axis."),
            (n * expected, "batch-mean",
             f"That is {n} times the right answer, and {n} is the number of rows: you summed over the rows and "
             "averaged over the columns only. MSE is the mean over all n * k elements: np.mean with no axis."),
        ]
    found += [
        (expected / 2, "value", "That is half the right answer: this MSE has no 1/2 in front. Use "
         "np.mean((pred - target) ** 2)."),
        (float(np.sqrt(expected)), "value", "That is the square root of the right answer (the RMSE). MSE stops "
         "at the mean of the squares: leave out np.sqrt."),
        (float(np.mean(np.abs(d))), "value", "That is the mean of the absolute differences. MSE squares the "
         "differences: (pred - target) ** 2."),
    ]
    return found


def check_mse(sub: Submission, ctx: Context, pred: np.ndarray, target: np.ndarray) -> None:
    expected = ctx.ref.mse(as64(pred), as64(target))
    per_example = tuple({(pred.shape[0],), pred.shape})
    check_loss(sub, "mse", (pred, target), expected, MSE_NAMES, MSE_WHAT, per_example,
               mse_suspects(pred, target, expected), MSE_FIX)


def check_mse_grad(sub: Submission, ctx: Context, pred: np.ndarray, target: np.ndarray) -> None:
    expected = ctx.ref.mse_grad(as64(pred), as64(target))
    size = pred.size
    extra: list[Suspect] = []
    if size > 1:
        extra += [
            (expected * size, "batch-mean",
             f"Your gradient is {size} times too large, and {size} is the number of elements: divide by "
             "pred.size, because the loss is the mean over every element."),
            (expected * size / 2, "batch-mean",
             f"Your gradient is pred - target: the 2 and the 1 / pred.size (here 1/{size}) are both missing. "
             "The loss is the mean over every element, so the gradient is 2 * (pred - target) / pred.size."),
        ]
    if pred.ndim == 2 and pred.shape[0] > 1 and pred.shape[1] > 1:
        n, k = pred.shape
        extra += [
            (expected * k, "batch-mean",
             f"Your gradient is {k} times too large: you divided by the number of rows n = {n} (len(pred)), "
             f"but the mean runs over all n * k = {size} elements. Divide by pred.size."),
            (expected * n, "batch-mean",
             f"Your gradient is {n} times too large: you divided by the number of columns k = {k}, but the "
             f"mean runs over all n * k = {size} elements. Divide by pred.size."),
        ]
    extra.append((expected / 2, "gradient", "Your gradient is half the right one: the derivative of u ** 2 "
                  "is 2 * u, so keep the factor 2: 2 * (pred - target) / pred.size."))
    check_gradient(sub, "mse_grad", (pred, target), expected, MSE_NAMES, MSE_FORMULA,
                   scale_suspects(expected, 1, extra), MSE_FIX)


def mse_cases(ctx: Context) -> list[tuple[np.ndarray, np.ndarray]]:
    (n1, k1), (n2, k2) = batch_shape(ctx), batch_shape(ctx)
    n3, k4 = int(ctx.rng.integers(3, 6)), int(ctx.rng.integers(3, 6))
    return [
        (logits_like(ctx, (n1, k1)), logits_like(ctx, (n1, k1))),
        (logits_like(ctx, (n3,)), logits_like(ctx, (n3,))),  # one output per example
        (logits_like(ctx, (n2, k2), np.float32), logits_like(ctx, (n2, k2), np.float32)),
        (logits_like(ctx, (1, k4)), logits_like(ctx, (1, k4))),  # a single row
        (np.array([[BIG, -BIG, 0.5], [-BIG, 2.0, BIG]]), np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])),
    ]


@check(points=1)
def mse_values(sub: Submission, ctx: Context) -> None:
    """mse gives the mean of the squared differences ((n, k) and (n,) batches, float32, one row, up to 1e4)"""
    for pred, target in mse_cases(ctx):
        check_mse(sub, ctx, pred, target)


@check(points=1)
def mse_grad_values(sub: Submission, ctx: Context) -> None:
    """mse_grad is 2 * (pred - target) / pred.size ((n, k) and (n,) batches, float32, one row)"""
    for pred, target in mse_cases(ctx):
        check_mse_grad(sub, ctx, pred, target)
    ctx.note("saturation", NOTE_MSE)


@check(points=1)
def mse_grad_matches_own_loss(sub: Submission, ctx: Context) -> None:
    """mse_grad agrees with the slope of your own mse (finite differences)"""
    n, k = batch_shape(ctx)
    pred, target = logits_like(ctx, (n, k)), logits_like(ctx, (n, k))
    check_against_own_loss(sub, ctx, "mse", "mse_grad", MSE_NAMES, pred, target, factor_texts(n, k=k, size=n * k))
