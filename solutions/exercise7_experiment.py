"""Exercise 7: The experiment — ReLU + sigmoid against softmax + linear

The question
------------
A beginner asks: "Almost every tutorial uses ReLU in the hidden layer and a
sigmoid at the output. If I use softmax in the hidden layer and no activation
at the output, do I get the same result as ReLU + sigmoid?"

You now own every piece needed to answer by measurement instead of by opinion:
the network and its gradients from exercise 5 (`init_params`,
`loss_and_gradients`) and the training loop from exercise 6 (`train`,
`predict`). This exercise imports them from your own files, so the experiment
runs on the code you wrote. Try it on the toy data sets that come with the
grader: `from actgrade.datasets import two_moons, xor`, then
`X, y = xor(n=200, seed=0)`.

What to build
-------------
1. `compare_setups(X, y, seed=0)`: train the two networks on the same data,
   with the same seed and the same budget (exercise 6's defaults: one hidden
   layer of 32 units, learning rate 1.0, 500 epochs), and report for each one
   its training accuracy, its final loss and the average size of its
   first-layer gradient.
2. `gradient_norms_by_layer(X, y, activation, depth, width=32, seed=0)`: build
   a fresh, untrained network with `depth` hidden layers, compute one gradient
   on the whole data set, and report how big the gradient is at every layer.
   Try depth 8 with "relu", "sigmoid" and "softmax" and divide the first
   number by the last one.
3. `ANSWER_SAME_RESULT` and `ANSWER_WHY`: your conclusion, from what you
   measured.

Words used here
---------------
- gradient: how much the loss changes when a weight is nudged. Gradient
  descent moves every weight against its gradient, so a layer whose gradient
  is tiny barely moves: it barely learns.
- norm of a matrix (Frobenius norm): the size of the whole matrix as one
  number, the square root of the sum of its squared entries.
  `np.linalg.norm(dW)` computes it.
- accuracy: the fraction of training points whose predicted class is the
  true class (0.97 means 97%).
- one-hot target: the class written as a row with a 1 in the class's column
  and 0 elsewhere: class 0 is [1, 0], class 1 is [0, 1].

Two facts from earlier exercises to keep in mind while you look at the
numbers: the sigmoid's derivative is never larger than 0.25 (exercise 2), and
no entry of the softmax's Jacobian is larger than 0.25 either (exercise 3).

Conventions the grader checks
-----------------------------
- Return plain Python floats (or NumPy floats) and lists, as described in
  each docstring; do not modify `X` or `y`.
- The same data and seed give the same numbers every time.
- Your numbers are compared with what the reference solution measures on the
  same data and seed, with tolerances wide enough for any correct
  implementation of exercises 5 and 6.
"""

import numpy as np

from exercise5_backprop import init_params, loss_and_gradients
from exercise6_training import predict, train

# The values ANSWER_WHY may take.
WHY_CHOICES = ("saturation", "dead_relu", "overfitting", "no_difference")


def compare_setups(X, y, seed=0):
    """Train ReLU + sigmoid and softmax + linear on the same data; compare them.

    The two setups, both trained with your `train` from exercise 6 with its
    default budget (hidden_sizes=(32,), lr=1.0, epochs=500) and the given
    `seed`:

    (a) "relu_sigmoid": ReLU hidden layer, sigmoid output, binary
        cross-entropy. Targets: `y` itself.
        `train(X, y, activation="relu", output="sigmoid", loss="bce", seed=seed)`
    (b) "softmax_linear": softmax hidden layer, no activation at the output
        (a width-2 linear output), mean squared error. Targets: `y` one-hot
        encoded, an array of shape (n, 2).
        `train(X, Y, activation="softmax", output="linear", loss="mse", seed=seed)`

    For each setup report:

    - "accuracy": the fraction of rows of X where `predict` (same activation
      and output as in training) returns the true label y. `predict` takes
      the argmax of the two linear outputs for setup (b).
    - "final_loss": the last entry of the training history's "losses".
    - "first_layer_grad_norm": the mean, over all epochs, of the first layer's
      gradient norm, that is the mean of `history["grad_norms"][e][0]`.

    Shapes:
        X: (n, 2) floats; y: (n,) integer labels in {0, 1}.
        Returns {"relu_sigmoid": {...}, "softmax_linear": {...}}, each inner
        dict with the three float entries above.

    Worked example: on 200 two-moons points with seed 0
    (`X, y = two_moons(n=200, seed=0)` from `actgrade.datasets`),
    `compare_setups(X, y)["relu_sigmoid"]` gives, rounded,

        {"accuracy": 1.0, "final_loss": 0.0065, "first_layer_grad_norm": 0.0095}

    (the ReLU network gets every point right). Look at "softmax_linear"
    yourself, on two moons and on XOR: that comparison is the point of the
    exercise.

    Tip: `np.eye(2)[y]` turns labels (n,) into one-hot rows (n, 2), and
    `np.mean(pred == y)` is an accuracy.
    """
    # BEGIN SOLUTION
    y = np.asarray(y)
    labels = y.astype(int)
    one_hot = np.eye(2)[labels]  # (n, 2): class 0 -> [1, 0], class 1 -> [0, 1]

    setups = {
        "relu_sigmoid": ("relu", "sigmoid", "bce", y),
        "softmax_linear": ("softmax", "linear", "mse", one_hot),
    }
    results = {}
    for name, (activation, output, loss, targets) in setups.items():
        history = train(X, targets, activation=activation, output=output,
                        loss=loss, seed=seed)
        predicted = predict(history["params"], X, activation=activation,
                            output=output)
        first_layer = [norms[0] for norms in history["grad_norms"]]
        results[name] = {
            "accuracy": float(np.mean(predicted == labels)),
            "final_loss": float(history["losses"][-1]),
            "first_layer_grad_norm": float(np.mean(first_layer)),
        }
    return results
    # END SOLUTION


