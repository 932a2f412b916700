"""Exercise 7: The experiment — which change matters, and why

The question
------------
A beginner asks: "Almost every tutorial uses ReLU in the hidden layer and a
sigmoid at the output. If I use softmax in the hidden layer and no activation
at the output, do I get the same result?"

That question changes two things at once: the hidden activation (ReLU becomes
softmax) and the output with its loss (a sigmoid with binary cross-entropy
becomes no activation, a "linear" output, with mean squared error). To learn
what each change does, change one thing at a time: train all four
combinations, a 2 x 2 table, on the same data, from the same seed, with the
same budget.

                       sigmoid output + BCE      linear output + MSE
    ReLU hidden        "relu_sigmoid"            "relu_linear"
                       (the tutorials)
    softmax hidden     "softmax_sigmoid"         "softmax_linear"
                                                 (the question)

Then give every set-up ten times the steps and look again: does the gap stay,
shrink or vanish?

You own every piece: the network and its gradients from exercise 5
(`init_params`, `loss_and_gradients`) and the training loop from exercise 6
(`train`, `predict`). This exercise imports them from your own files, so the
experiment runs on the code you wrote. Try it on the toy data that comes with
the grader: `from actgrade.datasets import xor`, then
`X, y = xor(n=200, seed=0)`. XOR is a good test: no straight line separates
its two classes, so a network gets it right only if its hidden layer learns.

What to build
-------------
1. `compare_setups(X, y, epochs=500, seed=0)`: train the four set-ups and
   report, for each, its training accuracy, its final loss and the size of its
   first layer's gradient at the start of training.
2. `gradient_norms_by_layer(X, y, activation, depth, width=32, seed=0)`: a
   separate experiment, on deep networks: build an untrained network with
   `depth` hidden layers, take one gradient, and report its size at every
   layer. Try depth 8 with "relu", "sigmoid" and "softmax".
3. `ANSWER_SAME_RESULT`, `ANSWER_MAIN_CHANGE` and `ANSWER_WHY`: your
   conclusions, from what you measured.

Words used here
---------------
- gradient: how much the loss changes when a weight is nudged. Gradient
  descent moves every weight against its gradient, so a layer whose gradient
  is tiny barely moves: it barely learns.
- norm of a matrix (Frobenius norm): the size of the whole matrix as one
  number, the square root of the sum of its squared entries.
- accuracy: the fraction of training points whose predicted class is the
  true class (0.97 means 97%).
- budget: how much training a set-up gets; here the number of epochs (full
  gradient steps), with the learning rate 1.0 and one hidden layer of 32
  units of exercise 6.
- one-hot target: the class written as a row with a 1 in the class's column
  and 0 elsewhere: class 0 is [1, 0], class 1 is [0, 1].

Three facts from earlier exercises to keep in mind while you look at the
numbers: ReLU's slope is exactly 1 on every active unit (exercise 1); the
sigmoid's slope is never larger than 0.25 (exercise 2); every entry of the
softmax's Jacobian is S_i (delta_ij - S_j), and the k outputs S_i of a softmax
always add up to 1 (exercise 3).

Conventions the grader checks
-----------------------------
- Return plain Python floats (or NumPy floats) and lists, as described in
  each docstring; do not modify `X` or `y`.
- The same data and seed give the same numbers every time.
- Your numbers are compared with the same experiment run by the grader from
  your own random start (your `init_params`), so any correct implementation
  of exercises 5 and 6 matches them to many digits.
"""

import numpy as np

from exercise5_backprop import init_params, loss_and_gradients
from exercise6_training import predict, train

# The four set-ups of the 2 x 2 table: (hidden activation, output, loss).
SETUPS = {
    "relu_sigmoid": ("relu", "sigmoid", "bce"),
    "relu_linear": ("relu", "linear", "mse"),
    "softmax_sigmoid": ("softmax", "sigmoid", "bce"),
    "softmax_linear": ("softmax", "linear", "mse"),
}
# The values ANSWER_MAIN_CHANGE and ANSWER_WHY may take.
CHANGE_CHOICES = ("hidden_activation", "output_and_loss", "both_equally", "neither")
WHY_CHOICES = ("small_slopes", "saturation", "dead_relu", "overfitting", "no_difference")


