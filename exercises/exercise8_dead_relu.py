"""Exercise 8: Dead ReLUs and how to revive them

A ReLU unit in a hidden layer computes a weighted sum of its inputs plus a
bias, z = x @ w + b (its "pre-activation"), and outputs relu(z). During
training the gradient that flows back through the unit is multiplied by
relu'(z): 1 where z > 0, 0 where z <= 0 (exercise 1).

Now picture a unit whose z is <= 0 for every example in the training data.
It outputs 0 on every example, its derivative is 0 on every example, and so
the gradient of its weights and bias is exactly 0: gradient descent can never
change them again. The unit is still in the network, but it does nothing and
never comes back. It is "dead".

How does a unit die? Most often by a step that is too big. With a large
learning rate, one update can push a unit's weights and bias so far that z is
negative for every example, and from then on nothing can pull it back. With
a learning rate many times larger than 1, a large share of the ReLUs in a
32-unit network can die within 500 epochs; how many depends on the data and
the seed, so a setting that kills them reliably takes some searching.

Two fixes:

- A sane learning rate: steps small enough that no single update throws a
  unit off the data. This is the dependable fix.
- Leaky ReLU: instead of 0 on the negative side, a small slope alpha
  (0.01 by default):

      leaky_relu(x) = x where x > 0, alpha * x where x <= 0

  Its derivative is alpha, not 0, where x <= 0, so a unit whose z went
  negative everywhere still receives a small gradient and can climb back.
  It helps, but it does not undo the damage a huge learning rate does.

Back to the question these exercises answer ("ReLU in the hidden layer and
sigmoid at the output, or softmax in the hidden layer and no activation at
the output: do I get the same result?"): sigmoid and softmax hidden layers
shrink every gradient that flows back through them, because their slopes
are small (exercise 7). ReLU passes the gradient of an active unit through
unchanged, which is why the tutorials use it, but it has its own way to
fail: it can switch a unit off for good. Now you can measure both.

What to build:

1. `leaky_relu(x, alpha=0.01)` and `leaky_relu_derivative(x, alpha=0.01)`.
2. `dead_unit_fraction(params, X)`: for each hidden layer, the fraction of
   its units that are dead on the data X.
3. `kill_and_revive(X, y, seed=0)`: two training settings, one that kills at
   least 40% of the ReLUs and one that trains well with almost none dead.

What the grader checks:

- The two leaky ReLU functions take a NumPy array of any shape, including a
  0-d array such as np.array(2.5), and return a float array of the same
  shape, without changing the array they receive and without Python loops
  (on a million numbers at most 20 times slower than the reference).
- At exactly x = 0 the leaky ReLU's derivative is alpha (like relu'(0) = 0,
  the negative side's slope is used at the corner).
- `dead_unit_fraction` returns one float per hidden layer, each between 0 and
  1, and does not change `params` or `X`.
- `kill_and_revive`: the grader trains both settings with the reference
  training loop of exercise 6 on the same data and seed and checks the dead
  fractions and the accuracy (see the function's docstring).
"""

import numpy as np


def leaky_relu(x, alpha=0.01):
    """Return the leaky ReLU of every element of x.

    Formula: leaky_relu(x) = x where x > 0, and alpha * x where x <= 0.

    Shapes: x is an array of any shape (also 0-d); alpha is a small positive
    number. The result has the same shape as x and a floating-point dtype.

    Convention: do not modify x. Return a new array.

    Worked example: with alpha = 0.01, -2.0 becomes -0.02, 0.0 stays 0.0 and
    3.5 stays 3.5.

    >>> leaky_relu(np.array([-2.0, 0.0, 3.5]))
    array([-0.02,  0.  ,  3.5 ])

    NumPy tip: np.where(condition, a, b) takes a where the condition is True
    and b elsewhere, element by element.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write leaky_relu here")


def leaky_relu_derivative(x, alpha=0.01):
    """Return the derivative (slope) of leaky_relu at every element of x.

    Formula: leaky_relu'(x) = 1.0 where x > 0, and alpha where x <= 0.

    Shapes: x is an array of any shape (also 0-d). The result has the same
    shape and a floating-point dtype.

    Convention: at exactly x = 0 the derivative is alpha. The argument x is
    the pre-activation (the input of the leaky ReLU), not its output. Do not
    modify x.

    Worked example: with alpha = 0.01, the slopes at -2.0, 0.0 and 3.5 are
    0.01, 0.01 and 1.0. Compare relu': 0.0, 0.0 and 1.0. That 0.01 instead
    of 0.0 is what keeps a unit alive.

    >>> leaky_relu_derivative(np.array([-2.0, 0.0, 3.5]))
    array([0.01, 0.01, 1.  ])

    NumPy tip: the same tool as for leaky_relu: choose, element by element,
    between two values.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write leaky_relu_derivative here")


