"""Exercise 7's shared constants: the 2 x 2 table of set-ups, the entries, budgets, tolerances and the
deep network's size."""

from __future__ import annotations

import weakref
from typing import Any

from actgrade.checks.core import Submission

# The 2 x 2 table: set-up -> (hidden activation, output, loss), as compare_setups' docstring says.
TRAINING = {
    "relu_sigmoid": ("relu", "sigmoid", "bce"),
    "relu_linear": ("relu", "linear", "mse"),
    "softmax_sigmoid": ("softmax", "sigmoid", "bce"),
    "softmax_linear": ("softmax", "linear", "mse"),
}
SETUPS = tuple(TRAINING)
ENTRIES = ("accuracy", "final_loss", "first_layer_grad_at_start")
LABEL = {"relu_sigmoid": "ReLU + sigmoid", "relu_linear": "ReLU + linear",
         "softmax_sigmoid": "softmax + sigmoid", "softmax_linear": "softmax + linear"}
CHANGE_CHOICES = ("hidden_activation", "output_and_loss", "both_equally", "neither")
WHY_CHOICES = ("small_slopes", "saturation", "dead_relu", "overfitting", "no_difference")

BUDGET = 500  # exercise 6's default number of epochs: "the same budget"
MORE_STEPS = 5000  # ten times the steps
LR, HIDDEN = 1.0, 32  # exercise 6's defaults, which compare_setups trains with
POINTS = 200
# Two changes whose costs in accuracy differ by less than this cost "about the same"; a change that
# costs less than this costs "not much". On 50 seeds (benchmarks/experiment_sweep.py) the hidden
# activation costs 40.5-63 points and the output and loss 8.5-19, far from either limit.
SAME_COST = 0.05
# A softmax unit is saturated on an example when its slope S (1 - S) is below this (the threshold
# exercise 6's diagnostics use).
SATURATED_SLOPE = 0.01

# The learner's numbers against the grader's run of the same experiment from the learner's own
# random start. Measured: starts perturbed by a relative 1e-13 end 5000 epochs later with final losses
# within a relative 1.2e-12 of each other and the same accuracies (XOR, the four set-ups, 20 seeds),
# so rounding never comes near these limits, while every wrong variant in tests/mistakes/ is off by
# 1% or more.
SAME_START_RTOL = 1e-4
ACCURACY_SLACK_POINTS = 1  # one training point may flip on a knife edge of rounding

# The deep network of gradient_vanishes_with_depth: 8 hidden layers of 32 units, on XOR. Its
# first-layer / last-layer gradient ratio is 0.16-1 with ReLU, 3e-8-7.5e-5 with sigmoid and
# 1e-12-1.6e-10 with softmax (50 seeds, benchmarks/experiment_sweep.py).
DEPTH, WIDTH = 8, 32
ACTIVATIONS = ("relu", "sigmoid", "softmax")

# What the learner's checks measured (and whether they passed), for later checks of the same run.
_MEASURED: weakref.WeakKeyDictionary[Submission, dict[str, Any]] = weakref.WeakKeyDictionary()