def compare_setups(X, y, epochs=500, seed=0):
    """Train the four set-ups of the 2 x 2 table on the same data; compare them.

    Every set-up is trained with your `train` of exercise 6, with the
    activation, output and loss of `SETUPS`, the given `epochs` and `seed`,
    and exercise 6's defaults for everything else (one hidden layer of 32
    units, learning rate 1.0):

    - a sigmoid output (with "bce") is trained on the labels `y` themselves;
    - a linear output (with "mse") is trained on one-hot targets, an array
      of shape (n, 2), and `predict` then takes the larger of its two outputs.

    For each set-up report:

    - "accuracy": the fraction of rows of X where `predict` (with the same
      activation and output as in training) returns the true label y;
    - "final_loss": the last entry of the training history's "losses";
    - "first_layer_grad_at_start": the first layer's gradient norm at the
      first epoch, the first number of the first row of the history's
      "grad_norms". All four set-ups start from networks drawn with the same
      seed, so this shows what each set-up does to the gradient before any
      learning has happened.

    Shapes:
        X: (n, 2) floats; y: (n,) integer labels in {0, 1}.
        Returns a dict with the four names of `SETUPS` as keys, each value a
        dict with the three float entries above.

    Worked example: on 200 XOR points (`X, y = xor(n=200, seed=0)` from
    `actgrade.datasets`), `compare_setups(X, y)["relu_sigmoid"]` gives,
    rounded,

        {"accuracy": 0.985, "final_loss": 0.0633,
         "first_layer_grad_at_start": 0.0847}

    Look at the three other set-ups yourself, then at epochs=5000: that
    comparison is the point of the exercise.

    Tip: NumPy's identity matrix np.eye(2) holds the two one-hot rows, and
    indexing an array with an array of labels picks one row per label. The
    mean of an array of True/False is the fraction of True.
    """
    # BEGIN SOLUTION
    y = np.asarray(y)
    labels = y.astype(int)
    one_hot = np.eye(2)[labels]  # (n, 2): class 0 -> [1, 0], class 1 -> [0, 1]
    results = {}
    for name, (activation, output, loss) in SETUPS.items():
        targets = y if output == "sigmoid" else one_hot
        history = train(X, targets, activation=activation, output=output,
                        loss=loss, epochs=epochs, seed=seed)
        predicted = predict(history["params"], X, activation=activation,
                            output=output)
        results[name] = {
            "accuracy": float(np.mean(predicted == labels)),
            "final_loss": float(history["losses"][-1]),
            "first_layer_grad_at_start": float(history["grad_norms"][0][0]),
        }
    return results
    # END SOLUTION


def gradient_norms_by_layer(X, y, activation, depth, width=32, seed=0):
    """The size of the gradient at every layer of a fresh, deep network.

    A separate experiment from compare_setups: not one hidden layer trained
    for many epochs, but many hidden layers before any training.

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

    Tip: NumPy's np.linalg.norm gives the Frobenius norm of a matrix.
    """
    # BEGIN SOLUTION
    layer_sizes = [X.shape[1]] + [width] * depth + [1]
    params = init_params(layer_sizes, activation=activation, seed=seed)
    _, grads = loss_and_gradients(params, X, y, activation=activation,
                                  output="sigmoid", loss="bce")
    return [float(np.linalg.norm(dW)) for dW, _ in grads]
    # END SOLUTION


