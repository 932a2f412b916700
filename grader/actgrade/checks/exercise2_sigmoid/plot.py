"""Your sigmoid and its derivative against the reference; where the sigmoid saturates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actgrade.drawing import elementwise_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.drawing import Learner


def plot(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    return elementwise_figure(learner, exercise, 2, ("sigmoid", "sigmoid_derivative"),
                        ("sigmoid(x)", "sigmoid'(x)"), (-12.0, 12.0))
