"""Hidden tests for exercise 7: the experiment that answers the seed question.

The learner's `compare_setups` and `gradient_norms_by_layer` run on fresh XOR
and two-moons data. Their numbers are judged against the same experiment run
by the grader from the learner's own random start: the grader asks the
learner's `init_params` for the network their training starts from, and runs
exercise 6's training loop (or takes one gradient) from there with the
reference's code. A correct implementation then matches to rounding, however
its random start was drawn, so the comparison can be tight: one point of
accuracy, a relative 1e-4 for losses and gradient norms. Every known wrong
variant (the last epoch's gradient instead of the mean, norm(dW) + norm(db),
the first loss, the layers output first, ...) is off by far more on every
seed (`benchmarks/seed_sweeps.py`). When a number is off, the check
recomputes the usual wrong variants from the same training history and names
the one that matches.

The passing feedback answers the seed question in the learner's own numbers."""

from __future__ import annotations

from .answers import answer_same_result, answer_why
from .layers import gradient_norms_by_layer_shape, gradient_vanishes_with_depth
from .setups import compare_setups_on_two_moons, compare_setups_on_xor, compare_setups_returns_results

__all__ = [
    "compare_setups_returns_results",
    "compare_setups_on_xor",
    "compare_setups_on_two_moons",
    "gradient_norms_by_layer_shape",
    "gradient_vanishes_with_depth",
    "answer_same_result",
    "answer_why",
]
