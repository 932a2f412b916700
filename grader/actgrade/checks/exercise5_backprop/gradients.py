"""Checks of loss_and_gradients' gradients, one per hidden activation."""

from __future__ import annotations

from actgrade.checks.core import Context, Submission, check

from .forward import EXAMPLE_PARAMS, EXAMPLE_X, EXAMPLE_Y
from .judge import _gradient_checks, judge_gradients
from .problems import Problem


# --------------------------------------------------------------------------------------------
# loss_and_gradients: the gradients
# --------------------------------------------------------------------------------------------
@check(points=1)
def gradients_worked_example(sub: Submission, ctx: Context) -> None:
    """loss_and_gradients reproduces the docstring's worked example (relu, sigmoid output, bce)"""
    ref_loss, ref_grads = ctx.ref.loss_and_gradients(EXAMPLE_PARAMS, EXAMPLE_X, EXAMPLE_Y)
    problem = Problem(EXAMPLE_PARAMS, EXAMPLE_X, EXAMPLE_Y, "relu", "sigmoid", "bce", float(ref_loss),
                      ref_grads, [], 1e-4)
    judge_gradients(sub, problem, finite_differences=False)


@check(points=2)
def gradients_relu(sub: Submission, ctx: Context) -> None:
    """relu hidden layers: gradients match finite differences of your loss and the reference"""
    _gradient_checks(sub, ctx, "relu")


@check(points=2)
def gradients_sigmoid(sub: Submission, ctx: Context) -> None:
    """sigmoid hidden layers: gradients match finite differences of your loss and the reference"""
    _gradient_checks(sub, ctx, "sigmoid")


@check(points=2)
def gradients_softmax(sub: Submission, ctx: Context) -> None:
    """softmax hidden layers (the full Jacobian): gradients match finite differences and the reference"""
    _gradient_checks(sub, ctx, "softmax")


@check(points=1)
def gradients_leaky_relu(sub: Submission, ctx: Context) -> None:
    """leaky_relu hidden layers: gradients match finite differences of your loss and the reference"""
    _gradient_checks(sub, ctx, "leaky_relu")
