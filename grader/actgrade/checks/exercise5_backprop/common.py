"""Exercise 5's shared constants: the activations and output/loss pairs checked, step sizes, sizes."""

from __future__ import annotations

ACTIVATIONS = ("relu", "sigmoid", "softmax", "leaky_relu")
PAIRS = (("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse"))
KINKED = ("relu", "leaky_relu")
SLOPE = 0.01  # leaky ReLU
H = 1e-5  # finite-difference step
KINK_MARGIN = 1e-4
N_ROWS, WIDTHS, N_CLASSES = 7, (4, 6, 5), 3  # n, d, hidden widths, k: all different
INIT_SIZES = (300, 200, 100)
STD_TOLERANCE = 0.05  # relative; the sampling error of the std is about 0.5% here
