"""Loss and slope against the logit: cross-entropy against MSE on a sigmoid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actgrade.drawing import as_array, compare_curves, finish, new_figure, reference, shade_where, titled, worst

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.drawing import Learner


def plot(learner: Learner, exercise: Exercise, seed: int) -> Figure:
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
    titled(axes[0], "Loss of one example with label y = 1", worst(v1, v2))
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
    titled(axes[1], "Slope of that loss (what gradient descent follows)", worst(v3, v4))
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
