"""Hidden tests for exercise 7: the experiment that answers the question of the course.

The learner's `compare_setups` trains the four set-ups of a 2 x 2 table (ReLU or softmax hidden layer,
sigmoid + BCE or linear + MSE output) on fresh XOR data, at exercise 6's budget of 500 epochs and with
ten times the steps; `gradient_norms_by_layer` takes one gradient of an untrained deep network. Their
numbers are judged against the same experiment run by the grader from the learner's own random start:
the grader asks the learner's `init_params` for the network their training starts from, and runs
exercise 6's training loop (or takes one gradient) from there with the reference's code. A correct
implementation then matches to rounding, however its random start was drawn, so the comparison can be
tight: one point of accuracy, a relative 1e-4 for losses and gradient norms. Every known wrong variant
(a gradient averaged over the epochs instead of the first one, the first loss, set-ups swapped, the
epochs ignored, the layers output first, ...) is off by far more on every seed
(`benchmarks/seed_sweeps.py`). When a number is off, the check recomputes the usual wrong variants from
the same training history and names the one that matches.

The answers are judged with the learner's own measurements, and the passing notes tell the story in
them: the one-layer table and the deep networks kept apart (`benchmarks/experiment_sweep.py` measures
the claims over 50 seeds)."""

from __future__ import annotations

from .answers import answer_main_change, answer_same_result, answer_why
from .layers import gradient_norms_by_layer_shape, gradient_vanishes_with_depth
from .setups import compare_setups_more_steps, compare_setups_returns_results, compare_setups_same_budget

__all__ = [
    "compare_setups_returns_results",
    "compare_setups_same_budget",
    "compare_setups_more_steps",
    "gradient_norms_by_layer_shape",
    "gradient_vanishes_with_depth",
    "answer_same_result",
    "answer_main_change",
    "answer_why",
]
