"""Judging the learner's gradients: against the grader's model, against finite differences of the
learner's own loss, and naming the known wrong variant that matches."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actgrade.checks.core import Context, Submission, fail
from actgrade.checks.earlier import earlier_mistake, uses
from actgrade.checks.expect import mismatch, same_values, tolerances

from .common import PAIRS, SLOPE, H
from .model import _backward, _loss_and_delta, _network, _sigmoid, _softmax
from .problems import Problem, _backwards_order, _call, _flat, _name, _nudged, _param_name, _problem


# --------------------------------------------------------------------------------------------
# Judging gradients.
# --------------------------------------------------------------------------------------------
def _numbers(x: np.ndarray) -> str:
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        return f"{float(x):.6g}"
    return "[" + ", ".join(_numbers(v) for v in x) + "]"


def _worst(got: np.ndarray, want: np.ndarray) -> str:
    """`yours ..., expected ...` for a small array, or for its worst entry."""
    if got.size <= 3:
        return f"yours is {_numbers(got)}, expected {_numbers(want)}"
    where = mismatch(got, want, *tolerances(want.dtype))
    where = tuple(int(i) for i in (where or np.unravel_index(0, got.shape)))
    return f"entry {list(where)} is {got[where]:.6g}, expected {want[where]:.6g}"


@dataclass
class Variant:
    category: str
    cause: str
    grads: list[np.ndarray]


def _variants(problem: Problem, learner_loss: float) -> list[Variant]:
    """Known wrong gradients for this problem, each with its category and cause."""
    p, n, act, out = problem.params, len(problem.X), problem.activation, problem.output
    logits, cache = _network(p, problem.X, act)
    _, delta = _loss_and_delta(logits, problem.y, out)
    ref = _flat(problem.ref_grads)
    found = []

    def add(category: str, cause: str, grads: list) -> None:
        found.append(Variant(category, cause, grads))

    def backward(mode: str = "", start: np.ndarray = delta, through: list = cache) -> list:
        return _flat(_backward(p, through, start, act, mode))

    add("batch-mean", "db is the *mean* of delta over the rows, but it should be the sum, "
        "`delta.sum(axis=0)`: the 1/n of the mean loss is already inside delta (the exercise 4 gradients "
        f"divide by n), so averaging divides by n = {n} a second time.", backward("bias-mean"))
    if abs(learner_loss - n * problem.ref_loss) <= 1e-6 * n * abs(problem.ref_loss):
        cause = (f"your loss is the *sum* over the {n} examples ({learner_loss:.6g}), not the mean "
                 f"({problem.ref_loss:.6g}), and so every gradient is {n} times too large. Use the mean: "
                 "the exercise 4 losses and gradients already divide by n.")
    else:
        cause = (f"every gradient is {n} times too large (n = {n} rows): the 1/n of the mean loss is missing. "
                 "Start delta from the exercise 4 gradient (it divides by n), or divide (p - y) by n.")
    add("batch-mean", cause, [g * n for g in ref])
    add("batch-mean", f"every gradient is 1/{n} of what it should be: you divide by n twice. The exercise 4 "
        "gradients already contain the 1/n of the mean; do not divide (or average) again.", [g / n for g in ref])
    add("gradient", "the gradient has the wrong sign: it points uphill. At the output, delta is "
        "prediction minus target (p - y), not y - p, and every step back keeps that sign.", [-g for g in ref])
    if out == "linear":
        k = logits.shape[1]
        add("batch-mean", f"the gradient is {k} times too large: mse is the mean over all n * k = {n * k} "
            "numbers, so its gradient is 2 * (pred - target) / pred.size, not divided by n alone.",
            [g * k for g in ref])
        add("gradient", "the gradient is half of what it should be: the derivative of (p - t)**2 is "
            "2 * (p - t); the factor 2 is missing (mse_grad from exercise 4 has it).", [g / 2 for g in ref])
    else:
        s = _sigmoid(logits) if out == "sigmoid" else _softmax(logits)
        twice = delta * s * (1 - s) if out == "sigmoid" else s * (delta - np.sum(delta * s, axis=1, keepdims=True))
        add("derivative", f"the output's {out} derivative is applied a second time. The exercise 4 gradient "
            "already is the gradient of the loss with respect to the *logits*: it combines the output "
            f"activation and the loss into p - y (divided by n). Use it as delta directly, without "
            f"multiplying by the derivative of {out}.", backward(start=twice))
    if act == "sigmoid":
        add("derivative", "the derivative is taken at the layer's activation instead of its pre-activation: "
            "`sigmoid_derivative(a)` with a = sigmoid(z) computes sigmoid(sigmoid(z)) and so on. Pass the "
            "pre-activation z = a_prev @ W + b you kept from the forward pass: `sigmoid_derivative(z)`.",
            backward("activation-input"))
        add("derivative", "you multiplied by z * (1 - z): the formula s * (1 - s) needs s = sigmoid(z), not z "
            "itself. Use `sigmoid_derivative(z)` from exercise 2.", backward("z-formula"))
    if act == "softmax":
        add("derivative", "softmax is treated elementwise: multiplying da by s * (1 - s) keeps only the "
            "diagonal of its Jacobian. A softmax unit's output depends on *every* unit of its row, so the "
            "chain rule needs the whole Jacobian J_ij = s_i (delta_ij - s_j): "
            "`delta = s * (da - np.sum(da * s, axis=1, keepdims=True))`, which is da @ J for every row.",
            backward("diagonal"))
        add("derivative", "the softmax Jacobian is built from the layer's activation instead of its "
            "pre-activation: s must be softmax(z) of that layer (which is its output a), not softmax(a).",
            backward("activation-input"))
    if act == "leaky_relu":
        add("derivative", f"the leaky ReLU derivative is 0 where z <= 0, as for a plain ReLU; leaky ReLU keeps "
            f"a slope of {SLOPE} there: `np.where(z > 0, 1.0, {SLOPE})`.", backward("leaky-as-relu"))
    add("derivative", f"the gradient passes through the {act} activation unchanged: after `da = delta @ W.T`, "
        f"multiply by the derivative of {act} at that layer's pre-activation z before using it as delta.",
        backward("no-derivative"))
    if act == "relu":
        add("derivative", "at exactly z = 0 the derivative of relu is 0 by convention (as in PyTorch and JAX); "
            "yours uses 1 there. Use `relu_derivative` from exercise 1, or `z > 0` (strict).",
            backward("relu-at-zero"))
    if any(W.shape[0] == W.shape[1] for W, _ in p):
        add("shape", "dW is transposed (this layer is square, so the shape did not give it away): "
            "dW = a.T @ delta, with a the layer's input, has W's layout (row = input, column = unit); "
            "`delta.T @ a` is its transpose.",
            [g.T if i % 2 == 0 else g for i, g in enumerate(ref)])
    no_bias_logits, no_bias_cache = _network(p, problem.X, act, bias=False)
    _, no_bias_delta = _loss_and_delta(no_bias_logits, problem.y, out)
    add("value", "your gradients are those of a network *without biases*: add the bias in every layer "
        "of the forward pass inside loss_and_gradients, z = a @ W + b.",
        backward(start=no_bias_delta, through=no_bias_cache))
    return found


def _slope_of_own_loss(sub: Submission, problem: Problem, index: int) -> float:
    v = problem.directions[index]
    plus, _ = _call(sub, problem, _nudged(problem.params, index, H * v), with_grads=False)
    minus, _ = _call(sub, problem, _nudged(problem.params, index, -H * v), with_grads=False)
    return (plus - minus) / (2 * H)


def _relative(a: float, b: float) -> float:
    scale = max(abs(a), abs(b))
    return abs(a - b) / scale if scale > 0 else 0.0


def _fd_text(problem: Problem, index: int, fd: float, predicted: float) -> str:
    return (f"nudging {_param_name(index)} by h = {H:g} in a random direction changes your own loss at the rate "
            f"(loss(+h) - loss(-h)) / 2h = {fd:.8g}, but your d{_param_name(index)} predicts {predicted:.8g} "
            f"(relative error {_relative(fd, predicted):.2g}, allowed {problem.tol:g})")


def judge_gradients(sub: Submission, problem: Problem, finite_differences: bool = True) -> None:
    """Fail unless the learner's gradients match the reference and their own loss."""
    loss, flat = _call(sub, problem)
    ref = _flat(problem.ref_grads)
    order = _backwards_order(len(problem.params))
    wrong = [i for i in order if not same_values(flat[i], ref[i])]
    if wrong:
        _explain_wrong(sub, problem, loss, flat, ref, wrong, finite_differences)
    if not finite_differences:
        return
    for index in order:
        predicted = float(np.sum(flat[index] * problem.directions[index]))
        fd = _slope_of_own_loss(sub, problem, index)
        if _relative(fd, predicted) <= problem.tol:
            continue
        n = len(problem.X)
        if abs(fd - n * predicted) <= 1e-3 * abs(fd):
            fail("batch-mean", f"{problem.setting()}, your gradients are right, but "
                 f"{_fd_text(problem, index, fd, predicted)}: your loss is {n} times too large. It must be the "
                 f"*mean* over the {n} examples, not the sum.")
        fail("value", f"{problem.setting()}, your gradients match the expected ones, but they do not fit "
             f"the loss you return: {_fd_text(problem, index, fd, predicted)}. So the loss value is off "
             f"(yours {loss:.8g}, expected {problem.ref_loss:.8g}): return the loss of the same forward pass "
             "the gradients come from.")


