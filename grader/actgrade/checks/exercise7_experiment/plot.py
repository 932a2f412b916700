"""The 2 x 2 experiment trained with your train, and gradient norms by layer of a deep network."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actgrade.checks.exercise7_experiment.common import DEPTH, LABEL, TRAINING, WIDTH
from actgrade.drawing import (
    DIFFERS,
    REFERENCE,
    SETUP_COLOURS,
    accuracy,
    as_array,
    finish,
    learner_history,
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


def plot(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    from actgrade.datasets import xor

    ref6, ref7 = reference(6), reference(7)
    X, y = xor(n=200, seed=seed)
    one_hot = np.eye(2)[y]
    fig, axes = new_figure(2)
    shown_mine = False
    for name, (activation, output, loss) in TRAINING.items():
        colour = SETUP_COLOURS[activation]
        style = "-" if output == "sigmoid" else "--"
        targets = y if output == "sigmoid" else one_hot
        setup = dict(activation=activation, output=output, loss=loss, seed=seed)
        expected = ref6.train(X, targets, **setup)
        epochs = np.arange(1, len(expected["losses"]) + 1)
        ref_acc = accuracy(expected["params"], X, y, activation, output)
        mine = learner_history(learner, "exercise6_training", X, targets, **setup)
        axes[0].plot(epochs, expected["losses"], linestyle=style,
                     label=f"reference {LABEL[name]}: {ref_acc:.0%} right", **reference_style(colour, mine is None))
        if mine is not None:
            shown_mine = True
            acc = accuracy(mine[2], X, y, activation, output)
            axes[0].plot(epochs, mine[0], color=colour, linestyle=style, linewidth=1.6,
                         label=f"yours {LABEL[name]}: {acc:.0%} right")
    axes[0].set_yscale("log")
    titled(axes[0], "Training loss, the 2 x 2 set-ups (your train of exercise 6)",
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
    titled(axes[1], f"A separate experiment: {DEPTH} hidden layers of {WIDTH}, untrained", worst(*verdicts))
    axes[1].set_xlabel("layer (1 = input layer, right = output layer)")
    axes[1].set_ylabel("||dW|| of one gradient (log scale)")
    for ax in axes:
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower right" if ax is axes[1] else "upper right")
    finish(fig, exercise, f"The question of these exercises on 200 XOR points (seed {seed}): ReLU or softmax in the "
           "hidden layer (blue, green), sigmoid + BCE or linear + MSE at the output (solid, dashed), same data, "
           "same budget of 500 epochs. Right: one gradient of a deep network, layer by layer.", learner)
    return fig
