"""Hidden tests for exercise 5: init_params, forward and loss_and_gradients.

Gradients are judged twice: against central finite differences of the
learner's own loss (does the backward pass fit the forward pass?) and against
the reference (is it the loss that was asked for?). The finite differences
are taken along one random unit direction per parameter array, two loss calls
each, so a three-layer network costs twelve calls per setting. Every problem
is drawn so that the reference itself passes with a wide margin: directions
along which the gradient nearly vanishes are redrawn, and for ReLU networks
no pre-activation comes within 1e-4 of the kink or crosses it while a weight
is nudged.

When a gradient is off, it is compared with known wrong variants computed
here (bias gradient averaged, 1/n missing, derivative taken at the
activation, softmax treated elementwise, ...) so the hint names the layer,
the parameter and the likely cause.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail, show
from actgrade.checks.expect import float_array, mismatch, same_values, tolerances
from actgrade.sandbox.protocol import Unsupported

HINTS = [
    "A network is a loop over its layers: z = a @ W + b, then the activation, and the output of one "
    "layer is the input `a` of the next. Backpropagation walks the same loop backwards, from the output "
    "to the input. Work through the small example in the docstring of `loss_and_gradients` by hand first: "
    "it gives every number.",
    "init: `rng = np.random.default_rng(seed)`, then `rng.normal(0.0, std, size=(n_in, n_out))` per layer "
    "with std = sqrt(2 / n_in) for relu and leaky_relu, sqrt(2 / (n_in + n_out)) otherwise, and "
    "`np.zeros(n_out)` for b. Backward: keep each layer's input `a` and pre-activation `z` from the forward "
    "pass; start with delta = the exercise 4 gradient (it already has the 1/n); then for each layer from the "
    "last: dW = a.T @ delta, db = delta.sum(axis=0) (a sum, not a mean); and before moving to the previous "
    "layer, da = delta @ W.T times the activation's derivative at that layer's z.",
    "Backward loop: `for i in reversed(range(len(params))):` `a, z = cache[i]`; "
    "`grads[i] = (a.T @ delta, delta.sum(axis=0))`; `if i > 0:` `da = delta @ params[i][0].T`, then with "
    "`z_prev = cache[i - 1][1]`: relu `delta = da * relu_derivative(z_prev)`; sigmoid "
    "`delta = da * sigmoid_derivative(z_prev)`; leaky_relu `delta = da * np.where(z_prev > 0, 1.0, 0.01)`; "
    "softmax `s = softmax(z_prev, axis=1)` and `delta = s * (da - np.sum(da * s, axis=1, keepdims=True))`. "
    "Start with `delta = binary_cross_entropy_grad(logits[:, 0], y)[:, None]` (or `cross_entropy_grad`, "
    "`mse_grad`). Return `float(loss), grads`.",
]

ACTIVATIONS = ("relu", "sigmoid", "softmax", "leaky_relu")
PAIRS = (("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse"))
KINKED = ("relu", "leaky_relu")
SLOPE = 0.01  # leaky ReLU
H = 1e-5  # finite-difference step
KINK_MARGIN = 1e-4
N_ROWS, WIDTHS, N_CLASSES = 7, (4, 6, 5), 3  # n, d, hidden widths, k: all different
INIT_SIZES = (300, 200, 100)
STD_TOLERANCE = 0.05  # relative; the sampling error of the std is about 0.5% here


# --------------------------------------------------------------------------------------------
# The network, computed in the grader, with the wrong variants the hints recognise.
# --------------------------------------------------------------------------------------------
def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0.0, -z))


def _softmax(z: np.ndarray, axis: int = 1) -> np.ndarray:
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _hidden(z: np.ndarray, activation: str, axis: int = 1, slope: float = SLOPE) -> np.ndarray:
    if activation == "relu":
        return np.maximum(z, 0.0)
    if activation == "sigmoid":
        return _sigmoid(z)
    if activation == "softmax":
        return _softmax(z, axis)
    return np.where(z > 0, z, slope * z)


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


# --------------------------------------------------------------------------------------------
# init_params
# --------------------------------------------------------------------------------------------
def _init(sub: Submission, sizes: tuple[int, ...], activation: str, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    call = f"init_params({list(sizes)}, activation={activation!r}, seed={seed})"
    value = sub.init_params(list(sizes), activation=activation, seed=seed)
    layers = len(sizes) - 1
    if not isinstance(value, (list, tuple)):
        fail("value", f"`{call}` returned {show(value)}; it should return a list of (W, b) pairs, one per layer.")
    if len(value) != layers:
        fail("shape", f"`{call}` returned {len(value)} layers, but {len(sizes)} layer sizes make {layers} "
             "layers of weights (one between each pair of neighbouring sizes): "
             "`for n_in, n_out in zip(sizes[:-1], sizes[1:])`.")
    params = []
    for i, pair in enumerate(value):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            fail("value", f"`{call}`: layer {i + 1} is {show(pair)}; each layer should be a pair (W, b).")
        n_in, n_out = sizes[i], sizes[i + 1]
        W = float_array(pair[0], f"{call}, W{i + 1}")
        b = float_array(pair[1], f"{call}, b{i + 1}")
        for name, array in ((f"W{i + 1}", W), (f"b{i + 1}", b)):
            if array.dtype != np.float64:
                fail("dtype", f"`{call}`: {name} has dtype {array.dtype}; use float64, NumPy's default "
                     "(rng.normal and np.zeros give it unless told otherwise).")
        if W.shape != (n_in, n_out):
            extra = (" It is transposed: rows are the layer's inputs, columns its outputs, so that `a @ W` "
                     "works for a batch a of shape (n, n_in)." if W.shape == (n_out, n_in) else "")
            fail("shape", f"`{call}`: W{i + 1} has shape {W.shape}, but it should be (n_in, n_out) = "
                 f"({n_in}, {n_out}).{extra}")
        if b.shape != (n_out,):
            fail("shape", f"`{call}`: b{i + 1} has shape {b.shape}, but it should be (n_out,) = ({n_out},): "
                 f"one number per unit of the layer, `np.zeros({n_out})`.")
        params.append((W, b))
    return params


@check(points=1)
def init_shapes_and_zero_biases(sub: Submission, ctx: Context) -> None:
    """init_params gives one (W, b) per layer, W of shape (n_in, n_out), b zeros of shape (n_out,)"""
    for sizes, activation in (((2, 32, 1), "relu"), ((4, 7, 5, 3), "sigmoid"), ((6, 3, 8, 2), "leaky_relu")):
        seed = int(ctx.rng.integers(10_000))
        for i, (_, b) in enumerate(_init(sub, sizes, activation, seed)):
            if np.any(b != 0):
                j = int(np.flatnonzero(b)[0])
                fail("value", f"`init_params({list(sizes)}, activation={activation!r}, seed={seed})`: "
                     f"b{i + 1}[{j}] is {b[j]:.4g}, but biases start at zero: `np.zeros(n_out)`. The random "
                     "weights already make the units differ.")


def _std_candidates(n_in: int, n_out: int) -> list[tuple[float, str]]:
    he, glorot = np.sqrt(2 / n_in), np.sqrt(2 / (n_in + n_out))
    return [
        (he, f"He's sqrt(2 / n_in) = {he:.4g}, which is meant for relu and leaky_relu"),
        (glorot, f"Glorot's sqrt(2 / (n_in + n_out)) = {glorot:.4g}, which is meant for sigmoid and softmax"),
        (1.0, "1: plain `rng.normal(size=...)` or `rng.standard_normal(...)`, never multiplied by the std"),
        (np.sqrt(1 / n_in), f"sqrt(1 / n_in) = {np.sqrt(1 / n_in):.4g} (LeCun's rule: the 2 on top is missing)"),
        (np.sqrt(2 / n_out), f"sqrt(2 / n_out) = {np.sqrt(2 / n_out):.4g}: n_out where n_in belongs "
         "(n_in is the number of inputs, W.shape[0])"),
        (2 / n_in, f"2 / n_in = {2 / n_in:.4g}: that is the variance; the std is its square root"),
        (2 / (n_in + n_out), f"2 / (n_in + n_out) = {2 / (n_in + n_out):.4g}: that is the variance; the std is "
         "its square root"),
        (np.sqrt(1 / (n_in + n_out)), f"sqrt(1 / (n_in + n_out)) = {np.sqrt(1 / (n_in + n_out)):.4g} "
         "(the 2 on top is missing)"),
        (0.01, "a fixed 0.01"),
        (0.1, "a fixed 0.1"),
    ]


@check(points=2)
def init_weight_scale(sub: Submission, ctx: Context) -> None:
    """init_params draws He normal weights for relu/leaky_relu and Glorot normal otherwise"""
    for activation in ACTIVATIONS:
        seed = int(ctx.rng.integers(10_000))
        params = _init(sub, INIT_SIZES, activation, seed)
        call = f"init_params({list(INIT_SIZES)}, activation={activation!r}, seed={seed})"
        he_rule = activation in KINKED
        for i, (W, _) in enumerate(params):
            n_in, n_out = W.shape
            want = np.sqrt(2 / n_in) if he_rule else np.sqrt(2 / (n_in + n_out))
            formula = "np.sqrt(2 / n_in)" if he_rule else "np.sqrt(2 / (n_in + n_out))"
            rule = f"{'He' if he_rule else 'Glorot'} normal: std = {formula}"
            std, mean = float(W.std()), float(W.mean())
            where = f"`{call}`: W{i + 1} (shape {W.shape})"
            if np.ptp(W) == 0 or len(np.unique(W, axis=1)) < n_out:
                fail("symmetry", f"{where} has {'all weights equal' if np.ptp(W) == 0 else 'identical columns'}: "
                     "every unit of the layer then computes the same thing and gets the same gradient, forever. "
                     f"Draw every weight at random: `rng.normal(0.0, std, size=({n_in}, {n_out}))`.")
            if abs(mean) > STD_TOLERANCE * std:
                fail("value", f"{where} has mean {mean:.4g}, but weights should be centred on 0 (here within "
                     f"{STD_TOLERANCE * std:.2g} of 0). `rng.normal(0.0, std, ...)` is centred; `rng.random` "
                     "draws between 0 and 1 and is not.")
            if abs(std / want - 1) > STD_TOLERANCE:
                guess = min(_std_candidates(n_in, n_out), key=lambda c: abs(np.log(std / c[0])))
                looks = (f" Yours looks like {guess[1]}." if abs(std / guess[0] - 1) <= STD_TOLERANCE
                         and not np.isclose(guess[0], want) else "")
                fail("value", f"{where} has standard deviation {std:.4g}, but activation={activation!r} asks for "
                     f"{rule} = {want:.4g}.{looks} Use "
                     f"`rng.normal(0.0, {formula}, size=(n_in, n_out))`.")
            centred = (W - mean) / std
            excess_kurtosis = float(np.mean(centred**4) - 3.0)
            if abs(excess_kurtosis) > 0.6:
                shape = ("spread evenly between two limits (a flat histogram, like `rng.uniform`)"
                         if excess_kurtosis < 0 else "far from a bell curve")
                fail("value", f"{where} has the right standard deviation ({std:.4g}), but its values are {shape}, "
                     "not normally distributed (a bell curve). He and Glorot *normal* draw from "
                     "`rng.normal(0.0, std, size=(n_in, n_out))`.")


@check(points=1)
def init_seeded(sub: Submission, ctx: Context) -> None:
    """init_params gives the same network for the same seed and different ones for different seeds"""
    sizes, activation = (5, 8, 3), "relu"
    seed = int(ctx.rng.integers(10_000))
    first = _init(sub, sizes, activation, seed)
    again = _init(sub, sizes, activation, seed)
    for i, ((W1, _), (W2, _)) in enumerate(zip(first, again, strict=True)):
        if not np.array_equal(W1, W2):
            fail("nondeterministic", f"Two calls of `init_params({list(sizes)}, activation={activation!r}, "
                 f"seed={seed})` gave different W{i + 1}. The same seed must give the same network, so a run can "
                 "be repeated: create the generator from the seed, `rng = np.random.default_rng(seed)`, and draw "
                 "every weight from that rng (not from np.random.randn or an unseeded `default_rng()`).")
    if all(np.ptp(W) == 0 for W, _ in first):
        fail("symmetry", f"`init_params({list(sizes)}, activation={activation!r}, seed={seed})` gives weights that "
             "are all equal, so there is nothing random to seed: every unit of a layer would compute the same "
             "thing forever. Draw the weights with `rng.normal(0.0, std, size=(n_in, n_out))`.")
    other = _init(sub, sizes, activation, seed + 1)
    if all(np.array_equal(W1, W2) for (W1, _), (W2, _) in zip(first, other, strict=True)):
        fail("value", f"`init_params({list(sizes)}, activation={activation!r}, seed=...)` gave the same weights "
             f"for seed={seed} and seed={seed + 1}: the seed is ignored. Pass it on: "
             "`rng = np.random.default_rng(seed)`.")


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
        for category, cause, value in _loss_variants(problem):
            if same_values(got, np.float64(value)):
                fail(category, f"{where}. Likely cause: {cause}")
        fail("value", f"{where}. The loss is the exercise 4 loss of the last layer's logits: "
             "binary_cross_entropy(logits[:, 0], y), cross_entropy(logits, y) or mse(logits, y).")


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


__all__ = ["HINTS", "judge_gradients"]