def _explain_wrong(sub: Submission, problem: Problem, loss: float, flat: list, ref: list, wrong: list,
                   finite_differences: bool) -> None:
    first = wrong[0]
    names = ", ".join(_name(i) for i in wrong[:4]) + (", ..." if len(wrong) > 4 else "")
    where = (f"{problem.setting()}, {_name(first)} is wrong: {_worst(flat[first], ref[first])}"
             + (f" (also wrong: {', '.join(_name(i) for i in wrong[1:4])})" if len(wrong) > 1 else ""))
    culprit = earlier_mistake(sub, uses(problem.activation, problem.output), "loss_and_gradients")
    if culprit:
        fail(culprit.category, f"{where}. {culprit.text}")
    matches = []
    for variant in _variants(problem, loss):
        if same_values(variant.grads[first], ref[first]) or not same_values(flat[first], variant.grads[first]):
            continue
        agree = sum(same_values(f, g) for f, g in zip(flat, variant.grads, strict=True))
        matches.append((agree, variant))
    if matches:
        _, best = max(matches, key=lambda m: m[0])
        fail(best.category, f"{where}. Likely cause: {best.cause}")
    layer = first // 2 + 1
    if first % 2 == 1:
        look = (f" dW{layer} is right, so delta is right there: look at how db{layer} is formed from it, "
                "`delta.sum(axis=0)`.")
    elif layer == len(problem.params):
        start = {"sigmoid": "binary_cross_entropy_grad(logits[:, 0], y)[:, None], which is (sigmoid(z) - y) / n",
                 "softmax": "cross_entropy_grad(logits, y), which is (softmax(logits) - onehot(y)) / n",
                 "linear": "mse_grad(logits, y), which is 2 * (logits - y) / logits.size"}[problem.output]
        look = (" It is the first gradient computed, straight from the output: check that delta starts as "
                f"{start}, and dW = a.T @ delta with a the last layer's input.")
    else:
        look = (f" The layers after layer {layer} are right, so look at the step from layer {layer + 1} back "
                f"into layer {layer}: da = delta @ W{layer + 1}.T, then times the derivative of "
                f"{problem.activation} at z{layer} (the pre-activation, not the activation).")
    if not finite_differences:
        fail("gradient", f"{where}.{look} Wrong: {names}.")
    fd = _slope_of_own_loss(sub, problem, first)
    predicted = float(np.sum(flat[first] * problem.directions[first]))
    if _relative(fd, predicted) <= max(problem.tol, 1e-4):
        from .forward import activation_ignored

        for category, cause, value in activation_ignored(problem):
            if abs(loss - value) <= 1e-9 * max(abs(value), 1.0):
                fail(category, f"{where}. Your gradients fit your own loss; the loss itself is off: {cause}")
        fail("value", f"{where}. Your gradient agrees with your own loss (finite differences: "
             f"{_fd_text(problem, first, fd, predicted)}), so the backward pass fits your forward pass; "
             f"it is the loss itself that differs from the one asked for (yours {loss:.8g}, expected "
             f"{problem.ref_loss:.8g}). Check the forward part of loss_and_gradients: z = a @ W + b in every "
             f"layer, the {problem.activation} activation on the hidden layers only, and the exercise 4 loss "
             f"for output={problem.output!r}.")
    fail("gradient", f"{where}. It also disagrees with the slope of your own loss: "
         f"{_fd_text(problem, first, fd, predicted)}. So the backward pass has a mistake.{look}")


def _gradient_checks(sub: Submission, ctx: Context, activation: str) -> None:
    for output, loss in PAIRS:
        judge_gradients(sub, _problem(ctx, activation, output, loss))
