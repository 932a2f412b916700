"""When an earlier exercise is the culprit: the functions a later exercise imports from the learner's
own files, tried on small fixed inputs against the reference.

Exercise 5 builds on the learner's exercises 1 to 4, exercise 6 on 5, exercise 7 on 5 and 6. When a
later check fails and one of the earlier functions it relies on is wrong, the hint says which
exercise to fix first (`actgrade check exerciseN`), instead of blaming code that is right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from actgrade import catalog
from actgrade.checks.core import CheckFailed, Hint, NotStarted, Submission, show
from actgrade.checks.expect import array_text, same_values

_X = np.array([-3.0, -0.5, 0.0, 0.25, 0.7, 3.0])
_Z = np.array([[0.5, -1.0, 2.0, 0.0], [3.0, 1.0, -2.0, 0.5], [-0.25, 0.75, 0.1, -1.5]])
_LOGITS = np.array([1.5, -0.7, 0.2, -2.5])
_LABELS01 = np.array([1.0, 0.0, 0.0, 1.0])
_CLASSES = np.array([2, 0, 3])
_TARGETS = np.array([[0.0, 1.0, 0.5, -1.0], [1.0, 0.0, 0.0, 2.0], [0.5, 0.5, -0.5, 0.0]])


def _network() -> tuple[list, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    params = [(rng.normal(scale=0.7, size=(3, 5)), rng.normal(scale=0.3, size=5)),
              (rng.normal(scale=0.5, size=(5, 1)), rng.normal(scale=0.3, size=1))]
    X = rng.normal(size=(6, 3))
    return params, X, np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])


# name -> (its exercise, a function giving (args, kwargs), how the call reads in a hint)
PROBES: dict[str, tuple[str, Callable[[], tuple[tuple, dict]], str]] = {
    "relu": ("1", lambda: ((_X,), {}), "relu(x)"),
    "relu_derivative": ("1", lambda: ((_X,), {}), "relu_derivative(x)"),
    "sigmoid": ("2", lambda: ((_X,), {}), "sigmoid(x)"),
    "sigmoid_derivative": ("2", lambda: ((_X,), {}), "sigmoid_derivative(x)"),
    "softmax": ("3", lambda: ((_Z,), {"axis": 1}), "softmax(z, axis=1)"),
    "binary_cross_entropy": ("4", lambda: ((_LOGITS, _LABELS01), {}), "binary_cross_entropy(logits, y)"),
    "binary_cross_entropy_grad": ("4", lambda: ((_LOGITS, _LABELS01), {}), "binary_cross_entropy_grad(logits, y)"),
    "cross_entropy": ("4", lambda: ((_Z, _CLASSES), {}), "cross_entropy(logits, labels)"),
    "cross_entropy_grad": ("4", lambda: ((_Z, _CLASSES), {}), "cross_entropy_grad(logits, labels)"),
    "mse": ("4", lambda: ((_Z, _TARGETS), {}), "mse(pred, target)"),
    "mse_grad": ("4", lambda: ((_Z, _TARGETS), {}), "mse_grad(pred, target)"),
    "loss_and_gradients": ("5", lambda: (_network(), {"activation": "relu", "output": "sigmoid", "loss": "bce"}),
                           "loss_and_gradients(params, X, y)"),
}

# What each hidden activation and output/loss pair of exercise 5 uses from exercises 1 to 4.
ACTIVATION_USES = {"relu": ("relu", "relu_derivative"), "sigmoid": ("sigmoid", "sigmoid_derivative"),
                   "softmax": ("softmax",), "leaky_relu": ()}
OUTPUT_USES = {"sigmoid": ("sigmoid", "binary_cross_entropy", "binary_cross_entropy_grad"),
               "softmax": ("softmax", "cross_entropy", "cross_entropy_grad"),
               "linear": ("mse", "mse_grad")}


def uses(activation: str | None = None, output: str | None = None) -> tuple[str, ...]:
    """The earlier functions a network with this hidden activation and output relies on."""
    found = [*ACTIVATION_USES.get(activation or "", ()), *OUTPUT_USES.get(output or "", ())]
    return tuple(dict.fromkeys(found))


def _flat(value: Any) -> list[np.ndarray] | None:
    """A (loss, grads) answer as a flat list of arrays, or None when it is not one."""
    try:
        loss, grads = value
        return [np.asarray(loss, dtype=float)] + [np.asarray(g, dtype=float) for pair in grads for g in pair]
    except (TypeError, ValueError):
        return None


def _agrees(name: str, got: Any, expected: Any) -> bool:
    if name == "loss_and_gradients":
        mine, theirs = _flat(got), _flat(expected)
        return mine is not None and theirs is not None and len(mine) == len(theirs) and all(
            same_values(a, b) for a, b in zip(mine, theirs, strict=True))
    return same_values(got, np.asarray(expected, dtype=float))


def _number_text(value: Any) -> str:
    if isinstance(value, np.ndarray) and value.ndim >= 1 and value.size <= 16:
        return array_text(value)
    return show(value)


def _fix_first(number: str, user: str) -> str:
    exercise = catalog.find(number)
    return (f"`{user}` relies on it, so fix exercise {number} first: run `actgrade check {exercise.id}`, "
            "then check this exercise again.")


def _train_mistake(sub: Submission, user: str) -> Hint | None:
    """Exercise 6's `train` on a small problem against gradient descent from the learner's own start."""
    ex5, ex6 = catalog.find("5"), catalog.find("6")
    learner5, learner6 = sub.sibling(ex5.module, ex5.filename), sub.sibling(ex6.module, ex6.filename)
    if learner5 is None or learner6 is None or not learner5.has("init_params") or not learner6.has("train"):
        return None
    params, X, _ = _network()
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
    sizes, epochs, seed = [X.shape[1], 5, 1], 4, 3
    try:
        start = learner5.init_params(sizes, activation="relu", seed=seed)
        history = learner6.train(X, y, hidden_sizes=(5,), epochs=epochs, seed=seed)
        start = [(np.asarray(W, dtype=float), np.asarray(b, dtype=float)) for W, b in start]
        losses = np.asarray(history["losses"], dtype=float)
    except (CheckFailed, NotStarted, TypeError, ValueError, KeyError, IndexError):
        return None  # the checks of exercises 5 and 6 say what is wrong with these
    reference = catalog.reference_module(ex5)
    expected = []
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            loss, grads = reference.loss_and_gradients(start, X, y, "relu", "sigmoid", "bce")
            expected.append(loss)
            start = [(W - dW, b - db) for (W, b), (dW, db) in zip(start, grads, strict=True)]
    if same_values(losses, np.asarray(expected)):
        return None
    return Hint("value", f"Your exercise 6 is not right yet: on a small problem its `train` records the losses "
                f"{_number_text(losses)}, where gradient descent (learning rate 1.0) from your own init_params "
                f"gives {_number_text(np.asarray(expected))}. {_fix_first('6', user)}")


def earlier_mistake(sub: Submission, names: Iterable[str], user: str) -> Hint | None:
    """A hint naming the first earlier exercise whose function (among `names`) is wrong on its probe,
    or None when they are all right (or cannot be reached: that shows up elsewhere). `user` is
    the function of this exercise that relies on them, for the hint's text. "train" (exercise 6) is
    tried against gradient descent from the learner's own init_params."""
    for name in names:
        if name == "train":
            found = _train_mistake(sub, user)
            if found:
                return found
            continue
        number, make, call = PROBES[name]
        exercise = catalog.find(number)
        learner = sub.sibling(exercise.module, exercise.filename)
        if learner is None or not learner.has(name):
            continue
        args, kwargs = make()
        fix = _fix_first(number, user)
        try:
            got = learner.call(name, *args, **kwargs).value
        except (CheckFailed, NotStarted) as failure:
            hints = failure.hints if isinstance(failure, CheckFailed) else [failure.hint]
            return Hint(hints[0].category, f"Your exercise {number} is not right yet: {hints[0].text} {fix}")
        expected = getattr(catalog.reference_module(exercise), name)(*args, **kwargs)
        if _agrees(name, got, expected):
            continue
        category = "derivative" if name.endswith("_derivative") else "gradient" if "grad" in name else "value"
        if name == "loss_and_gradients":
            said = "gives other losses or gradients than the reference on a small network"
        else:
            said = f"gives {_number_text(got)} where the answer is {_number_text(expected)}"
        return Hint(category, f"Your exercise {number} is not right yet: its `{call}` {said} (on the grader's small "
                    f"test input). {fix}")
    return None
