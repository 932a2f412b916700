"""Problems for the gradient checks (random networks and data, safe for finite differences), and reading
what the learner's functions returned."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actgrade.checks.core import Context, Submission, fail, show
from actgrade.checks.expect import float_array
from actgrade.sandbox.protocol import Unsupported

from .common import KINK_MARGIN, KINKED, N_CLASSES, N_ROWS, WIDTHS, H
from .model import _loss_only, _network


# --------------------------------------------------------------------------------------------
# Problems: random networks and data, safe for finite differences.
# --------------------------------------------------------------------------------------------
@dataclass
class Problem:
    params: list
    X: np.ndarray
    y: np.ndarray
    activation: str
    output: str
    loss: str
    ref_loss: float
    ref_grads: list
    directions: list  # one unit direction per parameter array, in flat order W1, b1, W2, ...
    tol: float

    @property
    def sizes(self) -> list[int]:
        return [self.X.shape[1]] + [W.shape[1] for W, _ in self.params]

    def setting(self) -> str:
        return (f"With activation={self.activation!r}, output={self.output!r}, loss={self.loss!r} "
                f"(layer sizes {' -> '.join(map(str, self.sizes))}, n = {len(self.X)} rows)")

    def kwargs(self) -> dict:
        return {"activation": self.activation, "output": self.output, "loss": self.loss}


def _name(index: int) -> str:
    layer, part = divmod(index, 2)
    return f"layer {layer + 1}'s {'dW' if part == 0 else 'db'}"


def _param_name(index: int) -> str:
    layer, part = divmod(index, 2)
    return f"{'W' if part == 0 else 'b'}{layer + 1}"


def _flat(grads: list) -> list[np.ndarray]:
    return [np.asarray(g, dtype=float) for pair in grads for g in pair]


def _backwards_order(layers: int) -> list[int]:
    """Array indices from the output back to the input: dW3, db3, dW2, db2, ..."""
    return [2 * layer + part for layer in reversed(range(layers)) for part in (0, 1)]


def _nudged(params: list, index: int, step: np.ndarray) -> list:
    layer, part = divmod(index, 2)
    out = [(W, b) for W, b in params]
    W, b = out[layer]
    out[layer] = (W + step, b) if part == 0 else (W, b + step)
    return out


def _random_data(rng: np.random.Generator, activation: str, output: str, n: int = N_ROWS,
                 widths: tuple[int, ...] = WIDTHS) -> tuple[list, np.ndarray, np.ndarray]:
    k = 1 if output == "sigmoid" else N_CLASSES
    sizes = [*widths, k]
    params = [(rng.normal(0.0, 1.5 / np.sqrt(n_in), size=(n_in, n_out)), rng.normal(0.0, 0.5, size=n_out))
              for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    X = rng.normal(size=(n, sizes[0]))
    if output == "sigmoid":
        y = rng.permutation(np.arange(n) % 2).astype(float)
    elif output == "softmax":
        y = rng.permutation(np.arange(n) % k).astype(np.int64)
    else:
        y = rng.normal(size=(n, k))
    return params, X, y


def _kinks_safe(params: list, X: np.ndarray, activation: str, nudges: list[list]) -> bool:
    """No hidden pre-activation near 0, and none changes sign under the nudges."""
    if activation not in KINKED:
        return True
    _, cache = _network(params, X, activation)
    signs = [z > 0 for _, z, _ in cache[:-1]]
    if min(np.abs(z).min() for _, z, _ in cache[:-1]) < KINK_MARGIN:
        return False
    for other in nudges:
        _, moved = _network(other, X, activation)
        if any(not np.array_equal(s, z > 0) for s, (_, z, _) in zip(signs, moved[:-1], strict=True)):
            return False
    return True


def _problem(ctx: Context, activation: str, output: str, loss: str) -> Problem:
    tol = 1e-4 if activation in KINKED else 1e-6
    for _ in range(200):
        params, X, y = _random_data(ctx.rng, activation, output)
        if activation in KINKED and not _kinks_safe(params, X, activation, []):
            continue
        ref_loss, ref_grads = ctx.ref.loss_and_gradients(params, X, y, activation=activation,
                                                         output=output, loss=loss)
        flat = _flat(ref_grads)
        if min(np.linalg.norm(g) for g in flat) < 1e-6 * (1.0 + abs(ref_loss)):
            continue
        directions = []
        for index, g in enumerate(flat):
            for _ in range(100):
                v = ctx.rng.normal(size=g.shape)
                v /= np.linalg.norm(v)
                slope = float(np.sum(g * v))
                if abs(slope) < 0.5 * np.linalg.norm(g) / np.sqrt(g.size):
                    continue
                plus, minus = _nudged(params, index, H * v), _nudged(params, index, -H * v)
                if not _kinks_safe(params, X, activation, [plus, minus]):
                    continue
                fd = (_loss_only(plus, X, y, activation, output)
                      - _loss_only(minus, X, y, activation, output)) / (2 * H)
                if abs(fd - slope) <= tol / 50 * max(abs(fd), abs(slope)):
                    directions.append(v)
                    break
            else:
                break
        if len(directions) == len(flat):
            return Problem(params, X, y, activation, output, loss, float(ref_loss), ref_grads, directions, tol)
    raise RuntimeError(f"no safe problem found for {activation}/{output}")  # pragma: no cover


# --------------------------------------------------------------------------------------------
# Reading what the learner returned.
# --------------------------------------------------------------------------------------------
def _as_loss(value: object, call: str) -> float:
    if value is None:
        fail("value", f"`{call}` gave None as the loss. Compute the mean loss over the batch and return it.")
    if isinstance(value, Unsupported):
        fail("dtype", f"`{call}` gave a {value.type_name} as the loss, not a number. Return `float(loss)`.")
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (int, np.integer)):
        fail("dtype", f"`{call}` gave the loss {value!r}, a {type(value).__name__}. It should be a float: "
             "the mean of the per-example losses.")
    if isinstance(value, (list, tuple)):
        fail("shape", f"`{call}` gave a {type(value).__name__} of {len(value)} items as the loss. The loss is "
             "one number, the mean over the batch: return `float(np.mean(...))`.")
    array = np.asarray(value)
    if array.ndim:
        fail("shape", f"`{call}` gave the loss as an array of shape {array.shape}; it should be one number, "
             "the mean over the whole batch. Return `float(loss)`.")
    if array.dtype.kind != "f":
        fail("dtype", f"`{call}` gave the loss with dtype {array.dtype}; return a float.")
    if array.dtype != np.float64:
        fail("dtype", f"`{call}` gave the loss as {array.dtype}: that is too coarse to check gradients with. "
             "Work in float64 and return `float(loss)`.")
    loss = float(array)
    if not np.isfinite(loss):
        fail("value", f"`{call}` gave the loss {loss}. The losses of exercise 4 are finite for these "
             "inputs; print the logits to see where it goes wrong.")
    return loss


def _pair(value: object, call: str) -> tuple[object, object]:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return value[0], value[1]
    fail("value", f"`{call}` returned {show(value)}; it should return a pair `(loss, grads)`: "
         "`return float(loss), grads`.")


def _grads(value: object, params: list, call: str) -> list[np.ndarray]:
    """The learner's grads as flat arrays W1, b1, W2, ..., checked for structure and shape."""
    layers = len(params)
    if not isinstance(value, (list, tuple)):
        fail("value", f"`{call}` returned {show(value)} as grads; it should be a list with one `(dW, db)` "
             f"pair per layer ({layers} here).")
    if len(value) != layers:
        fail("shape", f"`{call}` returned {len(value)} gradient pairs, but the network has {layers} layers. "
             "grads needs one `(dW, db)` per layer, in the same order as params.")
    flat = []
    for layer, pair in enumerate(value):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            fail("value", f"`{call}`: grads[{layer}] is {show(pair)}; each entry should be a pair "
                 f"`(dW{layer + 1}, db{layer + 1})`.")
        for part, item in enumerate(pair):
            flat.append(float_array(item, f"{call}, {_name(2 * layer + part)}"))
    shapes = [(W.shape, b.shape) for W, b in params]
    got_shapes = [(flat[2 * i].shape, flat[2 * i + 1].shape) for i in range(layers)]
    if got_shapes != shapes and got_shapes[::-1] == shapes:
        fail("shape", f"`{call}` returned the gradients in reverse order: grads[0] has shapes "
             f"{got_shapes[0]}, which belong to the last layer. grads[i] must belong to params[i]: fill "
             "`grads[layer] = (dW, db)` in a list of the right length, or reverse the list before returning.")
    for index, got in enumerate(flat):
        want = np.shape(params[index // 2][index % 2])
        if got.shape == want:
            continue
        name = _name(index)
        text = f"`{call}`: {name} has shape {got.shape}, but {_param_name(index)} has shape {want}."
        if index % 2 == 0 and got.shape == want[::-1]:
            text += (" It is transposed: dW must have W's shape (n_in, n_out), which is what "
                     "`a.T @ delta` gives (a of shape (n, n_in), delta of shape (n, n_out)), not `delta.T @ a`.")
        elif index % 2 == 1 and got.shape in ((1, *want), (*want, 1)):
            text += (" Drop the extra axis: `delta.sum(axis=0)` without keepdims gives shape "
                     f"{want}, like b.")
        else:
            text += " Every gradient has the shape of the parameter it belongs to."
        fail("shape", text)
    return flat


def _call(sub: Submission, problem: Problem, params: list | None = None,
          with_grads: bool = True) -> tuple[float, list[np.ndarray]]:
    params = problem.params if params is None else params
    call = f"loss_and_gradients(params, X, y, activation={problem.activation!r}, output={problem.output!r}, " \
           f"loss={problem.loss!r})"
    value = sub.loss_and_gradients(params, problem.X, problem.y, **problem.kwargs())
    loss, grads = _pair(value, call)
    return _as_loss(loss, call), (_grads(grads, params, call) if with_grads else [])
