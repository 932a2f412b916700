"""Exercise 7's shared constants: the setups, entries, tolerances and the deep network's size."""

from __future__ import annotations

import weakref
from typing import Any

from actgrade.checks.core import Submission

SETUPS = ("relu_sigmoid", "softmax_linear")
ENTRIES = ("accuracy", "final_loss", "first_layer_grad_norm")
LABEL = {"relu_sigmoid": "ReLU + sigmoid", "softmax_linear": "softmax + linear"}
TRAINING = {  # setup -> (activation, output, loss), as compare_setups' docstring says
    "relu_sigmoid": ("relu", "sigmoid", "bce"),
    "softmax_linear": ("softmax", "linear", "mse"),
}
WHY_CHOICES = ("saturation", "dead_relu", "overfitting", "no_difference")

# The learner's numbers against the grader's run of the same experiment from the learner's own
# random start. Measured: starts perturbed by a relative 1e-12 end 500 epochs later within 3e-12
# of each other (XOR and two moons, both setups, 20 seeds), so rounding never comes near these
# limits, while every wrong variant in tests/mistakes/ is off by 1% or more.
SAME_START_RTOL = 1e-4
ACCURACY_SLACK_POINTS = 1  # one training point may flip on a knife edge of rounding
EPOCHS, LR, HIDDEN = 500, 1.0, 32  # exercise 6's defaults, which compare_setups trains with

# The deep network of gradient_vanishes_with_depth: 8 hidden layers of 32 units, on XOR. Its
# first-layer / last-layer gradient ratio is about 0.1-1 with ReLU, 1e-7-1e-4 with sigmoid and
# 1e-12-1e-10 with softmax.
DEPTH, WIDTH = 8, 32
ACTIVATIONS = ("relu", "sigmoid", "softmax")

# What the learner's passing checks measured, for the answer to the seed question.
_MEASURED: weakref.WeakKeyDictionary[Submission, dict[str, Any]] = weakref.WeakKeyDictionary()
