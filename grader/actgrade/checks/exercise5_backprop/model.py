"""The network computed in the grader (forward, losses, backward), with the wrong variants the hints
recognise: a grader-side model of exercise 5, independent of the learner's code."""

from __future__ import annotations

import numpy as np

from actgrade.diagnostics import activate

from .common import SLOPE


# --------------------------------------------------------------------------------------------
# The network, computed in the grader, with the wrong variants the hints recognise.
# --------------------------------------------------------------------------------------------
def _sigmoid(z: np.ndarray) -> np.ndarray:
    return activate(z, "sigmoid")


def _softmax(z: np.ndarray, axis: int = 1) -> np.ndarray:
    return activate(z, "softmax", axis)


def _hidden(z: np.ndarray, activation: str, axis: int = 1, slope: float = SLOPE) -> np.ndarray:
    return activate(z, activation, axis, slope)


def _network(params: list, X: np.ndarray, activation: str, axis: int = 1, slope: float = SLOPE,
             bias: bool = True) -> tuple[np.ndarray, list]:
    """Logits and, per layer, (input a, pre-activation z, activation f(z))."""
    a, cache = X, []
    for W, b in params[:-1]:
        z = a @ W + b if bias else a @ W
        h = _hidden(z, activation, axis, slope)
        cache.append((a, z, h))
        a = h
    W, b = params[-1]
    logits = a @ W + b if bias else a @ W
    cache.append((a, logits, logits))
    return logits, cache


def _output(logits: np.ndarray, output: str, axis: int = 1) -> np.ndarray:
    if output == "sigmoid":
        p = _sigmoid(logits)
        return p[:, 0] if p.shape[1] == 1 else p
    if output == "softmax":
        return _softmax(logits, axis)
    return logits


def _loss_and_delta(logits: np.ndarray, y: np.ndarray, output: str) -> tuple[float, np.ndarray]:
    n = logits.shape[0]
    if output == "sigmoid":
        z = logits[:, 0]
        loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))
        return float(loss), ((_sigmoid(z) - y) / n)[:, None]
    if output == "softmax":
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        delta = np.exp(log_p)
        delta[np.arange(n), y] -= 1.0
        return float(-np.mean(log_p[np.arange(n), y])), delta / n
    diff = logits - y
    return float(np.mean(diff**2)), 2.0 * diff / diff.size


def _through(z: np.ndarray, h: np.ndarray, da: np.ndarray, activation: str, mode: str) -> np.ndarray:
    """da (w.r.t. h = f(z)) -> delta (w.r.t. z), or one of the known wrong ways."""
    if mode == "no-derivative":
        return da
    if mode == "activation-input":  # the derivative evaluated at f(z) instead of z
        z, h = h, _hidden(h, activation)
    if activation == "relu":
        return da * np.where(z >= 0 if mode == "relu-at-zero" else z > 0, 1.0, 0.0)
    if activation == "leaky_relu":
        return da * np.where(z > 0, 1.0, 0.0 if mode == "leaky-as-relu" else SLOPE)
    if activation == "sigmoid":
        if mode == "z-formula":
            return da * z * (1.0 - z)
        return da * h * (1.0 - h)
    if mode == "diagonal":
        return da * h * (1.0 - h)
    return h * (da - np.sum(da * h, axis=1, keepdims=True))


def _backward(params: list, cache: list, delta: np.ndarray, activation: str, mode: str = "") -> list:
    grads: list = [None] * len(params)
    for layer in reversed(range(len(params))):
        a_in = cache[layer][0]
        db = delta.mean(axis=0) if mode == "bias-mean" else delta.sum(axis=0)
        grads[layer] = (a_in.T @ delta, db)
        if layer:
            da = delta @ params[layer][0].T
            _, z, h = cache[layer - 1]
            delta = _through(z, h, da, activation, mode)
    return grads


def _loss_only(params: list, X: np.ndarray, y: np.ndarray, activation: str, output: str) -> float:
    logits, _ = _network(params, X, activation)
    return _loss_and_delta(logits, y, output)[0]
