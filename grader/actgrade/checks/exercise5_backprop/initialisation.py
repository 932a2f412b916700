"""Checks of init_params: shapes, zero biases, the He/Glorot scale, and the seed."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail, show
from actgrade.checks.expect import float_array

from .common import ACTIVATIONS, INIT_SIZES, KINKED, STD_TOLERANCE


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
