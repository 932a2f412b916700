"""`actgrade plot EXERCISE`: a PNG of your functions next to the reference.

- exercises 1-3: your activation and its derivative against the reference
  over a range of x, with every point where they differ marked;
- exercise 4: the loss and its slope against the logit for a positive
  example, binary cross-entropy next to mean squared error on a sigmoid (the
  flat region where MSE stops learning);
- exercise 5: the gradient norm of every layer of a deep network from your
  backpropagation, and how far it is from the reference;
- exercise 6: your training run on two moons, loss and gradient norms by layer;
- exercise 7: the two setups of the seed question trained with your `train`,
  and your `gradient_norms_by_layer` for ReLU, sigmoid and softmax;
- exercise 8: dead hidden units during and after training with your
  `kill_and_revive` settings, measured with your `dead_unit_fraction`.

The learner's code runs only in the sandbox child; what comes back is plain
data. A function that is missing, not written yet, raising or returning the
wrong shape is left out of the plot: the reference is drawn alone, and the
title and the console say so.

matplotlib (the `[plots]` extra) is imported only when the command runs, and
only its Agg canvas is used: the command writes a file and never opens a window.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from actgrade import catalog
from actgrade.cli import UsageProblem, exercise_argument, friendly_errors, workspace_option

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.sandbox.runner import Outcome, Sandbox

INSTALL_HINT = 'pip install "actgrade[plots]"'
REFERENCE = dict(color="0.55", linewidth=5, alpha=0.45, solid_capstyle="round")

DIFFERS = dict(color="tab:red", marker="x", s=36, linewidths=1.5, zorder=5)
LAYER_COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:pink")
SETUP_COLOURS = {"relu": "tab:blue", "sigmoid": "tab:orange", "softmax": "tab:green", "leaky_relu": "tab:purple"}


def reference_style(colour: str, alone: bool) -> dict:
    """Wide and grey under the learner's curve; in colour when it is drawn alone."""
    return dict(color=colour, linewidth=2) if alone else REFERENCE


class Learner:
    """The learner's modules, called through the sandbox.

    `call` returns the value as plain data, or None after noting in
    `problems` why there is nothing to plot (one short line per function).
    """

    def __init__(self, sandbox: Sandbox, exercise: Exercise) -> None:
        self.sandbox = sandbox
        self.exercise = exercise
        self.problems: list[str] = []
        self.not_written: list[str] = []
        self.details: list[str] = []
        self._imported: dict[str, bool] = {}
        self._names: dict[str, dict[str, str]] = {}
        self._failed: set[tuple[str, str]] = set()

    def available(self, name: str, module: str | None = None) -> bool:
        """True when `module` imports and defines `name` (noting it when not)."""
        module = module or self.exercise.module
        if module not in self._imported:
            outcome = self.sandbox.import_module(module, timeout=60)
            self._imported[module] = outcome.ok
            if outcome.ok:
                self._names[module] = self.sandbox.names(module)
            else:
                from actgrade.grading import import_failure_hint

                self.problems.append(f"your {module}.py could not be imported")
                self.details.append(import_failure_hint(outcome, catalog.find(module)).text)
        if not self._imported[module]:
            return False
        if name not in self._names.get(module, {}):
            self._note(module, name, f"your {module}.py has no function `{name}`")
            return False
        return (module, name) not in self._failed

    def call(self, name: str, *args: Any, module: str | None = None, timeout: float = 30.0,
             **kwargs: Any) -> Any:
        module = module or self.exercise.module
        if not self.available(name, module):
            return None
        outcome = self.sandbox.call(module, name, args, kwargs, timeout=timeout)
        if outcome.ok:
            return outcome.value
        if (outcome.exception or {}).get("not_implemented") and (module, name) not in self._failed:
            self._failed.add((module, name))
            self.not_written.append(self._named(name, module))
        else:
            self._note(module, name, describe_failure(self._named(name, module), outcome))
        return None

    def summary(self) -> list[str]:
        """Why parts of the plot show the reference alone, one short line each."""
        lines = []
        if self.not_written:
            verb = "is" if len(self.not_written) == 1 else "are"
            lines.append(f"your {', '.join(self.not_written)} {verb} not written yet (NotImplementedError)")
        return lines + self.problems

    def _named(self, name: str, module: str) -> str:
        """`relu`, or `train` (exercise6_training.py) when it comes from another exercise's file."""
        return f"`{name}`" if module == self.exercise.module else f"`{name}` ({module}.py)"

    def reject(self, name: str, why: str, module: str | None = None) -> None:
        """The call worked but its value cannot be plotted."""
        module = module or self.exercise.module
        self._note(module, name, f"your {self._named(name, module)} {why}")

    def _note(self, module: str, name: str, text: str) -> None:
        if (module, name) not in self._failed:
            self._failed.add((module, name))
            self.problems.append(text)


