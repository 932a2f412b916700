"""Exercise 2: Sigmoid and its derivative

The sigmoid squashes any number into the range from 0 to 1:

    sigmoid(x) = 1 / (1 + exp(-x))

Large negative x gives almost 0, x = 0 gives exactly 0.5, and large positive
x gives almost 1. That is why tutorials put a sigmoid at the output of a
network that answers a yes/no question: the output can be read as the
probability of "yes".

Computing it safely. For x = -1e4 the formula asks for exp(1e4), a number far
too large for a float: NumPy returns inf and prints "RuntimeWarning: overflow
encountered in exp". Here 1 / (1 + inf) happens to give the right answer, 0,
but in many other formulas an inf turns into nan (not a number) and ruins the
whole computation. The fix is to only ever compute exp of a number that is
zero or negative, which is always between 0 and 1:

    for x >= 0:  sigmoid(x) = 1 / (1 + exp(-x))        (here -x <= 0)
    for x < 0:   sigmoid(x) = exp(x) / (1 + exp(x))    (here  x < 0)

The second line is the first one with top and bottom multiplied by exp(x).

The derivative, and why it matters. The slope of the sigmoid is

    sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x))

It is largest at x = 0, where it is 0.5 * 0.5 = 0.25, and it is tiny far from
0: below 5e-5 once |x| >= 10. There the curve is almost flat. We say the
sigmoid is "saturated": changing x barely changes the output, so almost no
gradient flows back through it during training. Even at its best, a
sigmoid multiplies the gradient that flows back through it by at most 0.25.
Stack a few sigmoid layers and the gradient that reaches the first layer
shrinks towards 0 (the "vanishing gradient"). Keep this in mind for the big
question of these exercises (ReLU hidden + sigmoid output, or softmax hidden
+ linear output: same result?): exercise 7 measures exactly this effect.

What the grader checks:

- Both functions take a NumPy array of any shape, including 0-d, and return
  a float array of the same shape (float32 in may give float32 out).
- Neither function changes the array it receives.
- No Python loops over the elements (at most 20 times slower than the
  reference on a million numbers).
- No overflow warning and no inf or nan for any |x| <= 1e4; sigmoid(-1e4)
  must be exactly 0.0 and sigmoid(1e4) exactly 1.0.
"""

import numpy as np


def sigmoid(x):
    """Return 1 / (1 + exp(-x)) for every element of x, without overflow.

    Formula: sigmoid(x) = 1 / (1 + exp(-x)). Compute it as
    1 / (1 + exp(-x)) where x >= 0 and as exp(x) / (1 + exp(x)) where x < 0,
    so that exp never receives a large positive number.

    Shapes: x is an array of any shape (also 0-d). The result has the same
    shape and a floating-point dtype; every value is between 0 and 1.

    Convention: no overflow warning for |x| <= 1e4, sigmoid(-1e4) == 0.0 and
    sigmoid(1e4) == 1.0 exactly. Do not modify x.

    Worked example: x = [-log(3), 0, log(3)], that is about [-1.0986, 0, 1.0986].
    exp(-log(3)) = 1/3, so sigmoid(log(3)) = 1 / (1 + 1/3) = 0.75;
    sigmoid(0) = 1 / (1 + 1) = 0.5; and sigmoid(-log(3)) = 1 - 0.75 = 0.25.

    >>> sigmoid(np.array([-np.log(3.0), 0.0, np.log(3.0)]))
    array([0.25, 0.5 , 0.75])

    NumPy tip: exp(-|x|) is always between 0 and 1, and both forms above can
    be written with it alone (for x >= 0 it is exp(-x); for x < 0 it is
    exp(x)). np.where(condition, a, b) takes a where the condition holds and
    b elsewhere, element by element. It computes a and b for every element
    before it picks, so both must be safe on the whole array, not only where
    they are picked.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write sigmoid here")


def sigmoid_derivative(x):
    """Return the derivative of the sigmoid at every element of x.

    Formula: sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x)).

    Shapes: x is an array of any shape (also 0-d). The result has the same
    shape and a floating-point dtype; every value is between 0 and 0.25.

    Convention: the argument x is the input of the sigmoid (the
    "pre-activation"), not its output sigmoid(x). Do not modify x. No
    overflow warning for |x| <= 1e4.

    Worked example: for x = [-log(3), 0, log(3)] the sigmoid is
    [0.25, 0.5, 0.75], so the derivative is
    [0.25 * 0.75, 0.5 * 0.5, 0.75 * 0.25] = [0.1875, 0.25, 0.1875].
    The largest value, 0.25, is at x = 0. At x = 10 the derivative is
    only about 4.5e-5: the sigmoid is saturated.

    >>> sigmoid_derivative(np.array([-np.log(3.0), 0.0, np.log(3.0)]))
    array([0.1875, 0.25  , 0.1875])

    NumPy tip: reuse your sigmoid; arithmetic on arrays works element by
    element, so the formula above is one line of NumPy.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write sigmoid_derivative here")
