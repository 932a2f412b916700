"""Hidden tests for exercise 3: softmax and softmax_jacobian.

softmax is compared with the reference on 1-D and 2-D inputs along the default
axis and along axis=0 and axis=1, on edge cases (a single row, one class, ties,
float32) and on scores up to |z| = 1e4 (no warning, no inf or nan); its slices
must sum to 1 and ignore a constant added to them. The Jacobian is compared
with the reference for one row (k, k) and for batches (n, k, k), and with the
slopes measured on the learner's own softmax. A wrong result is matched
against the usual mistakes (the wrong axis, a missing shift, a shift by the
largest score of the whole array, a Jacobian without its diagonal term or with
only its diagonal, np.outer on a batch) so the hint names the one it finds."""

from __future__ import annotations

from .jacobian import jacobian_batch, jacobian_matches_slope, jacobian_values
from .speed import vectorised_speed
from .values import softmax_axis, softmax_edge_cases, softmax_properties, softmax_stable, softmax_values

__all__ = [
    "softmax_values",
    "softmax_axis",
    "softmax_edge_cases",
    "softmax_properties",
    "softmax_stable",
    "jacobian_values",
    "jacobian_batch",
    "jacobian_matches_slope",
    "vectorised_speed",
]