def describe_failure(name: str, outcome: Outcome) -> str:
    """One line: why the learner's function `name` (already quoted) gave nothing to plot."""
    if outcome.problem == "timeout":
        return f"your {name} did not finish ({outcome.detail})"
    if outcome.problem:
        return f"your {name} stopped the process ({outcome.detail})"
    exc = outcome.exception or {}
    if exc.get("not_implemented"):
        return f"your {name} is not written yet (it raises NotImplementedError)"
    message = str(exc.get("message") or "").splitlines()[0][:120] if exc.get("message") else ""
    return f"your {name} raised {exc.get('type', 'an exception')}" + (f": {message}" if message else "")


def as_array(learner: Learner, name: str, value: Any, shape: tuple[int, ...], module: str | None = None):
    """The learner's value as a float array of `shape`, or None (noted)."""
    import numpy as np

    if value is None:
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        learner.reject(name, f"returned {type(value).__name__}, not numbers", module)
        return None
    if array.shape != tuple(shape):
        learner.reject(name, f"returned shape {array.shape}, expected {tuple(shape)}", module)
        return None
    return array


def reference(number: int):
    from actgrade import grading

    return grading.reference_module(catalog.find(str(number)))


# -- drawing helpers ---------------------------------------------------------

def compare_curves(ax: Axes, x, ref, mine, label: str, colour: str = "tab:blue",
                   ref_label: str | None = None, mine_label: str | None = None,
                   draw_reference: bool = True) -> str:
    """Draw the reference (wide, grey) and the learner's curve, mark where they
    differ (rtol 1e-6, atol 1e-9, as the grader), and return a one-line verdict."""
    import numpy as np

    if draw_reference:
        ax.plot(x, ref, label=ref_label or f"reference {label}", **reference_style(colour, mine is None))
    if mine is None:
        return "reference only"
    ax.plot(x, mine, color=colour, linewidth=1.6, label=mine_label or f"yours: {label}")
    differs = ~np.isclose(mine, ref, rtol=1e-6, atol=1e-9)
    if not differs.any():
        return "yours matches the reference"
    where = np.where(np.isfinite(mine), mine, ref)
    marked = np.flatnonzero(differs)
    if marked.size > 60:  # enough crosses to see where, few enough to still see the curve
        marked = marked[np.linspace(0, marked.size - 1, 60).round().astype(int)]
    ax.scatter(x[marked], where[marked], label=f"differs ({differs.sum()} of {differs.size} points)", **DIFFERS)
    gap = np.abs(mine - ref)[differs]
    largest = np.nanmax(gap) if np.isfinite(gap).any() else float("nan")
    return f"yours differs at {differs.sum()} of {differs.size} points (largest gap {largest:.3g})"


def titled(ax: Axes, title: str, verdict: str, good: bool | None = None) -> None:
    """The panel's title in bold, the verdict on a second line at the right:
    green when the learner's work matches, red when it differs, grey otherwise."""
    if good is None:
        good = False if "differs" in verdict else True if "matches" in verdict else None
    shade = "0.35" if good is None else "tab:green" if good else "tab:red"
    ax.set_title(title + "\n", fontsize=11, loc="left", fontweight="bold")
    ax.set_title("\n" + verdict, fontsize=9, loc="right", color=shade)


def finish(fig: Figure, exercise: Exercise, what: str, learner: Learner) -> None:
    """The figure's title: the exercise, what is shown, and what is missing."""
    import textwrap

    lines = [f"{exercise.id}: {exercise.title}", *textwrap.wrap(what, 140)]
    missing = learner.summary()
    if missing:
        note = "Reference alone where yours is missing: " + "; ".join(missing) + "."
        lines.extend(textwrap.wrap(note, 140))
    fig.suptitle("\n".join(lines), fontsize=11, x=0.01, ha="left", color="firebrick" if missing else "black")
    width, _ = fig.get_size_inches()
    fig.set_size_inches(width, 5.0 + 0.22 * len(lines))


def new_figure(panels: int = 2):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.2 * panels, 5.5), dpi=110, layout="constrained")
    axes = fig.subplots(1, panels)
    return fig, list(axes) if panels > 1 else [axes]


def shade_where(ax: Axes, x, mask, label: str, colour: str = "orange") -> None:
    ax.fill_between(x, 0, 1, where=mask, transform=ax.get_xaxis_transform(), color=colour, alpha=0.13,
                    linewidth=0, label=label)


# -- exercises 1-3: activations and derivatives --------------------------------

def _kinked_grid(low: float, high: float, count: int):
    import numpy as np

    x = np.linspace(low, high, count)
    x[np.argmin(np.abs(x))] = 0.0  # the kink itself, where conventions differ
    return x


