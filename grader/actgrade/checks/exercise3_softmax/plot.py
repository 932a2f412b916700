"""Your softmax and softmax_jacobian against the reference, for the 2-vector [x, 0]."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actgrade.drawing import as_array, compare_curves, finish, kinked_grid, new_figure, reference, titled

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.drawing import Learner


def plot(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    ref = reference(3)
    x = kinked_grid(-8.0, 8.0, 401)
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
