"""Exercise 1: ReLU and its derivative

ReLU (short for "rectified linear unit") is the activation that most tutorials
put in the hidden layers of a network. It keeps positive numbers as they are
and turns negative numbers into 0:

    relu(x) = max(0, x)

Its derivative (the slope of that graph) is just as simple: 1 where x > 0 and
0 where x < 0. At exactly x = 0 the graph has a corner, so there is no single
slope; we use 0 there, as PyTorch and JAX do.

Why this matters for the question these exercises answer ("ReLU in the hidden
layer and sigmoid at the output, or softmax in the hidden layer and no
activation at the output: do I get the same result?"): during training, the
gradient that flows back through a ReLU unit is multiplied by this derivative.
For a positive input the factor is exactly 1, so the gradient passes through
without shrinking, however many layers there are. For a negative input the
factor is 0, so the unit learns nothing from that example. A unit whose input
is negative on every example never learns again: it is "dead" (exercise 8).

What the grader checks:

- Both functions take a NumPy array of any shape, including a 0-d array such
  as np.array(2.5), and return a float array of the same shape.
- Neither function changes the array it receives: build a new one.
- No Python loops over the elements: use NumPy operations on the whole array.
  On a million numbers your code may be at most 20 times slower than the
  reference solution.
- relu_derivative returns the floats 0.0 and 1.0, never False and True.
"""

import numpy as np


def relu(x):
    """Return max(0, x) for every element of x.

    Formula: relu(x) = x where x > 0, and 0 everywhere else.

    Shapes: x is an array of any shape (also 0-d). The result has the same
    shape and a floating-point dtype.

    Convention: do not modify x. Return a new array.

    Worked example: for x = [-2.0, 0.0, 3.5] the negative number becomes 0
    and the others stay as they are, so the result is [0.0, 0.0, 3.5].

    >>> relu(np.array([-2.0, 0.0, 3.5]))
    array([0. , 0. , 3.5])

    NumPy tip: NumPy has an element-by-element version of max (np.maximum):
    it compares every element with a number and keeps the larger one. Python's
    built-in max() does not work element by element: it raises an error on an
    array of several numbers, and on a 0-d array it hands back one of its two
    arguments as it is (max(0, np.array(-2.5)) is the integer 0, not a float).
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write relu here")


def relu_derivative(x):
    """Return the derivative (slope) of relu at every element of x.

    Formula: relu'(x) = 1.0 where x > 0, and 0.0 everywhere else.

    Shapes: x is an array of any shape (also 0-d). The result has the same
    shape and a floating-point dtype: 0.0 and 1.0, not False and True.

    Convention: at exactly x = 0 the derivative is 0.0 (as in PyTorch and
    JAX). The argument x is the input of the ReLU (the "pre-activation"),
    not its output. Do not modify x.

    Worked example: for x = [-2.0, 0.0, 3.5] the result is [0.0, 0.0, 1.0]:
    -2.0 is negative, 0.0 is not positive, and 3.5 is positive.

    >>> relu_derivative(np.array([-2.0, 0.0, 3.5]))
    array([0., 0., 1.])

    NumPy tip: a comparison such as x > 0 gives an array of True/False, one
    per element, with the same shape as x. The grader wants floats, so turn
    True/False into 1.0/0.0: NumPy can change the dtype of a whole array in
    one step.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write relu_derivative here")