def _elementwise(learner: Learner, exercise: Exercise, number: int, functions: tuple[str, str],
                 formulas: tuple[str, str], x_range: tuple[float, float]) -> Figure:
    ref = reference(number)
    x = _kinked_grid(*x_range, 601)
    fig, axes = new_figure(2)
    saturated = None
    for ax, name, formula in zip(axes, functions, formulas, strict=True):
        expected = getattr(ref, name)(x.copy())
        mine = as_array(learner, name, learner.call(name, x.copy()), x.shape)
        verdict = compare_curves(ax, x, expected, mine, formula)
        if name == "sigmoid_derivative":
            saturated = expected < 0.01
            shade_where(ax, x, saturated, "saturated: slope below 0.01")
        if name == "relu_derivative":
            ax.scatter([0.0], [expected[x == 0.0][0]], color="black", s=30, zorder=6,
                       label="reference at exactly x = 0: relu'(0) = 0")
        titled(ax, formula, verdict)
        ax.set_xlabel("x (the pre-activation)")
        ax.set_ylabel(formula)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=9)
    finish(fig, exercise, f"Your {functions[0]} and {functions[1]} (blue) against the reference (grey); "
           "red crosses mark points that differ.", learner)
    return fig


def plot_relu(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    return _elementwise(learner, exercise, 1, ("relu", "relu_derivative"), ("relu(x)", "relu'(x)"), (-3.0, 3.0))


def plot_sigmoid(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    return _elementwise(learner, exercise, 2, ("sigmoid", "sigmoid_derivative"),
                        ("sigmoid(x)", "sigmoid'(x)"), (-12.0, 12.0))


def plot_softmax(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    ref = reference(3)
    x = _kinked_grid(-8.0, 8.0, 401)
    z = np.column_stack([x, np.zeros_like(x)])  # rows [x, 0]
    fig, axes = new_figure(2)

    expected = ref.softmax(z, axis=-1)[:, 0]
    value = learner.call("softmax", z.copy(), axis=-1)
    mine = as_array(learner, "softmax", value, z.shape)
    verdict = compare_curves(axes[0], x, expected, None if mine is None else mine[:, 0], "S_0 = softmax([x, 0])[0]")
    titled(axes[0], "softmax of [x, 0], first component", verdict)
    axes[0].set_ylabel("S_0")

    jacobian = ref.softmax_jacobian(z)
    mine_j = _learner_jacobians(learner, z)
    verdicts = []
    for (i, j), colour, text in (((0, 0), "tab:blue", "J_00 = S_0 (1 - S_0)"),
                                 ((0, 1), "tab:purple", "J_01 = -S_0 S_1")):
        verdicts.append(compare_curves(axes[1], x, jacobian[:, i, j], None if mine_j is None else mine_j[:, i, j],
                                       text, colour, ref_label=f"reference {text}"))
    worst = next((v for v in verdicts if v.startswith("yours differs")), verdicts[0])
    titled(axes[1], "softmax_jacobian of [x, 0]", worst)
    axes[1].axhline(0.25, color="0.3", linestyle=":", linewidth=1, label="0.25: the largest entry possible")
    axes[1].set_ylabel("Jacobian entry")
    for ax in axes:
        ax.set_xlabel("x (first logit; the second is 0)")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=9)
    finish(fig, exercise, "Your softmax and softmax_jacobian (coloured) against the reference (grey) for the "
           "2-vector [x, 0]; red crosses mark points that differ.", learner)
    return fig


def _learner_jacobians(learner: Learner, z):
    """Jacobians of every row: one batched call, else one call per row."""
    import numpy as np

    value = learner.call("softmax_jacobian", z.copy())
    if value is None:
        return None
    try:
        batched = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        batched = None
    if batched is not None and batched.shape == (len(z), 2, 2):
        return batched
    rows = []
    for row in z:  # the batched form is optional for a plot: try row by row
        single = as_array(learner, "softmax_jacobian", learner.call("softmax_jacobian", row.copy()), (2, 2))
        if single is None:
            return None
        rows.append(single)
    return np.array(rows)


# -- exercise 4: losses ----------------------------------------------------------

def plot_losses(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    ref4, ref2 = reference(4), reference(2)
    z = np.linspace(-10.0, 10.0, 201)
    ones = np.ones_like(z)
    s = ref2.sigmoid(z)
    fig, axes = new_figure(2)

    bce_ref = np.array([ref4.binary_cross_entropy(z[i:i + 1], ones[i:i + 1]) for i in range(z.size)])
    mse_ref = np.array([ref4.mse(s[i:i + 1], ones[i:i + 1]) for i in range(z.size)])
    bce_mine = _pointwise(learner, "binary_cross_entropy", z, ones)
    mse_mine = _pointwise(learner, "mse", s, ones)
    v1 = compare_curves(axes[0], z, bce_ref, bce_mine, "binary_cross_entropy(z, 1)", "tab:blue",
                        ref_label="reference binary cross-entropy")
    v2 = compare_curves(axes[0], z, mse_ref, mse_mine, "mse(sigmoid(z), 1)", "tab:orange",
                        ref_label="reference MSE on sigmoid(z)")
    titled(axes[0], "Loss of one example with label y = 1", _worst(v1, v2))
    axes[0].set_ylabel("loss")

    # Slopes with respect to the logit z (the gradients are of the batch mean: times n).
    n = z.size
    bce_grad_ref = ref4.binary_cross_entropy_grad(z, ones) * n
    mse_grad_ref = ref4.mse_grad(s, ones) * n * s * (1 - s)
    mine = as_array(learner, "binary_cross_entropy_grad", learner.call("binary_cross_entropy_grad", z, ones), z.shape)
    bce_grad_mine = None if mine is None else mine * n
    mine = as_array(learner, "mse_grad", learner.call("mse_grad", s, ones), z.shape)
    mse_grad_mine = None if mine is None else mine * n * s * (1 - s)
    v3 = compare_curves(axes[1], z, bce_grad_ref, bce_grad_mine, "d BCE / dz", "tab:blue",
                        ref_label="reference d BCE / dz = sigmoid(z) - 1")
    v4 = compare_curves(axes[1], z, mse_grad_ref, mse_grad_mine, "d MSE(sigmoid) / dz", "tab:orange",
                        ref_label="reference d MSE(sigmoid(z)) / dz")
    titled(axes[1], "Slope of that loss (what gradient descent follows)", _worst(v3, v4))
    axes[1].set_ylabel("d loss / d z")
    flat = (z < 0) & (np.abs(mse_grad_ref) < 0.05)
    for ax in axes:
        shade_where(ax, z, flat, "wrong answer, yet MSE's slope is nearly 0")
        ax.set_xlabel("z (the logit; sigmoid(z) is the predicted probability of y = 1)")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper right" if ax is axes[0] else "lower right", fontsize=9)
    finish(fig, exercise, "Binary cross-entropy keeps a strong slope where the prediction is wrong (z << 0); MSE on "
           "a sigmoid goes flat there, so a wrong network barely learns.", learner)
    return fig


def _pointwise(learner: Learner, name: str, pred, target):
    """A mean loss evaluated on one example at a time (one call per point)."""
    import numpy as np

    values = []
    for i in range(pred.size):
        value = learner.call(name, pred[i:i + 1], target[i:i + 1])
        if value is None:
            return None
        try:
            values.append(float(value))
        except (TypeError, ValueError):
            learner.reject(name, f"returned {type(value).__name__}, not a number")
            return None
    return np.array(values)


def _worst(*verdicts: str) -> str:
    return next((v for v in verdicts if v.startswith("yours differs")),
                next((v for v in verdicts if v == "reference only"), verdicts[0]))


# -- exercise 5: backpropagation -----------------------------------------------------

DEPTH, WIDTH = 8, 32


def plot_backprop(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    from actgrade.datasets import two_moons

    ref = reference(5)
    X, y = two_moons(n=200, seed=seed)
    layers = np.arange(1, DEPTH + 2)
    fig, axes = new_figure(2)
    worst = []
    for k, activation in enumerate(("relu", "sigmoid", "softmax")):
        colour = SETUP_COLOURS[activation]
        params = ref.init_params([2] + [WIDTH] * DEPTH + [1], activation=activation, seed=seed)
        _, grads = ref.loss_and_gradients(params, X, y, activation=activation, output="sigmoid", loss="bce")
        expected = np.array([np.linalg.norm(dW) for dW, _ in grads])
        mine = _learner_gradients(learner, params, X, y, activation)
        if mine is None:
            axes[0].plot(layers, expected, marker="o", label=f"reference, {activation}",
                         **reference_style(colour, True))
            worst.append("reference only")
            continue
        axes[0].plot(layers, expected, label="reference (wide grey)" if k == 0 else None, **REFERENCE)
        norms = np.array([np.linalg.norm(dW) for dW in mine])
        axes[0].plot(layers, norms, color=colour, marker="o", linewidth=1.5, label=f"yours, {activation}")
        error = np.array([np.linalg.norm(m - g) / max(np.linalg.norm(g), 1e-300)
                          for m, (g, _) in zip(mine, grads, strict=True)])
        shown = np.maximum(error, 1e-17)
        shifted = layers + (k - 1) * 0.12  # side by side where all three are exact
        axes[1].plot(shifted, shown, color=colour, marker="o", linewidth=1.2, label=activation)
        bad = error > 1e-6
        if bad.any():
            axes[0].scatter(layers[bad], norms[bad], **DIFFERS)
            axes[1].scatter(shifted[bad], shown[bad], **DIFFERS)
            worst.append(f"yours differs on {bad.sum()} of {bad.size} layers")
        else:
            worst.append("yours matches the reference")
    axes[0].set_yscale("log")
    titled(axes[0], f"Gradient norm ||dW|| per layer, {DEPTH} hidden layers of {WIDTH}", _worst(*worst))
    axes[0].set_xlabel("layer (1 = input layer, right = output layer)")
    axes[0].set_ylabel("||dW|| (log scale)")
    axes[1].axhline(1e-6, color="tab:red", linestyle="--", linewidth=1, label="tolerance 1e-6")
    axes[1].set_yscale("log")
    axes[1].set_ylim(1e-18, 1e2)
    titled(axes[1], "How far your dW is from the reference", "reference only" if "reference only" in worst
           else _worst(*worst))
    axes[1].set_xlabel("layer (1 = input layer, right = output layer)")
    axes[1].set_ylabel("relative error ||dW - dW_ref|| / ||dW_ref||\n(log scale; 1e-17 means identical)")
    for ax in axes:
        ax.set_xticks(layers)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=9, loc="lower right" if ax is axes[0] else "upper left")
    finish(fig, exercise, f"Your loss_and_gradients on the same untrained networks as the reference (two moons, "
           f"seed {seed}): the gradient fades towards the input with sigmoid and softmax.", learner)
    return fig


def _learner_gradients(learner: Learner, params, X, y, activation: str):
    import numpy as np

    value = learner.call("loss_and_gradients", params, X, y, activation=activation, output="sigmoid", loss="bce")
    if value is None:
        return None
    try:
        _, grads = value
        mine = [np.asarray(pair[0], dtype=float) for pair in grads]
    except (TypeError, ValueError, IndexError):
        learner.reject("loss_and_gradients", "did not return (loss, [(dW, db), ...])")
        return None
    if [m.shape for m in mine] != [W.shape for W, _ in params]:
        learner.reject("loss_and_gradients", "returned dW shapes that do not match the layers")
        return None
    return mine


# -- exercises 6 and 7: training ---------------------------------------------------------

def _history(learner: Learner, module: str, X, targets, epochs: int = 500, **setup: Any):
    """Losses (epochs,) and gradient norms (epochs, layers) of the learner's train, or None."""
    import numpy as np

    value = learner.call("train", X, targets, module=module, timeout=300, **setup)
    if value is None:
        return None
    try:
        losses = np.asarray(value["losses"], dtype=float)
        norms = np.asarray(value["grad_norms"], dtype=float)
        params = [(np.asarray(W, dtype=float), np.asarray(b, dtype=float)) for W, b in value["params"]]
    except (TypeError, ValueError, KeyError, IndexError):
        learner.reject("train", 'did not return {"params", "losses", "grad_norms"} as documented', module)
        return None
    if losses.shape != (epochs,) or norms.ndim != 2 or norms.shape[0] != epochs or norms.shape[1] != len(params):
        learner.reject("train", f"returned histories of shapes {losses.shape} and {norms.shape}, "
                       f"expected ({epochs},) and ({epochs}, layers)", module)
        return None
    return losses, norms, params


def _accuracy(params, X, y, activation: str, output: str) -> float:
    import numpy as np

    ref6 = reference(6)
    with np.errstate(all="ignore"):
        return float(np.mean(ref6.predict(params, X, activation=activation, output=output) == y))


def plot_training(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    from actgrade.datasets import two_moons

    ref6 = reference(6)
    X, y = two_moons(n=200, seed=seed)
    expected = ref6.train(X, y, seed=seed)
    fig, axes = new_figure(2)
    epochs = np.arange(1, len(expected["losses"]) + 1)
    ref_norms = np.array(expected["grad_norms"])
    ref_acc = _accuracy(expected["params"], X, y, "relu", "sigmoid")
    mine = _history(learner, exercise.module, X, y, seed=seed)
    axes[0].plot(epochs, expected["losses"], label=f"reference ({ref_acc:.0%} right)",
                 **reference_style("tab:blue", mine is None))
    verdict = "reference only"
    if mine is not None:
        losses, norms, params = mine
        acc = _accuracy(params, X, y, "relu", "sigmoid")
        verdict = compare_curves(axes[0], epochs, np.array(expected["losses"]), losses, "loss", "tab:blue",
                                 mine_label=f"yours ({acc:.0%} right)", draw_reference=False)
    titled(axes[0], "Training loss (binary cross-entropy)", verdict)
    axes[0].set_yscale("log")
    axes[0].set_ylabel("loss (log scale)")

    for layer in range(ref_norms.shape[1]):
        colour = LAYER_COLOURS[layer % len(LAYER_COLOURS)]
        axes[1].plot(epochs, ref_norms[:, layer], color=colour, linewidth=4 if mine is not None else 1.6,
                     alpha=0.3 if mine is not None else 1.0, label=f"reference, layer {layer + 1}")
        if mine is not None:
            axes[1].plot(epochs, mine[1][:, layer], color=colour, linewidth=1.4, label=f"yours, layer {layer + 1}")
    axes[1].set_yscale("log")
    if mine is None:
        norms_verdict = "reference only"
    elif mine[1].shape == ref_norms.shape and np.allclose(mine[1], ref_norms, rtol=1e-6, atol=1e-9):
        norms_verdict = "yours matches the reference"
    else:
        norms_verdict = "yours differs from the reference"
    titled(axes[1], "Gradient norm ||dW|| by layer (1 = input layer)", norms_verdict)
    axes[1].set_ylabel("||dW|| (log scale)")
    for ax in axes:
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=9, loc="upper right")
    finish(fig, exercise, f"Your train(X, y) with its defaults (ReLU, 32 hidden units, lr 1, 500 epochs) on 200 "
           f"two-moons points, seed {seed}; the reference in wide pale lines.", learner)
    return fig


def plot_experiment(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    from actgrade.datasets import two_moons

    ref6, ref7 = reference(6), reference(7)
    X, y = two_moons(n=200, seed=seed)
    one_hot = np.eye(2)[y]
    fig, axes = new_figure(2)
    setups = (("ReLU + sigmoid, BCE", "relu", "sigmoid", "bce", y),
              ("softmax + linear, MSE", "softmax", "linear", "mse", one_hot))
    shown_mine = False
    for label, activation, output, loss, targets in setups:
        colour = SETUP_COLOURS[activation]
        setup = dict(activation=activation, output=output, loss=loss, seed=seed)
        expected = ref6.train(X, targets, **setup)
        epochs = np.arange(1, len(expected["losses"]) + 1)
        ref_acc = _accuracy(expected["params"], X, y, activation, output)
        mine = _history(learner, "exercise6_training", X, targets, **setup)
        axes[0].plot(epochs, expected["losses"], label=f"reference {label}: {ref_acc:.0%} right",
                     **reference_style(colour, mine is None))
        if mine is not None:
            shown_mine = True
            acc = _accuracy(mine[2], X, y, activation, output)
            axes[0].plot(epochs, mine[0], color=colour, linewidth=1.6, label=f"yours {label}: {acc:.0%} right")
    axes[0].set_yscale("log")
    titled(axes[0], "Training loss, two setups (your train of exercise 6)",
           "" if shown_mine else "reference only")
    axes[0].set_xlabel("epoch")
    axes[0].set_ylabel("loss (log scale; BCE and MSE are different scales)")

    layers = np.arange(1, DEPTH + 2)
    verdicts = []
    for k, activation in enumerate(("relu", "sigmoid", "softmax")):
        colour = SETUP_COLOURS[activation]
        expected = np.array(ref7.gradient_norms_by_layer(X, y, activation, DEPTH, width=WIDTH, seed=seed))
        value = learner.call("gradient_norms_by_layer", X, y, activation, DEPTH, width=WIDTH, seed=seed)
        mine = as_array(learner, "gradient_norms_by_layer", value, expected.shape)
        if mine is None:
            axes[1].plot(layers, expected, marker="o", label=f"reference {activation}: first/last = "
                         f"{expected[0] / expected[-1]:.1e}", **reference_style(colour, True))
            verdicts.append("reference only")
            continue
        axes[1].plot(layers, expected, label="reference (wide grey)" if k == 0 else None, **REFERENCE)
        axes[1].plot(layers, np.where(mine > 0, mine, np.nan), color=colour, marker="o", linewidth=1.5,
                     label=f"yours {activation}: first/last = {mine[0] / mine[-1]:.1e}" if mine[-1] else
                     f"yours {activation}")
        bad = ~np.isclose(mine, expected, rtol=1e-6, atol=1e-12)
        if bad.any():
            axes[1].scatter(layers[bad], np.where(mine[bad] > 0, mine[bad], expected[bad]), **DIFFERS)
            verdicts.append(f"yours differs on {bad.sum()} of {bad.size} layers")
        else:
            verdicts.append("yours matches the reference")
    axes[1].set_yscale("log")
    axes[1].set_xticks(layers)
    titled(axes[1], f"gradient_norms_by_layer, {DEPTH} hidden layers of {WIDTH}, untrained", _worst(*verdicts))
    axes[1].set_xlabel("layer (1 = input layer, right = output layer)")
    axes[1].set_ylabel("||dW|| (log scale)")
    for ax in axes:
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8.5, loc="lower right" if ax is axes[1] else "upper right")
    finish(fig, exercise, f"The seed question on 200 two-moons points (seed {seed}): same data, same budget; "
           "the gradient reaching the first layer shrinks with sigmoid and softmax.", learner)
    return fig


# -- exercise 8: dead ReLUs -------------------------------------------------------------

def dead_fractions(params, X) -> list[float]:
    """Per hidden layer, the fraction of units with pre-activation <= 0 on every row
    (the reference's `dead_unit_fraction` of exercise 8)."""
    return [float(f) for f in reference(8).dead_unit_fraction(params, X)]


def _train_watching(X, y, hidden: tuple[int, ...], activation: str, lr: float, seed: int, epochs: int = 500,
                    every: int = 5):
    """The reference training loop of exercise 6, noting the dead fraction as it goes."""
    import numpy as np

    ref5 = reference(5)
    params = ref5.init_params([X.shape[1], *hidden, 1], activation=activation, seed=seed)
    steps, dead = [0], [dead_fractions(params, X)]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for epoch in range(1, epochs + 1):
            _, grads = ref5.loss_and_gradients(params, X, y, activation=activation, output="sigmoid", loss="bce")
            params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads, strict=True)]
            if epoch % every == 0:
                steps.append(epoch)
                dead.append(dead_fractions(params, X))
    return params, np.array(steps), np.array(dead)


def _settings(learner: Learner, X, y, seed: int) -> dict[str, dict]:
    ref8 = reference(8)
    value = learner.call("kill_and_revive", X, y, seed=seed)
    if value is not None:
        try:
            chosen = {key: {"activation": str(value[key]["activation"]), "lr": float(value[key]["lr"])}
                      for key in ("kill", "revive")}
            if all(s["activation"] in ("relu", "leaky_relu") and 0 < s["lr"] < 1e3 for s in chosen.values()):
                return chosen
        except (TypeError, KeyError, ValueError):
            pass
        learner.reject("kill_and_revive", 'did not return {"kill": {"activation", "lr"}, "revive": {...}} '
                       "with activation relu or leaky_relu and a learning rate between 0 and 1000")
    return ref8.kill_and_revive(X, y, seed=seed)


def plot_dead_relu(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    from actgrade.datasets import two_moons

    X, y = two_moons(n=200, seed=seed)
    settings = _settings(learner, X, y, seed)
    mine_settings = not any("kill_and_revive" in p for p in learner.summary())
    runs = {"exercise 6 default": {"activation": "relu", "lr": 1.0}, **settings}
    colours = {"exercise 6 default": "0.35", "kill": "tab:red", "revive": "tab:green"}
    fig, axes = new_figure(2)
    final: dict[str, tuple[float, float]] = {}
    for name, setting in runs.items():
        params, steps, dead = _train_watching(X, y, (32,), setting["activation"], setting["lr"], seed)
        acc = _accuracy(params, X, y, setting["activation"], "sigmoid")
        final[name] = (float(dead[-1, 0]), acc)
        axes[0].plot(steps, dead[:, 0], color=colours[name], linewidth=1.8,
                     label=f"{name}: {setting['activation']}, lr {setting['lr']:g} -> {dead[-1, 0]:.0%} dead, "
                           f"{acc:.0%} right")
    axes[0].axhline(0.4, color="tab:red", linestyle=":", linewidth=1, label="kill must reach 40%")
    axes[0].axhline(0.1, color="tab:green", linestyle=":", linewidth=1, label="revive: at most 10%")
    axes[0].set_ylim(-0.03, 1.03)
    if mine_settings:
        kill_dead, _ = final["kill"]
        revive_dead, revive_acc = final["revive"]
        misses = ([f"kill leaves only {kill_dead:.0%} dead"] if kill_dead < 0.4 else []) + \
                 ([f"revive: {revive_dead:.0%} dead, {revive_acc:.0%} right"]
                  if revive_dead > 0.1 or revive_acc < 0.95 else [])
        verdict = ("your settings: " + "; ".join(misses) if misses
                   else "your kill_and_revive settings do what is asked")
        good = not misses
    else:
        verdict, good = "reference settings", None
    titled(axes[0], "Dead hidden units while training (32 units)", verdict, good)
    axes[0].set_xlabel("epoch")
    axes[0].set_ylabel("fraction of hidden units dead on every example")

    hidden = (32, 32, 32)
    width = 0.8 / len(runs)
    verdicts = []
    for k, (name, setting) in enumerate(runs.items()):
        params, _, dead = _train_watching(X, y, hidden, setting["activation"], setting["lr"], seed, every=500)
        expected = np.array(dead_fractions(params, X))
        positions = np.arange(1, len(hidden) + 1) + (k - (len(runs) - 1) / 2) * width
        value = learner.call("dead_unit_fraction", params, X)
        mine = as_array(learner, "dead_unit_fraction", value, expected.shape)
        heights = expected if mine is None else mine
        axes[1].bar(positions, heights, width=width * 0.9, color=colours[name],
                    alpha=0.8 if mine is not None else 0.35, label=f"{name} ({setting['activation']}, "
                    f"lr {setting['lr']:g})")
        axes[1].scatter(positions, expected, marker="_", s=220, color="black", zorder=5,
                        label="reference measure" if k == 0 else None)
        if mine is None:
            verdicts.append("reference only")
        elif not np.allclose(mine, expected, atol=1e-9):
            bad = ~np.isclose(mine, expected, atol=1e-9)
            axes[1].scatter(positions[bad], mine[bad], **DIFFERS)
            verdicts.append("yours differs from the reference")
        else:
            verdicts.append("yours matches the reference")
    axes[1].set_xticks(np.arange(1, len(hidden) + 1), [f"hidden layer {i}" for i in range(1, len(hidden) + 1)])
    axes[1].set_ylim(0, 1.3)
    axes[1].set_yticks(np.linspace(0, 1, 6))
    titled(axes[1], "Dead units per layer after 500 epochs, 3 hidden layers of 32",
           _worst(*verdicts).replace("yours", "your dead_unit_fraction"))
    axes[1].set_ylabel("dead fraction (bars: " + ("reference" if "reference only" in verdicts
                                                  else "your dead_unit_fraction") + ")")
    axes[0].legend(fontsize=8.5, loc="center right")
    axes[1].legend(fontsize=8.5, loc="upper left", ncols=2)
    for ax in axes:
        ax.grid(alpha=0.3, axis="y")
    finish(fig, exercise, f"Two moons (200 points, seed {seed}), trained with the reference loop; a dead unit outputs "
           "0 on every example and never learns again. (Leaky ReLU units counted here still get a small gradient.)",
           learner)
    return fig


PLOTS: dict[str, Callable[[Learner, Exercise, int], Figure]] = {
    "relu": plot_relu,
    "sigmoid": plot_sigmoid,
    "softmax": plot_softmax,
    "losses": plot_losses,
    "backprop": plot_backprop,
    "training": plot_training,
    "experiment": plot_experiment,
    "dead_relu": plot_dead_relu,
}


def build_figure(exercise: Exercise, folder: Path, seed: int = 0) -> tuple[Figure, list[str], list[str]]:
    """The figure for `exercise` on the learner's files in `folder`, and the
    problems (short, then detailed) that left parts of it to the reference."""
    from actgrade.sandbox.runner import Sandbox

    builder = PLOTS[exercise.topic]
    with Sandbox(folder, timeout=60) as sandbox:
        sandbox.start()  # the child imports NumPy while matplotlib loads here
        learner = Learner(sandbox, exercise)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            figure = builder(learner, exercise, seed)
    return figure, learner.summary(), learner.details


def save_png(figure: Figure, output: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    figure.savefig(output, format="png")


@click.command("plot")
@exercise_argument
@workspace_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The PNG file to write. Default: exerciseN_<topic>.png in the current folder.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the data and of the networks' initial weights (exercises 5-8).")
@friendly_errors
def plot_command(exercise: str, workspace: Path | None, output: Path | None, seed: int) -> None:
    """Plot your EXERCISE functions against the reference (a PNG).

    \b
    1-3  your activation and its derivative against the reference
    4    loss and slope against the logit: cross-entropy vs MSE on a sigmoid
    5    gradient norm per layer from your backpropagation
    6    your training run: loss and gradient norms by layer
    7    the seed question: both setups' losses, gradient norms by layer
    8    dead units while training and per layer

    Needs matplotlib (pip install "actgrade[plots]"). Opens no window.
    """
    from actgrade import workspace as workspaces

    item = catalog.find(exercise)
    if item.topic not in PLOTS:
        raise UsageProblem(f"there is no plot for {item.id} ({item.title}); plots exist for "
                           + ", ".join(e.id for e in catalog.exercises() if e.topic in PLOTS) + ".")
    try:
        import matplotlib
    except ImportError:
        raise UsageProblem(f"plots need matplotlib, which is not installed: {INSTALL_HINT}") from None
    matplotlib.use("Agg", force=True)  # a file, never a window
    folder = workspaces.resolve(workspace)
    workspaces.exercise_file(folder, item)
    output = output if output is not None else Path(f"{item.module}.png")
    if not output.parent.resolve().is_dir():
        raise UsageProblem(f"cannot write {output}: the folder {output.parent} does not exist")
    figure, problems, details = build_figure(item, folder, seed)
    try:
        save_png(figure, output)
    except OSError as error:
        raise UsageProblem(f"cannot write {output}: {error.strerror or error}") from None
    for problem in problems:
        click.echo(f"Note: {problem}; the plot shows the reference alone there.", err=True)
    for detail in details:
        click.echo(f"      {detail}", err=True)
    click.echo(f"Wrote {output}" + (" (reference only where noted above)." if problems else "."))
