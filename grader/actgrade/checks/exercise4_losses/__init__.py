"""Hidden tests for exercise 4: sigmoid + BCE, softmax + cross-entropy, linear + MSE.

Every loss is compared with the reference on random batches and on edge cases
(a single row, one class, float32, logits of +-1e4), every gradient with the
reference and with central finite differences of the learner's own loss. When
a value is wrong, the check looks for the usual suspects (a sum instead of a
mean, a flipped sign, the wrong axis, the log of a rounded probability) and
names the one it finds."""

from __future__ import annotations

from .bce import bce_grad_matches_own_loss, bce_grad_values, bce_stable, bce_values
from .cross_entropy import ce_grad_matches_own_loss, ce_grad_values, ce_stable, ce_values
from .mse import mse_grad_matches_own_loss, mse_grad_values, mse_values

__all__ = [
    "bce_values",
    "bce_stable",
    "bce_grad_values",
    "bce_grad_matches_own_loss",
    "ce_values",
    "ce_stable",
    "ce_grad_values",
    "ce_grad_matches_own_loss",
    "mse_values",
    "mse_grad_values",
    "mse_grad_matches_own_loss",
]
