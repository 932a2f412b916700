"""Training diagnostics: what went on inside a network, measured with numbers.

Pure functions over plain arrays (a network's parameters, its training data,
the loss and gradient-norm history): no learner code runs here, nothing is
printed, nothing is random. Each diagnostic returns a small frozen "finding"
that holds the measured numbers and says whether they point at a problem
(`flagged`); `explain` turns a finding into a hint for a beginner, with the
numbers and the next step.

A network is a list of layers `[(W, b), ...]`, input layer first, W of shape
(n_in, n_out); every layer but the last is a hidden layer and uses the hidden
activation ("relu", "sigmoid", "softmax" or "leaky_relu").

    dead_units(params, X, activation)      units whose input is <= 0 on every example
    saturation(params, X, activation)      sigmoid/softmax units with a tiny derivative
    gradient_flow(grad_norms)              first-layer / last-layer gradient norm
    divergence(losses)                     nan/inf, or a loss that rises or jumps
    symmetry(params)                       hidden units with identical weights
    loss_progress(losses)                  a loss that hardly falls (no learning)
    diagnose(params, X, losses, grad_norms, activation)   all of them at once

`hidden_preactivations`, `hidden_outputs` and `activation_derivative` are the
building blocks, for exercises and plots that need the raw numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

HIDDEN_ACTIVATIONS = ("relu", "sigmoid", "softmax", "leaky_relu")
LEAKY_RELU_SLOPE = 0.01

DEAD_WARNING = 0.25  # a layer with this fraction of dead ReLUs or more is flagged
SATURATED_DERIVATIVE = 0.01  # a unit is saturated where its derivative is below this...
SATURATED_MOST = 0.5  # ...on more than this fraction of the examples
SATURATION_WARNING = 0.25  # a layer with this fraction of saturated units or more is flagged
VANISHING_RATIO = 1e-3  # first-layer gradient below 1/1000 of the last layer's
SPIKE_FACTOR = 2.0  # the loss jumped above twice its starting value
PROGRESS_LOST = 0.5  # the loss gave back half of what it had gained
FLAT_DROP = 0.25  # the loss fell by less than a quarter: the network hardly learned
SYMMETRY_RTOL = 1e-9  # units whose weights agree this closely are the same unit
RISE_TOLERANCE = 1e-3  # a final loss 0.1% above the first one is rounding, not a rise
UPHILL_FRACTION = 0.9  # a loss that rises at 90% of its steps is climbing: the update has the wrong sign
UPHILL_MIN_STEPS = 2
# A loss that blows up to nan or inf within a few steps is overshooting (a learning rate far too large),
# even when it rose at each of them; a climb of this many steps before it is the sign of the update.
UPHILL_BEFORE_NONFINITE = 20

Params = Sequence[tuple[Any, Any]]


# -- building blocks -------------------------------------------------------------------


def as_layers(params: Params) -> list[tuple[np.ndarray, np.ndarray]]:
    """The network as a list of float64 (W, b) pairs, W 2-D and b 1-D."""
    layers = []
    for index, layer in enumerate(params):
        W, b = layer
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64).reshape(-1)
        if W.ndim != 2 or b.shape != (W.shape[1],):
            raise ValueError(f"layer {index + 1}: W must be (n_in, n_out) and b (n_out,), "
                             f"got {W.shape} and {b.shape}")
        layers.append((W, b))
    if not layers:
        raise ValueError("a network needs at least one layer")
    return layers


def _check_activation(activation: str) -> None:
    if activation not in HIDDEN_ACTIVATIONS:
        raise ValueError(f"unknown hidden activation {activation!r}; use one of {HIDDEN_ACTIVATIONS}")


def activate(z: np.ndarray, activation: str, axis: int = -1, slope: float = LEAKY_RELU_SLOPE) -> np.ndarray:
    """The hidden activation applied to pre-activations z of shape (n, units); softmax along
    `axis`, leaky ReLU with `slope` (other values describe a learner's mistakes)."""
    _check_activation(activation)
    z = np.asarray(z, dtype=np.float64)
    with np.errstate(all="ignore"):
        if activation == "relu":
            return np.maximum(z, 0.0)
        if activation == "leaky_relu":
            return np.where(z > 0, z, slope * z)
        if activation == "sigmoid":
            return np.exp(-np.logaddexp(0.0, -z))
        shifted = z - np.max(z, axis=axis, keepdims=True)
        e = np.exp(shifted)
        return e / np.sum(e, axis=axis, keepdims=True)


def activation_derivative(z: np.ndarray, activation: str) -> np.ndarray:
    """How much each unit passes a gradient through, per example: f'(z).

    For softmax, whose units are mixed, this is the diagonal of each row's
    Jacobian, S_i (1 - S_i): how strongly a unit responds to its own input.
    """
    _check_activation(activation)
    z = np.asarray(z, dtype=np.float64)
    if activation == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if activation == "leaky_relu":
        return np.where(z > 0, 1.0, LEAKY_RELU_SLOPE)
    s = activate(z, activation)
    return s * (1.0 - s)


def hidden_layers(params: Params, X: np.ndarray, activation: str = "relu") -> list[tuple[np.ndarray, np.ndarray]]:
    """(z, f(z)) of every hidden layer for the batch X, input side first."""
    _check_activation(activation)
    layers = as_layers(params)
    a = np.asarray(X, dtype=np.float64)
    found = []
    with np.errstate(all="ignore"):
        for W, b in layers[:-1]:
            z = a @ W + b
            a = activate(z, activation)
            found.append((z, a))
    return found


def hidden_preactivations(params: Params, X: np.ndarray, activation: str = "relu") -> list[np.ndarray]:
    """The pre-activation z = a @ W + b of every hidden layer, shape (n, units) each."""
    return [z for z, _ in hidden_layers(params, X, activation)]


def hidden_outputs(params: Params, X: np.ndarray, activation: str = "relu") -> list[np.ndarray]:
    """The output f(z) of every hidden layer, shape (n, units) each."""
    return [a for _, a in hidden_layers(params, X, activation)]


# -- findings --------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadUnits:
    """Per hidden layer: units whose pre-activation is <= 0 on every example.

    A ReLU unit like that outputs 0 everywhere and gets no gradient: it is
    dead. The fractions are measured for any activation; only ReLU units are
    flagged (a leaky ReLU unit keeps a small gradient and can come back).
    """

    activation: str
    fractions: tuple[float, ...]
    counts: tuple[int, ...]
    widths: tuple[int, ...]
    examples: int
    threshold: float = DEAD_WARNING
    category = "dead-relu"

    @property
    def worst(self) -> float:
        return max(self.fractions, default=0.0)

    @property
    def worst_layer(self) -> int:
        """Index (0-based) of the hidden layer with the largest fraction."""
        return int(np.argmax(self.fractions)) if self.fractions else 0

    @property
    def flagged(self) -> bool:
        return self.activation == "relu" and self.worst >= self.threshold


@dataclass(frozen=True)
class Saturation:
    """Per hidden layer: units whose derivative is below `threshold` on most examples.

    Only sigmoid and softmax units can saturate; for relu and leaky_relu the
    fractions are all 0 and `applies` is False.
    """

    activation: str
    fractions: tuple[float, ...]
    counts: tuple[int, ...]
    widths: tuple[int, ...]
    mean_derivatives: tuple[float, ...]
    examples: int
    threshold: float = SATURATED_DERIVATIVE
    warning: float = SATURATION_WARNING
    category = "saturation"

    @property
    def applies(self) -> bool:
        return self.activation in ("sigmoid", "softmax")

    @property
    def worst(self) -> float:
        return max(self.fractions, default=0.0)

    @property
    def flagged(self) -> bool:
        return self.applies and self.worst >= self.warning


@dataclass(frozen=True)
class GradientFlow:
    """How much of the gradient reaches the first layer, from the history.

    `mean_norms` holds each layer's dW norm averaged over the epochs (input
    layer first). The ratios compare the first layer's norm with the last
    layer's: at the first epoch, the median over the epochs, and at the last
    epoch (epochs where the last layer's norm is 0 or not finite are skipped).
    """

    mean_norms: tuple[float, ...]
    initial_ratio: float
    median_ratio: float
    final_ratio: float
    epochs: int
    threshold: float = VANISHING_RATIO
    category = "vanishing-gradient"

    @property
    def layers(self) -> int:
        return len(self.mean_norms)

    @property
    def smallest_ratio(self) -> float:
        finite = [r for r in (self.initial_ratio, self.median_ratio) if math.isfinite(r)]
        return min(finite, default=math.nan)

    @property
    def flagged(self) -> bool:
        return self.layers >= 2 and self.smallest_ratio < self.threshold


@dataclass(frozen=True)
class Divergence:
    """Whether the loss blew up (nan/inf), ended above its start, jumped, or lost its progress."""

    epochs: int
    initial: float
    final: float
    best: float
    peak: float
    peak_epoch: int
    first_nonfinite: int | None
    rising_fraction: float
    spike_factor: float = SPIKE_FACTOR
    # The share of the steps before the loss turned nan or inf (all steps when it never did) on
    # which it went up.
    rising_while_finite: float = 0.0
    category = "divergence"

    @property
    def nonfinite(self) -> bool:
        return self.first_nonfinite is not None

    @property
    def uphill(self) -> bool:
        """The loss went up at almost every step while it was finite: the steps follow the gradient
        instead of going against it (a sign error), whatever else the network shows."""
        steps = (self.first_nonfinite if self.nonfinite else self.epochs) - 1
        needed = UPHILL_BEFORE_NONFINITE if self.nonfinite else UPHILL_MIN_STEPS
        return steps >= needed and self.rising_while_finite >= UPHILL_FRACTION

    @property
    def progress_lost(self) -> float:
        """The share of its best improvement that the loss gave back by the end (0 = none)."""
        gained = self.initial - self.best
        if not gained > RISE_TOLERANCE * abs(self.initial):  # nothing (or only rounding) to give back
            return 0.0
        return (self.final - self.best) / gained

    @property
    def kind(self) -> str | None:
        """"nonfinite", "rising", "spike", "rebound", or None when the loss behaved."""
        if self.nonfinite:
            return "nonfinite"
        if self.epochs < 2:
            return None
        if self.final > self.initial + RISE_TOLERANCE * abs(self.initial):
            return "rising"
        if self.peak > self.spike_factor * self.initial:
            return "spike"
        if self.progress_lost > PROGRESS_LOST:
            return "rebound"
        return None

    @property
    def flagged(self) -> bool:
        return self.kind is not None


@dataclass(frozen=True)
class Symmetry:
    """Per hidden layer: units that share their incoming weights and bias with another unit."""

    widths: tuple[int, ...]
    distinct: tuple[int, ...]
    twinned: tuple[int, ...]
    category = "symmetry"

    @property
    def fractions(self) -> tuple[float, ...]:
        return tuple(t / w if w else 0.0 for t, w in zip(self.twinned, self.widths, strict=True))

    @property
    def worst_layer(self) -> int:
        return int(np.argmax(self.fractions)) if self.widths else 0

    @property
    def flagged(self) -> bool:
        return any(t > 0 for t in self.twinned)

    @property
    def complete(self) -> bool:
        """Some layer of more than one unit holds only one distinct unit."""
        return any(w > 1 and d == 1 for w, d in zip(self.widths, self.distinct, strict=True))


@dataclass(frozen=True)
class LossProgress:
    """How much the loss fell over training: a flat loss means nothing was learned."""

    epochs: int
    initial: float
    final: float
    best: float
    min_drop: float = FLAT_DROP
    category = "no-learning"

    @property
    def relative_drop(self) -> float:
        """(initial - final) / initial: 0.99 when the loss fell by 99%."""
        if not (math.isfinite(self.initial) and math.isfinite(self.final)) or self.initial <= 0:
            return math.nan
        return (self.initial - self.final) / self.initial

    @property
    def flagged(self) -> bool:
        drop = self.relative_drop  # a loss that rose is a divergence, not a plateau
        return self.epochs >= 2 and math.isfinite(drop) and -RISE_TOLERANCE <= drop < self.min_drop


Finding = DeadUnits | Saturation | GradientFlow | Divergence | Symmetry | LossProgress


# -- the diagnostics -------------------------------------------------------------------


def dead_units(params: Params, X: np.ndarray, activation: str = "relu",
               threshold: float = DEAD_WARNING) -> DeadUnits:
    """Fraction of each hidden layer's units whose pre-activation is <= 0 on every row of X."""
    zs = hidden_preactivations(params, X, activation)
    counts = tuple(int(np.sum(np.all(z <= 0, axis=0))) for z in zs)
    widths = tuple(int(z.shape[1]) for z in zs)
    fractions = tuple(c / w if w else 0.0 for c, w in zip(counts, widths, strict=True))
    return DeadUnits(activation, fractions, counts, widths, int(np.shape(X)[0]), threshold)


def saturation(params: Params, X: np.ndarray, activation: str = "sigmoid",
               threshold: float = SATURATED_DERIVATIVE, most: float = SATURATED_MOST,
               warning: float = SATURATION_WARNING) -> Saturation:
    """Fraction of each hidden layer's units whose derivative is below `threshold`
    on more than `most` of the examples (sigmoid: s(1 - s); softmax: S_i (1 - S_i))."""
    layers = hidden_layers(params, X, activation)
    widths = tuple(int(z.shape[1]) for z, _ in layers)
    if activation not in ("sigmoid", "softmax"):
        zeros = tuple(0.0 for _ in widths)
        means = tuple(float(np.mean(activation_derivative(z, activation))) if z.size else math.nan
                      for z, _ in layers)
        return Saturation(activation, zeros, tuple(0 for _ in widths), widths, means,
                          int(np.shape(X)[0]), threshold, warning)
    counts, means = [], []
    for _, a in layers:
        with np.errstate(all="ignore"):
            derivative = a * (1.0 - a)
        small = np.mean(derivative < threshold, axis=0)
        counts.append(int(np.sum(small > most)))
        means.append(float(np.mean(derivative)) if derivative.size else math.nan)
    fractions = tuple(c / w if w else 0.0 for c, w in zip(counts, widths, strict=True))
    return Saturation(activation, fractions, tuple(counts), widths, tuple(means),
                      int(np.shape(X)[0]), threshold, warning)


def _ratio(first: float, last: float) -> float:
    if not (math.isfinite(first) and math.isfinite(last)) or last <= 0:
        return math.nan
    return first / last


def gradient_flow(grad_norms: Sequence[Sequence[float]], threshold: float = VANISHING_RATIO) -> GradientFlow:
    """Compare the first layer's gradient norm with the last layer's, epoch by epoch."""
    norms = np.asarray(grad_norms, dtype=np.float64)
    if norms.ndim != 2 or norms.shape[0] == 0 or norms.shape[1] == 0:
        raise ValueError(f"grad_norms must be one list of per-layer norms per epoch, got shape {norms.shape}")
    with np.errstate(all="ignore"):
        means = tuple(float(m) for m in np.mean(norms, axis=0))
        ratios = norms[:, 0] / norms[:, -1]
    usable = np.isfinite(norms[:, 0]) & np.isfinite(norms[:, -1]) & (norms[:, -1] > 0)
    median = float(np.median(ratios[usable])) if usable.any() else math.nan
    return GradientFlow(
        mean_norms=means,
        initial_ratio=_ratio(float(norms[0, 0]), float(norms[0, -1])),
        median_ratio=median,
        final_ratio=_ratio(float(norms[-1, 0]), float(norms[-1, -1])),
        epochs=int(norms.shape[0]),
        threshold=threshold,
    )


def divergence(losses: Sequence[float], spike_factor: float = SPIKE_FACTOR) -> Divergence:
    """Find a loss that became nan/inf, ended above its start, jumped, or gave back its progress."""
    values = np.asarray(losses, dtype=np.float64).reshape(-1)
    if values.size == 0:
        raise ValueError("the loss history is empty")
    finite = np.isfinite(values)
    first_bad = None if finite.all() else int(np.argmin(finite))
    kept = values[finite] if finite.any() else np.array([math.nan])
    with np.errstate(all="ignore"):
        steps = np.diff(values)
    rising = float(np.mean(steps > 0)) if steps.size else 0.0
    finite_steps = steps[: first_bad - 1] if first_bad is not None else steps
    rising_while_finite = float(np.mean(finite_steps > 0)) if finite_steps.size else 0.0
    peak_epoch = int(np.nanargmax(np.where(finite, values, -np.inf))) if finite.any() else 0
    return Divergence(
        epochs=int(values.size),
        initial=float(values[0]),
        final=float(values[-1]),
        best=float(np.min(kept)),
        peak=float(np.max(kept)),
        peak_epoch=peak_epoch,
        first_nonfinite=first_bad,
        rising_fraction=rising,
        spike_factor=spike_factor,
        rising_while_finite=rising_while_finite,
    )


def _distinct_units(W: np.ndarray, b: np.ndarray, rtol: float) -> tuple[int, int]:
    """(number of distinct units, number of units that have an identical twin)."""
    units = np.vstack([W, b[None, :]]).T  # one row per unit: its incoming weights and bias
    width = units.shape[0]
    if width < 2:
        return width, 0
    with np.errstate(all="ignore"):
        size = np.max(np.abs(units), axis=1)  # each unit's largest weight (nan if any is nan)
        same = np.zeros((width, width), dtype=bool)
        for j in range(width):  # one row at a time: memory stays at one layer's size
            gap = np.max(np.abs(units - units[j]), axis=1)
            same[j] = gap <= rtol * np.maximum(np.maximum(size, size[j]), 1e-300)
    np.fill_diagonal(same, False)
    twinned = int(np.sum(same.any(axis=1)))
    # Distinct units: count those not equal to an earlier one.
    distinct = sum(1 for j in range(width) if not same[j, :j].any())
    return distinct, twinned


def symmetry(params: Params, rtol: float = SYMMETRY_RTOL) -> Symmetry:
    """Count, per hidden layer, units whose incoming weights and bias equal another unit's."""
    layers = as_layers(params)[:-1]
    widths, distinct, twinned = [], [], []
    for W, b in layers:
        d, t = _distinct_units(W, b, rtol)
        widths.append(int(W.shape[1]))
        distinct.append(d)
        twinned.append(t)
    return Symmetry(tuple(widths), tuple(distinct), tuple(twinned))


def loss_progress(losses: Sequence[float], min_drop: float = FLAT_DROP) -> LossProgress:
    """How far the loss fell from the first epoch to the last."""
    values = np.asarray(losses, dtype=np.float64).reshape(-1)
    if values.size == 0:
        raise ValueError("the loss history is empty")
    finite = values[np.isfinite(values)]
    best = float(np.min(finite)) if finite.size else math.nan
    return LossProgress(int(values.size), float(values[0]), float(values[-1]), best, min_drop)


# -- all at once -----------------------------------------------------------------------


@dataclass(frozen=True)
class Diagnosis:
    """Every finding for one trained network and its history."""

    dead: DeadUnits
    saturation: Saturation
    gradients: GradientFlow
    divergence: Divergence
    symmetry: Symmetry
    progress: LossProgress

    def findings(self) -> tuple[Finding, ...]:
        return (self.dead, self.saturation, self.gradients, self.divergence, self.symmetry, self.progress)

    def problems(self) -> list[Finding]:
        """The flagged findings, the most telling first.

        The order explains a failure best: a loss that turned nan makes every
        other number meaningless; identical units explain dead units and a flat
        loss; dead ReLUs are a concrete cause of a jumpy loss; a bad loss curve
        comes before the slower effects (saturation, vanishing gradients), and a
        flat loss with no other sign comes last.
        """
        if self.divergence.nonfinite or self.divergence.uphill:  # every other number follows from it
            return [self.divergence]
        if self.symmetry.complete:
            return [self.symmetry]
        order = (self.symmetry, self.dead, self.divergence, self.saturation, self.gradients, self.progress)
        return [finding for finding in order if finding.flagged]


def diagnose(params: Params, X: np.ndarray, losses: Sequence[float], grad_norms: Sequence[Sequence[float]],
             activation: str = "relu") -> Diagnosis:
    """Run every diagnostic on a trained network, its training data and its history."""
    return Diagnosis(
        dead=dead_units(params, X, activation),
        saturation=saturation(params, X, activation),
        gradients=gradient_flow(grad_norms),
        divergence=divergence(losses),
        symmetry=symmetry(params),
        progress=loss_progress(losses),
    )


