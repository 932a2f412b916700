"""Checks of binary_cross_entropy and its gradient."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import Context, Submission, check
from actgrade.checks.expect import tolerances

from .common import BCE_FIX, BCE_GRAD_FIX, BIG, NOTE_BCE
from .judging import (
    Suspect,
    batch_shape,
    binary_labels,
    check_against_own_loss,
    check_gradient,
    check_loss,
    close,
    factor_texts,
    given,
    logits_like,
    loss_number,
    num,
    scale_suspects,
)

# -- binary cross-entropy -------------------------------------------------------------------

BCE_NAMES = ("logits", "y")
BCE_WHAT = "the mean binary cross-entropy"
BCE_FORMULA = "(sigmoid(z) - y) / n"


def as64(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


EPSILONS = (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3)


def epsilon_suspects(z: np.ndarray, y: np.ndarray, stable: bool) -> list[Suspect]:
    """A small epsilon added inside the logs, or p clipped away from 0 and 1: patches for log(0) that
    change the loss (a confidently wrong example costs at most -log(eps) instead of about |z|)."""
    z64, y64 = as64(z), as64(y)
    p = np.exp(-np.logaddexp(0.0, -z64))
    category = "overflow" if stable else "value"
    found: list[Suspect] = []
    for eps in EPSILONS:
        cap = -np.log(eps)
        with np.errstate(all="ignore"):
            added = float(np.mean(-(y64 * np.log(p + eps) + (1 - y64) * np.log(1 - p + eps))))
            clipped_p = np.clip(p, eps, 1 - eps)
            clipped = float(np.mean(-(y64 * np.log(clipped_p) + (1 - y64) * np.log(1 - clipped_p))))
        where = (f"so a confidently wrong example (like the logit {num(float(np.max(np.abs(z64))))} here) costs at "
                 f"most -log({eps:g}) = {cap:.4g} instead of about the size of its logit"
                 if np.max(np.abs(z64)) > cap else "so every loss is a little off")
        how = (f"p kept {eps:g} away from 0 and 1 (log(p + {eps:g}), or p clipped to [{eps:g}, 1 - {eps:g}])"
               if close(added, clipped, 1e-6, 1e-9) else None)
        for value, text in ((added, f"a small epsilon added inside each log, log(p + {eps:g})"),
                            (clipped, f"p clipped to [{eps:g}, 1 - {eps:g}] before the log")):
            found.append((value, category, f"That is exactly the loss with {how or text}: it hides log(0) but "
                          f"changes the loss, {where}. Compute the loss from the logits instead, with the "
                          "docstring's formula max(z, 0) - z*y + log(1 + exp(-|z|)): no probability is rounded, "
                          "so no log(0) can appear and no epsilon is needed."))
    return found


def bce_suspects(ctx: Context, z: np.ndarray, y: np.ndarray, expected: float, stable: bool = False) -> list[Suspect]:
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
    return found + epsilon_suspects(z, y, stable)


def check_bce(sub: Submission, ctx: Context, z: np.ndarray, y: np.ndarray, stable: bool = False) -> None:
    expected = ctx.ref.binary_cross_entropy(as64(z), as64(y))

    def right_when_moderate() -> bool:
        small = (as64(z) * (5.0 / np.max(np.abs(as64(z))))).astype(z.dtype)
        value = loss_number(sub.binary_cross_entropy(small, y), "binary_cross_entropy(logits, y)",
                            given(BCE_NAMES, (small, y)), ((z.size,),))
        return close(value, ctx.ref.binary_cross_entropy(as64(small), as64(y)), *tolerances(z.dtype))

    check_loss(sub, "binary_cross_entropy", (z, y), expected, BCE_NAMES, BCE_WHAT, ((z.size,),),
               bce_suspects(ctx, z, y, expected, stable), BCE_FIX, stable, right_when_moderate if stable else None)


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
