"""Hidden tests for exercise 8: leaky ReLU, dead units, and how to kill and revive them.

`leaky_relu` and its derivative are checked like every elementwise function
(values against the reference, 0-d and float32 inputs, alpha honoured, slope
at exactly 0, finite differences, speed). `dead_unit_fraction` runs on a
hand-built network whose units are alive, dead, dead only because of an exact
0, or alive on a single example, so each usual slip (any row instead of every
row, `<` instead of `<=`, feeding Z instead of relu(Z) forward) gives a
different answer and is named. `kill_and_revive` is graded by re-measuring:
the grader trains both returned settings with the reference training loop of
exercise 6 on the same data and seed and looks at the dead units and the
accuracy."""

from __future__ import annotations

from .dead_units import dead_unit_fraction_hand_built, dead_unit_fraction_random
from .leaky import (
    leaky_relu_derivative_matches_slope,
    leaky_relu_derivative_values,
    leaky_relu_edge_cases,
    leaky_relu_values,
    vectorised_speed,
)
from .settings import kill_and_revive_settings, kill_setting_kills, revive_setting_trains

__all__ = [
    "leaky_relu_values",
    "leaky_relu_edge_cases",
    "leaky_relu_derivative_values",
    "leaky_relu_derivative_matches_slope",
    "vectorised_speed",
    "dead_unit_fraction_hand_built",
    "dead_unit_fraction_random",
    "kill_and_revive_settings",
    "kill_setting_kills",
    "revive_setting_trains",
]
