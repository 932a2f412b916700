"""The gradient norm of every layer of a deep network, from your backpropagation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actgrade.drawing import (
    DIFFERS,
    REFERENCE,
    SETUP_COLOURS,
    finish,
    new_figure,
    reference,
    reference_style,
    titled,
    worst,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.drawing import Learner


DEPTH, WIDTH = 8, 32


def plot(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    from actgrade.datasets import two_moons

    ref = reference(5)
    X, y = two_moons(n=200, seed=seed)
    layers = np.arange(1, DEPTH + 2)
    fig, axes = new_figure(2)
    verdicts = []
    for k, activation in enumerate(("relu", "sigmoid", "softmax")):
        colour = SETUP_COLOURS[activation]
        params = ref.init_params([2] + [WIDTH] * DEPTH + [1], activation=activation, seed=seed)
        _, grads = ref.loss_and_gradients(params, X, y, activation=activation, output="sigmoid", loss="bce")
        expected = np.array([np.linalg.norm(dW) for dW, _ in grads])
        mine = _learner_gradients(learner, params, X, y, activation)
        if mine is None:
            axes[0].plot(layers, expected, marker="o", label=f"reference, {activation}",
                         **reference_style(colour, True))
            verdicts.append("reference only")
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
            verdicts.append(f"yours differs on {bad.sum()} of {bad.size} layers")
        else:
            verdicts.append("yours matches the reference")
    axes[0].set_yscale("log")
    titled(axes[0], f"Gradient norm ||dW|| per layer, {DEPTH} hidden layers of {WIDTH}", worst(*verdicts))
    axes[0].set_xlabel("layer (1 = input layer, right = output layer)")
    axes[0].set_ylabel("||dW|| (log scale)")
    axes[1].axhline(1e-6, color="tab:red", linestyle="--", linewidth=1, label="tolerance 1e-6")
    axes[1].set_yscale("log")
    axes[1].set_ylim(1e-18, 1e2)
    titled(axes[1], "How far your dW is from the reference", "reference only" if "reference only" in verdicts
           else worst(*verdicts))
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
