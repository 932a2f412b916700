"""actgrade: auto-graded NumPy exercises on activation functions and their gradients.

Learners implement ReLU, sigmoid, softmax, their derivatives, losses,
backpropagation and a training loop; `actgrade check exerciseN` runs hidden
tests in a sandbox and explains what went wrong in plain words.
"""

__version__ = "0.1.0"
