"""Checks of forward and of the loss that loss_and_gradients returns."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail, show
from actgrade.checks.earlier import earlier_mistake, uses
from actgrade.checks.expect import float_array, mismatch, same_values, tolerances

from .common import ACTIVATIONS, PAIRS, SLOPE
from .judge import _numbers
from .model import _hidden, _loss_and_delta, _network, _output, _sigmoid, _softmax
from .problems import Problem, _call, _random_data

# --------------------------------------------------------------------------------------------
# forward
# --------------------------------------------------------------------------------------------
EXAMPLE_PARAMS = [(np.array([[1.0, -1.0], [0.0, 1.0]]), np.array([0.0, 0.0])),
                  (np.array([[1.0], [-2.0]]), np.array([0.5]))]
EXAMPLE_X = np.array([[1.0, 2.0], [0.0, -1.0]])
EXAMPLE_Y = np.array([0.0, 1.0])


def _forward_variants(params: list, X: np.ndarray, activation: str, output: str) -> list[tuple[str, str, np.ndarray]]:
    logits, _ = _network(params, X, activation)
    found = []
    if output != "linear":
        raw = logits[:, 0] if output == "sigmoid" else logits
        found.append(("value", f"your result is the logits: the output activation is missing. Apply {output} "
                      "to the last layer's z = a @ W + b before returning it.", raw))
    found.append(("value", f"the hidden activation ({activation}) is applied to the last layer too. The last "
                  f"layer gets only the output activation ({output}).",
                  _output(_hidden(logits, activation), output)))
    if activation == "softmax":
        found.append(("axis", "the hidden softmax normalises each column (over the examples, axis 0); it "
                      "must normalise each row (over the units of one example): `softmax(z, axis=1)`.",
                      _output(_network(params, X, activation, axis=0)[0], output)))
    if output == "softmax":
        found.append(("axis", "the output softmax normalises each column (over the examples, axis 0); each "
                      "row (one example's class probabilities) must sum to 1: `softmax(logits, axis=1)`.",
                      _output(logits, output, axis=0)))
    found.append(("value", "the biases are missing: every layer computes z = a @ W + b.",
                  _output(_network(params, X, activation, bias=False)[0], output)))
    if activation == "leaky_relu":
        for slope in (0.0, 0.1, 1.0):
            found.append(("value", f"your leaky_relu uses the slope {slope:g} for z <= 0; it should be {SLOPE} "
                          f"(`np.where(z > 0, z, {SLOPE} * z)`).",
                          _output(_network(params, X, activation, slope=slope)[0], output)))
    for other in ACTIVATIONS:
        if other != activation:
            found.append(("value", f"the hidden layers compute {other}, but activation={activation!r} was asked "
                          "for: use the `activation` argument to choose the function.",
                          _output(_network(params, X, other)[0], output)))
    for other in ("sigmoid", "softmax", "linear"):
        if other != output:
            found.append(("value", f"the output activation is {other}, but output={output!r} was asked for: use "
                          "the `output` argument to choose it.", _output(logits, other)))
    return found


def _compare_forward(sub: Submission, ctx: Context, params: list, X: np.ndarray, activation: str, output: str) -> None:
    sizes = [X.shape[1]] + [W.shape[1] for W, _ in params]
    call = f"forward(params, X, activation={activation!r}, output={output!r})"
    setting = f"`{call}` (layer sizes {' -> '.join(map(str, sizes))}, n = {len(X)} rows)"
    got = float_array(sub.forward(params, X, activation=activation, output=output), call)
    want = np.asarray(ctx.ref.forward(params, X, activation=activation, output=output))
    if got.shape != want.shape:
        if output == "sigmoid" and got.shape == (len(X), 1):
            fail("shape", f"{setting} returned shape {got.shape}; with a width-1 sigmoid output it should return "
                 f"shape {want.shape}, one probability per example: take the column out with `p[:, 0]`.")
        fail("shape", f"{setting} returned shape {got.shape}, but it should be {want.shape} "
             f"({'one number per example' if want.ndim == 1 else 'one row per example, one column per output unit'}).")
    where = mismatch(got, want, *tolerances(want.dtype))
    if where is None:
        return
    row = where[0]
    detail = (f" for X = {show(X)}" if X.size <= 8 else "") + \
        f" row {row} of your output is {_numbers(got[row])}, expected {_numbers(want[row])}"
    culprit = earlier_mistake(sub, [n for n in uses(activation, output) if "entropy" not in n and "mse" not in n],
                              "forward")
    if culprit:
        fail(culprit.category, f"{setting}:{detail}. {culprit.text}")
    for category, cause, variant in _forward_variants(params, X, activation, output):
        if variant.shape == got.shape and not same_values(variant, want) and same_values(got, variant):
            fail(category, f"{setting}:{detail}. Likely cause: {cause}")
    fail("value", f"{setting}:{detail}. Follow one example through by hand: for each hidden layer z = a @ W + b "
         f"and a = {activation}(z); the last layer gives logits = a @ W + b and then the {output} output.")


@check(points=2)
def forward_values(sub: Submission, ctx: Context) -> None:
    """forward matches the reference for every hidden activation and output, with the right shape"""
    _compare_forward(sub, ctx, EXAMPLE_PARAMS, EXAMPLE_X, "relu", "sigmoid")
    for activation in ACTIVATIONS:
        for output, _ in PAIRS:
            params, X, _ = _random_data(ctx.rng, activation, output)
            _compare_forward(sub, ctx, params, X, activation, output)


# --------------------------------------------------------------------------------------------
# loss_and_gradients: the loss
# --------------------------------------------------------------------------------------------
def _loss_variants(problem: Problem) -> list[tuple[str, str, float]]:
    logits, _ = _network(problem.params, problem.X, problem.activation)
    n, y, ref = len(problem.X), problem.y, problem.ref_loss
    found = [("batch-mean", f"your loss is {n} times the expected one: it is the *sum* over the {n} examples, "
              "but it should be the mean (np.mean, or the exercise 4 losses, which already average).", n * ref),
             ("value", "your loss has the wrong sign: a loss is never negative here; cross-entropy is minus "
              "the log of a probability.", -ref)]
    if problem.output == "sigmoid":
        z = logits  # (n, 1) against y (n,): broadcasts to (n, n)
        wide = float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))
        found.append(("value", f"the logits have shape (n, 1) = ({n}, 1) and y has shape ({n},): NumPy "
                      f"broadcasts them to an ({n}, {n}) array, so the loss mixes every example with every label. "
                      "Pass `logits[:, 0]` (shape (n,)) to the loss.", wide))
        p = _sigmoid(logits[:, 0])
        found.append(("value", "the loss was computed from the probabilities sigmoid(z) as if they were "
                      "logits: binary_cross_entropy takes the logits z themselves.",
                      float(np.mean(np.maximum(p, 0) - p * y + np.log1p(np.exp(-np.abs(p)))))))
    elif problem.output == "softmax":
        found.append(("value", "the loss was computed from the probabilities softmax(z) as if they were "
                      "logits: cross_entropy takes the logits z themselves.",
                      _loss_and_delta(_softmax(logits), y, "softmax")[0]))
    else:
        k = logits.shape[1]
        found.append(("batch-mean", f"your loss is {k} times the expected one: mse is the mean over all n * k "
                      f"numbers, not the sum over the {k} outputs averaged over rows.", k * ref))
    return found + activation_ignored(problem)


def activation_ignored(problem: Problem) -> list[tuple[str, str, float]]:
    """The loss of the same network with another hidden activation: `activation` not passed on."""
    found = []
    for other in ACTIVATIONS:
        if other == problem.activation:
            continue
        logits, _ = _network(problem.params, problem.X, other)
        found.append(("value", "loss_and_gradients ignores its `activation` argument: your loss is the loss of a "
                      f"network whose hidden layers use {other}, while activation={problem.activation!r} was asked "
                      "for. Pass `activation` on to the forward pass inside loss_and_gradients (your forward or "
                      "your own loop over the layers), and use that activation's derivative on the way back.",
                      _loss_and_delta(logits, problem.y, problem.output)[0]))
    return found


@check(points=1)
def loss_values(sub: Submission, ctx: Context) -> None:
    """loss_and_gradients returns the mean loss as a float, for all three output/loss pairs"""
    for (output, loss), activation in zip(PAIRS, ("relu", "sigmoid", "softmax"), strict=True):
        params, X, y = _random_data(ctx.rng, activation, output)
        ref_loss, ref_grads = ctx.ref.loss_and_gradients(params, X, y, activation=activation, output=output, loss=loss)
        problem = Problem(params, X, y, activation, output, loss, float(ref_loss), ref_grads, [], 1e-6)
        got, _ = _call(sub, problem, with_grads=False)
        if same_values(got, np.float64(ref_loss)):
            continue
        where = f"{problem.setting()}, your loss is {got:.8g}, expected {problem.ref_loss:.8g}"
        culprit = earlier_mistake(sub, uses(activation, output), "loss_and_gradients")
        if culprit:
            fail(culprit.category, f"{where}. {culprit.text}")
        for category, cause, value in _loss_variants(problem):
            if same_values(got, np.float64(value)):
                fail(category, f"{where}. Likely cause: {cause}")
        fail("value", f"{where}. The loss is the exercise 4 loss of the last layer's logits: "
             "binary_cross_entropy(logits[:, 0], y), cross_entropy(logits, y) or mse(logits, y).")