# Your conclusions, from what you measured with compare_setups on XOR (try
# several seeds), at the default budget of 500 epochs and at 5000.
#
# ANSWER_SAME_RESULT: for the same training budget (500 epochs), does
# softmax hidden + linear output give the same result as ReLU hidden +
# sigmoid output? True or False.
#
# ANSWER_MAIN_CHANGE: start from the tutorials' set-up, ReLU + sigmoid, and
# change one thing at a time. Which change costs most of the accuracy at 500
# epochs? One of CHANGE_CHOICES:
#   "hidden_activation"  ReLU -> softmax in the hidden layer
#                        (relu_sigmoid against softmax_sigmoid);
#   "output_and_loss"    sigmoid + BCE -> linear + MSE at the output
#                        (relu_sigmoid against relu_linear);
#   "both_equally"       the two cost about the same;
#   "neither"            neither costs much.
#
# ANSWER_WHY: why does that change cost so much? One of WHY_CHOICES:
#   "small_slopes"   the layer's slopes are small from the very first step, so
#                    almost no gradient gets through it to the first layer,
#                    which learns very slowly;
#   "saturation"     the units are pushed to the flat ends of their curve
#                    (outputs pinned near 0 or 1), where the slope is almost 0;
#   "dead_relu"      ReLU units output 0 on every example and stop learning
#                    for good (exercise 8);
#   "overfitting"    the network learns the training points by heart but does
#                    badly on new points;
#   "no_difference"  all set-ups do about equally well.

# BEGIN SOLUTION
# STUB: ANSWER_SAME_RESULT = None  # replace None with True or False
# No: not the same result for the same budget. After 500 epochs on XOR,
# ReLU + sigmoid gets 98-100% of the points right and softmax + linear
# 43.5-66.5%, not much better than a coin toss (50 seeds of
# benchmarks/experiment_sweep.py).
ANSWER_SAME_RESULT = False
# END SOLUTION

# BEGIN SOLUTION
# STUB: ANSWER_MAIN_CHANGE = None  # replace None with one of the strings in CHANGE_CHOICES
# From ReLU + sigmoid, putting softmax in the hidden layer costs 40.5-63
# points of accuracy at 500 epochs; changing the output and loss to
# linear + MSE costs 8.5-19 points. Most of the gap is the hidden activation.
ANSWER_MAIN_CHANGE = "hidden_activation"
# END SOLUTION

# BEGIN SOLUTION
# STUB: ANSWER_WHY = None  # replace None with one of the strings in WHY_CHOICES
# Why: small slopes. On its way back to the first layer, the gradient is
# multiplied by the slopes of the hidden activation.
#
# - ReLU: the slope is exactly 1 on every active unit.
# - Softmax: the slopes are the entries of its Jacobian, S_i (delta_ij - S_j).
#   Its 32 outputs share a total of 1, so at the start each S_i is near
#   1/32 (between 0.0185 and 0.0503 on XOR): every diagonal slope
#   S_i (1 - S_i) is below 0.05, and the others (-S_i S_j) are smaller still.
#
# So at the very first step, before anything is learned, the first layer's
# gradient is 56 to 231 times smaller with a softmax hidden layer than with
# ReLU (first_layer_grad_at_start, same output). The first layer hardly moves,
# and what reaches the output is close to a straight-line model, which cannot
# solve XOR. This is not saturation: no softmax output starts near 0 or 1;
# the slopes are small because 32 outputs share a total of 1 (the wider the
# layer, the smaller each share).
#
# Slow, not stuck: with ten times the steps (5000 epochs) the softmax
# networks reach 97.5-100% (sigmoid output) and 93-99.5% (linear output) on
# XOR, as good as ReLU + sigmoid or nearly. By then their softmax layers have
# learned to commit: 63-94% of their slopes are below 0.01, saturated, so
# they learn little more. The linear + MSE output costs a little too: ReLU +
# linear stays at 82-93% even after 5000 epochs.
#
# The deep networks of gradient_norms_by_layer are a separate experiment:
# untrained, 8 hidden layers of 32 units. There the small slopes multiply
# from layer to layer: the first layer gets 0.16-1 of the last layer's
# gradient with ReLU, 3e-8 to 7.5e-5 with sigmoid and 1e-12 to 1.6e-10 with
# softmax: the vanishing gradient.
ANSWER_WHY = "small_slopes"
# END SOLUTION