def gradient_norms_by_layer(X, y, activation, depth, width=32, seed=0):
    """The size of the gradient at every layer of a fresh, deep network.

    Build an untrained network with `depth` hidden layers of `width` units
    each, a sigmoid output of width 1 and binary cross-entropy (exercise 5's
    `init_params` with this activation and seed: its layer sizes are the
    number of input columns, then `width` repeated `depth` times, then 1),
    compute ONE gradient on the whole data set with `loss_and_gradients`
    (output="sigmoid", loss="bce"), and return the norm of every layer's
    weight gradient dW, input layer first. The biases' gradients are not
    included.

    Shapes:
        X: (n, n_features) floats; y: (n,) labels in {0, 1};
        activation: "relu", "sigmoid", "softmax" or "leaky_relu".
        Returns a list of depth + 1 floats (depth hidden layers + the output layer).

    Worked example: with depth=2 the network has 3 weight matrices, of
    shapes (2, 32), (32, 32) and (32, 1), so the result has 3 numbers. For
    ReLU on 200 two-moons points with seed 0 they are, rounded,
    [0.22, 1.01, 1.05]. Then `result[0] / result[-1]` (here 0.21) tells how
    much weaker the gradient that reaches the first layer is than the one the
    last layer gets: near 1 means every layer learns at a similar pace;
    1e-6 means the first layer is practically frozen.

    Tip: `np.linalg.norm(dW)` is the Frobenius norm of a matrix; a list
    comprehension over `grads` does the rest.
    """
    # BEGIN SOLUTION
    layer_sizes = [X.shape[1]] + [width] * depth + [1]
    params = init_params(layer_sizes, activation=activation, seed=seed)
    _, grads = loss_and_gradients(params, X, y, activation=activation,
                                  output="sigmoid", loss="bce")
    return [float(np.linalg.norm(dW)) for dW, _ in grads]
    # END SOLUTION


# Your conclusion, from what you measured.
#
# ANSWER_SAME_RESULT: does softmax hidden + linear output give the same result
# as ReLU hidden + sigmoid output? True or False.
#
# ANSWER_WHY: the main reason for what you saw, one of WHY_CHOICES:
#   "saturation"     an activation's slope is so small that almost no gradient
#                    gets through it, so the layers before it barely learn;
#   "dead_relu"      ReLU units output 0 on every example and stop learning
#                    for good (exercise 8);
#   "overfitting"    the network learns the training points by heart but does
#                    badly on new points;
#   "no_difference"  both setups do about equally well.

# BEGIN SOLUTION
# STUB: ANSWER_SAME_RESULT = None  # replace None with True or False
# No. With the same data, seed and budget (200 points, 500 epochs), ReLU +
# sigmoid gets 97-100% of XOR and 99-100% of two moons right. Softmax +
# linear stays near a coin toss on XOR (about 53% on average, never much
# above 60%) and gets about 88% of two moons: no better than a straight line.
ANSWER_SAME_RESULT = False
# END SOLUTION

# BEGIN SOLUTION
# STUB: ANSWER_WHY = None  # replace None with one of the strings in WHY_CHOICES
# Why: saturation. On its way back, the gradient is multiplied at every layer
# by the derivative of that layer's activation: the layer learns only as much
# as this factor lets through.
#
# - ReLU: the factor is exactly 1 on every active unit, so the gradient
#   reaches the first layer at full strength.
# - Softmax: the factor is the Jacobian J_ij = S_i (delta_ij - S_j), and no
#   entry is larger than 0.25 (exercise 3). In practice it is far smaller,
#   and the wider the layer the smaller: the 32 outputs share a total of 1,
#   so each S_i is about 1/32 and the diagonal S_i (1 - S_i) is about 0.03.
#
# The consequences, measured on XOR with 200 points:
#
# - At the first epoch the first layer's gradient is 30 to 70 times smaller
#   than with ReLU, and averaged over training ("first_layer_grad_norm")
#   still about 10 times smaller.
# - So in 500 epochs the first layer hardly moves, and the softmax outputs
#   stay close to 1/32 for every point: the hidden layer hands the output
#   layer almost the same numbers whatever the input. What is left is close
#   to a straight-line classifier, and a straight line cannot solve XOR: the
#   network stays near a coin toss (about 53%). On two moons a straight line
#   already gets about 88% right, which is about what the softmax network
#   reaches, against 99% for ReLU.
#
# Stack more layers and the factors multiply: at most 0.25 per sigmoid layer
# and about 1/width per softmax layer. With 8 hidden layers of 32 units, on
# two moons with seed 0, the first layer's gradient is about 3e-6 (sigmoid)
# and 1e-10 (softmax) of the last layer's, against about 0.4 for ReLU
# (gradient_norms_by_layer); other seeds, and XOR, give the same picture or
# worse. That is the vanishing gradient: saturation, compounded over depth.
#
# The other choices do not fit the measurements: it is not overfitting (the
# softmax network does worse on the very data it trains on), not dead ReLUs
# (that network has no ReLU), and the difference is anything but small.
ANSWER_WHY = "saturation"
# END SOLUTION
