"""Your training run on two moons: the loss and the gradient norms by layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actgrade.drawing import (
    LAYER_COLOURS,
    accuracy,
    compare_curves,
    finish,
    learner_history,
    new_figure,
    reference,
    reference_style,
    titled,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.drawing import Learner


def plot(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    from actgrade.datasets import two_moons

    ref6 = reference(6)
    X, y = two_moons(n=200, seed=seed)
    expected = ref6.train(X, y, seed=seed)
    fig, axes = new_figure(2)
    epochs = np.arange(1, len(expected["losses"]) + 1)
    ref_norms = np.array(expected["grad_norms"])
    ref_acc = accuracy(expected["params"], X, y, "relu", "sigmoid")
    mine = learner_history(learner, exercise.module, X, y, seed=seed)
    axes[0].plot(epochs, expected["losses"], label=f"reference ({ref_acc:.0%} right)",
                 **reference_style("tab:blue", mine is None))
    verdict = "reference only"
    if mine is not None:
        losses, norms, params = mine
        acc = accuracy(params, X, y, "relu", "sigmoid")
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
