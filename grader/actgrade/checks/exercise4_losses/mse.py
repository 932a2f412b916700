"""Checks of mse and its gradient."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import Context, Submission, check

from .bce import as64
from .common import BIG, NOTE_MSE
from .judging import (
    Suspect,
    batch_shape,
    check_against_own_loss,
    check_gradient,
    check_loss,
    factor_texts,
    logits_like,
    scale_suspects,
)

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
