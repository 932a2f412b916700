"""Hidden tests for exercise 5: init_params, forward and loss_and_gradients.

Gradients are judged twice: against central finite differences of the
learner's own loss (does the backward pass fit the forward pass?) and against
the reference (is it the loss that was asked for?). The finite differences
are taken along one random unit direction per parameter array, two loss calls
each, so a three-layer network costs twelve calls per setting. Every problem
is drawn so that the reference itself passes with a wide margin: directions
along which the gradient nearly vanishes are redrawn, and for ReLU networks
no pre-activation comes within 1e-4 of the kink or crosses it while a weight
is nudged.

When a gradient is off, it is compared with known wrong variants computed
here (bias gradient averaged, 1/n missing, derivative taken at the
activation, softmax treated elementwise, ...) so the hint names the layer,
the parameter and the likely cause."""

from __future__ import annotations

from .forward import forward_values, loss_values
from .gradients import (
    gradients_leaky_relu,
    gradients_relu,
    gradients_sigmoid,
    gradients_softmax,
    gradients_worked_example,
)
from .initialisation import init_seeded, init_shapes_and_zero_biases, init_weight_scale

__all__ = [
    "init_shapes_and_zero_biases",
    "init_weight_scale",
    "init_seeded",
    "forward_values",
    "loss_values",
    "gradients_worked_example",
    "gradients_relu",
    "gradients_sigmoid",
    "gradients_softmax",
    "gradients_leaky_relu",
]
