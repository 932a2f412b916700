"""Your relu and relu_derivative against the reference, over x in [-3, 3]."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actgrade.drawing import elementwise_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.drawing import Learner


def plot(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    return elementwise_figure(learner, exercise, 1, ("relu", "relu_derivative"), ("relu(x)", "relu'(x)"), (-3.0, 3.0))