def dead_unit_fraction(params, X):
    """For each hidden layer, the fraction of its units that are dead on X.

    A unit is dead when its pre-activation z is <= 0 on every row of X: a ReLU
    there outputs 0 on every example and receives no gradient.

    The network is a list of layers [(W1, b1), (W2, b2), ...] as in
    exercise 5. The hidden layers are all the layers except the last one (the
    last one is the output layer and is not counted). Go through the hidden
    layers in order:

        Z = A @ W + b      # pre-activations of this layer, shape (n, units)
        a unit (a column of Z) is dead if every entry of its column is <= 0
        A = relu(Z)        # the next layer's input (A starts as X)

    Use ReLU between the hidden layers whatever activation the network was
    trained with: the question is which units a ReLU would switch off.

    Shapes: X is (n, n_features); W of layer l is (n_in, n_out) and b is
    (n_out,). Returns a list with one float in [0, 1] per hidden layer
    (len(params) - 1 floats). Do not modify params or X.

    Worked example: one hidden layer of 3 units, no bias, and two rows of X:

        X = [[1.0, 2.0],        W1 = [[ 1.0, -1.0, 0.0],
             [2.0, 1.0]]              [-1.0, -1.0, 0.0]]

        Z = X @ W1 = [[-1.0, -3.0, 0.0],
                      [ 1.0, -3.0, 0.0]]

    Unit 0 is positive on the second row: alive. Unit 1 is negative on both
    rows: dead. Unit 2 is 0 on both rows, and 0 counts as dead (relu'(0) is
    0). So 2 of 3 units are dead.

    >>> W1, b1 = np.array([[1.0, -1.0, 0.0], [-1.0, -1.0, 0.0]]), np.zeros(3)
    >>> W2, b2 = np.ones((3, 1)), np.zeros(1)
    >>> X = np.array([[1.0, 2.0], [2.0, 1.0]])
    >>> [round(f, 4) for f in dead_unit_fraction([(W1, b1), (W2, b2)], X)]
    [0.6667]

    NumPy tip: NumPy can ask "is every entry of this column <= 0?" for all the
    columns at once (np.all, with the axis that runs down the rows), and the
    mean of an array of True/False is the fraction of True.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write dead_unit_fraction here")


def kill_and_revive(X, y, seed=0):
    """Two training settings for the same data: one kills ReLUs, one does not.

    Return a dict of this form, filling in the activation and the learning
    rates:

        {"kill":   {"activation": "relu", "lr": lr1},
         "revive": {"activation": a,      "lr": lr2}}

    where a is "relu" or "leaky_relu" and lr1, lr2 are positive numbers.

    The grader trains both settings with the reference `train` of exercise 6
    on this X, y and seed, with everything else at its default (one hidden
    layer of 32 units, sigmoid output, binary cross-entropy, 500 epochs), then:

    - "kill" must end with at least 40% of its hidden units dead
      (dead_unit_fraction of the trained network, on X);
    - "revive" must reach at least 95% training accuracy with at most 10% of
      its hidden units dead. A leaky ReLU unit is never dead: it keeps a
      small gradient.

    It must work for the grader's two-moons and XOR data (200 points) with
    any seed: the grader tries each setting on three fresh seeds of each data
    set, so pick settings that work reliably, not just on one lucky run.

    Shapes: X (n, 2), y (n,) labels in {0, 1}. You may look at them, but you
    do not need to: fixed settings that work reliably are a fine answer.

    Worked example: exercise 6's defaults are ReLU with learning rate 1.0.
    On 200 two-moons points with seed 0 that leaves 1 of the 32 units dead
    (dead_unit_fraction gives [0.03125]) at 100% accuracy. Which way do you
    move the learning rate to kill units, and how far?

    Tip: experiment before you commit to numbers:
    `from exercise6_training import train, predict`, train with a few
    learning rates on a few seeds of both data sets, and look at
    `dead_unit_fraction(history["params"], X)` and the accuracy each time.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write kill_and_revive here")
