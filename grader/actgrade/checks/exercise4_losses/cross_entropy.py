"""Checks of cross_entropy (softmax cross-entropy) and its gradient."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import Context, Submission, check
from actgrade.checks.expect import tolerances

from .bce import as64
from .common import BIG, CE_FIX, CE_GRAD_FIX, NOTE_CE
from .judging import (
    Suspect,
    batch_shape,
    check_against_own_loss,
    check_gradient,
    check_loss,
    class_labels,
    close,
    factor_texts,
    given,
    logits_like,
    loss_number,
    scale_suspects,
)

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
