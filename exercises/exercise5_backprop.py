"""Exercise 5: Backpropagation through a small MLP

What you build
--------------
A small neural network, a "multi-layer perceptron" (MLP), with everything it
needs to learn:

1. ``init_params``: random starting weights for every layer.
2. ``forward``: push a batch of examples through the network and read its
   output.
3. ``loss_and_gradients``: measure how wrong the output is (the loss) and
   work out, for every weight, which way and how much to nudge it to make the
   loss smaller (the gradient). Working the gradients out layer by layer,
   from the output back to the input, is called *backpropagation*.

Exercise 6 uses these three functions to train the network.

How the network is stored
-------------------------
A network is a Python list of layers ``[(W1, b1), (W2, b2), ...]``, the input
layer first. A layer with ``n_in`` inputs and ``n_out`` outputs has a weight
matrix ``W`` of shape ``(n_in, n_out)`` and a bias vector ``b`` of shape
``(n_out,)``. A batch of ``n`` examples with ``d`` numbers each is a matrix
``X`` of shape ``(n, d)``, one example per row. One layer computes

    z = a @ W + b          (the "pre-activation", shape (n, n_out))
    a_next = f(z)          (the activation f applied to z)

where ``a`` is the layer's input (``X`` for the first layer). Every layer
except the last uses the *hidden activation*; the last layer uses the
*output activation*. The last layer's ``z`` is called the *logits*.

Names the grader uses
---------------------
Hidden activations (the ``activation`` argument):

- ``"relu"``: max(0, z), from exercise 1.
- ``"sigmoid"``: 1 / (1 + exp(-z)), from exercise 2.
- ``"softmax"``: softmax over the units of the layer (each row of z), from
  exercise 3. Unlike the others it mixes the units of a row: every output
  depends on every input of the row, so its backward step needs the whole
  Jacobian, not just one number per unit.
- ``"leaky_relu"``: z where z > 0, else 0.01 * z (exercise 8 looks at it
  closely; write it here with the slope ``LEAKY_RELU_SLOPE``).

Output activation and loss (the ``output`` and ``loss`` arguments), always in
one of these three pairs:

- ``("sigmoid", "bce")``: a final layer of width 1 and binary cross-entropy;
  the targets ``y`` have shape ``(n,)`` with values 0 or 1.
- ``("softmax", "ce")``: a final layer of width k (one unit per class) and
  cross-entropy; the targets are integer class labels of shape ``(n,)``.
- ``("linear", "mse")``: no output activation at all (the logits are the
  output) and mean squared error; the targets are floats of the output's
  shape ``(n, k)``.

Why it matters for the big question
-----------------------------------
The question is whether "softmax in the hidden layer, no activation at the
output" works as well as "ReLU in the hidden layer, sigmoid at the output".
Networks learn only through their gradients. In this exercise you will see
exactly what each activation does to the gradient as it flows backwards:
ReLU passes it through unchanged (or blocks it), sigmoid multiplies it by
at most 0.25, and softmax multiplies it by a Jacobian whose entries are at
most 0.25 and often much smaller. Exercise 7 measures the consequences.

Conventions the grader checks
-----------------------------
- The loss is the *mean* over the batch (the exercise 4 losses already do
  this), returned as a Python float; the gradients are those of that mean.
- ``grads`` has the same structure as ``params``: a list of ``(dW, db)``
  with ``dW.shape == W.shape`` and ``db.shape == b.shape``.
- Your gradients are compared with finite differences of your own loss
  (nudge one weight by a tiny h, see how the loss moves) and with the
  reference, on batches whose sizes are all different (n, d, hidden width,
  k), so a transposed matrix or a missing 1 / n shows up.
- Do not modify ``params``, ``X`` or ``y``.
- Use matrix products over the whole batch (``@``), not a Python loop over
  examples. A loop over the layers is fine and expected.
"""

import numpy as np

from exercise1_relu import relu, relu_derivative
from exercise2_sigmoid import sigmoid, sigmoid_derivative
from exercise3_softmax import softmax
from exercise4_losses import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    cross_entropy,
    cross_entropy_grad,
    mse,
    mse_grad,
)

HIDDEN_ACTIVATIONS = ("relu", "sigmoid", "softmax", "leaky_relu")
OUTPUT_LOSS_PAIRS = (("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse"))
LEAKY_RELU_SLOPE = 0.01

# Helper functions of your own (optional) can go here.


def init_params(layer_sizes, activation="relu", seed=0):
    """Create a network with random weights and zero biases.

    Parameters
    ----------
    layer_sizes : sequence of int
        The width of every layer, the input first and the output last. For
        example ``[2, 32, 1]`` is 2 inputs, one hidden layer of 32 units
        and 1 output: two layers of weights, ``W1`` of shape (2, 32) and
        ``W2`` of shape (32, 1).
    activation : str
        The hidden activation the network will use; it decides how large the
        random weights should be.
    seed : int
        Seed for ``np.random.default_rng(seed)``: the same seed must give the
        same network.

    Returns
    -------
    list of (W, b)
        One pair per layer: ``W`` float64 of shape (n_in, n_out), ``b``
        float64 zeros of shape (n_out,).

    How big should the random weights be? If they are too large, signals
    grow from layer to layer (and sigmoid/softmax units saturate); too small,
    and they fade away. The standard choices keep the size of the signal
    about constant:

    - ``"relu"`` and ``"leaky_relu"``: He normal, ``W ~ Normal(0, std)`` with
      ``std = sqrt(2 / n_in)`` (ReLU zeroes about half the signal, the 2
      makes up for it).
    - anything else (sigmoid, softmax): Glorot normal,
      ``std = sqrt(2 / (n_in + n_out))``.

    Biases start at zero. Weights must *not* all start equal (for example all
    zeros): every unit of a layer would then compute the same thing and get
    the same gradient, forever. The random start breaks this symmetry.

    Example
    -------
    ``init_params([2, 32, 1], "relu", seed=0)`` gives ``W1`` of shape (2, 32)
    with entries of standard deviation about sqrt(2 / 2) = 1.0, ``b1`` =
    zeros(32), ``W2`` of shape (32, 1) with standard deviation about
    sqrt(2 / 32) = 0.25, and ``b2`` = zeros(1). With ``"sigmoid"`` the
    standard deviations are sqrt(2 / 34) = 0.24 and sqrt(2 / 33) = 0.25.
    The grader checks these statistics, not exact values.

    Tip: make one random generator from the seed, before the loop over the
    layers, and draw each layer's weights from it in turn (a normal
    distribution with mean 0 and the std above; the generator's ``normal``
    method takes the mean, the std and the shape). A new generator for each
    layer would give every layer the same numbers.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write init_params here")


def forward(params, X, activation="relu", output="sigmoid"):
    """Run the network on a batch and return its output.

    For each layer but the last: ``z = a @ W + b`` then ``a = f(z)`` with the
    hidden activation f (``a`` starts as ``X``). For the last layer:
    ``logits = a @ W + b``, then the output activation:

    - ``"sigmoid"``: the sigmoid of the logits, a probability of class 1 for
      each example. With a final layer of width 1, return shape ``(n,)`` (one
      number per example, not a column of shape (n, 1));
    - ``"softmax"``: the softmax of each row of the logits, shape ``(n, k)``:
      one probability per class, each row sums to 1;
    - ``"linear"``: the logits themselves, shape ``(n, k)``.

    Parameters
    ----------
    params : list of (W, b)
        As returned by ``init_params``.
    X : ndarray, shape (n, d)
        One example per row; d must equal the first layer's ``W.shape[0]``.
    activation : str
        Hidden activation: "relu", "sigmoid", "softmax" or "leaky_relu".
    output : str
        Output activation: "sigmoid", "softmax" or "linear".

    Returns
    -------
    ndarray of float
        Shape (n,) for a width-1 sigmoid output, otherwise (n, k).

    Example
    -------
    A network with 2 inputs, 2 ReLU hidden units and 1 sigmoid output::

        W1 = [[1, -1],      b1 = [0, 0]
              [0,  1]]
        W2 = [[ 1],         b2 = [0.5]
              [-2]]
        X  = [[1, 2],
              [0, -1]]

    Row 1: z1 = [1*1 + 2*0, 1*(-1) + 2*1] = [1, 1], relu gives [1, 1],
    logit = 1*1 + 1*(-2) + 0.5 = -0.5, sigmoid(-0.5) = 0.3775.
    Row 2: z1 = [0, -1], relu gives [0, 0], logit = 0.5, sigmoid(0.5) = 0.6225.
    So ``forward(params, X)`` returns ``array([0.3775, 0.6225])`` (rounded),
    shape (2,).

    Tip: ``a @ W + b`` handles the whole batch at once (the bias of shape
    (n_out,) is added to every row by broadcasting). The softmax of exercise
    3 takes an ``axis``: here each row (one example) is normalised.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write forward here")


def loss_and_gradients(params, X, y, activation="relu", output="sigmoid", loss="bce"):
    """Compute the loss on a batch and its gradient for every weight and bias.

    Parameters
    ----------
    params : list of (W, b)
        The network, as returned by ``init_params``.
    X : ndarray, shape (n, d)
        The batch, one example per row.
    y : ndarray
        The targets: shape (n,) of 0/1 for ("sigmoid", "bce"), integer labels
        of shape (n,) for ("softmax", "ce"), floats of the output's shape
        (n, k) for ("linear", "mse").
    activation, output, loss : str
        Hidden activation, output activation and loss (see the module
        docstring for the three allowed output/loss pairs).

    Returns
    -------
    loss : float
        The mean loss over the batch.
    grads : list of (dW, db)
        One pair per layer, ``dW`` of ``W``'s shape and ``db`` of ``b``'s
        shape: the gradient of the mean loss.

    The recipe (backpropagation)
    ----------------------------
    1. Forward pass, remembering each layer's input ``a`` and pre-activation
       ``z``: you need them on the way back.
    2. Start at the output with ``delta = dLoss/dlogits``, shape (n, k). The
       exercise 4 gradients give it directly: they combine the output
       activation and the loss, and already contain the 1 / n of the mean.
       For ("sigmoid", "bce") they work on logits of shape (n,) and return
       shape (n,): turn the result back into a column of shape (n, 1).
    3. For each layer, from the last to the first, with its input ``a``
       (shape (n, n_in)) and its ``delta`` (shape (n, n_out)):

       - ``dW`` has W's shape (n_in, n_out). Entry [i, j] adds up, over the
         n examples, input i of the example times delta j of the example:
         one matrix product of ``a`` and ``delta`` does all of them, once you
         transpose the right one so that the shapes fit.
       - ``db`` has b's shape (n_out,): delta added up over the examples
         (a sum, not a mean: delta already holds the 1 / n).
       - Unless this is the first layer, pass the gradient back. The
         gradient with respect to this layer's input ``a``, ``da``, has a's
         shape (n, n_in): each input reached every unit through W, so it
         collects every unit's delta weighted by W (another matrix product,
         with W transposed). Then go back through the previous layer's
         activation to get that layer's delta, using its pre-activation z:

         - relu, sigmoid, leaky_relu act on each unit alone, so the chain
           rule multiplies ``da`` element by element by the derivative at z
           (exercises 1 and 2 give ``relu_derivative`` and
           ``sigmoid_derivative``; leaky ReLU's is 1 where z > 0 and
           ``LEAKY_RELU_SLOPE`` elsewhere);
         - softmax mixes the units of a row: with s the row's softmax, the
           gradient with respect to z_j is the sum over i of
           da_i * dS_i/dz_j, with the Jacobian J_ij = s_i (delta_ij - s_j)
           of exercise 3. Work this sum out on paper: it simplifies to an
           expression in s, da and one sum per row, with no (k, k) matrix
           at all. Check it against exercise 3's softmax_jacobian on one row.

       The derivatives take the pre-activation z, not the activation f(z).

    Example
    -------
    The network and X of ``forward``'s example with ``y = [0, 1]``. The
    logits are [-0.5, 0.5]: both examples are on the right side of the
    boundary (negative logit for class 0, positive for class 1), but not by
    much, so each costs log(1 + exp(-0.5)) = 0.4741; the loss (the mean) is
    0.4741. Then:

    - delta at the output = (sigmoid(logits) - y) / 2
      = [[0.1888], [-0.1888]], shape (2, 1);
    - the hidden layer's output is h1 = [[1, 1], [0, 0]], so
      dW2 = [[0.1888], [0.1888]] (shape (2, 1), like W2): only row 1 has
      non-zero inputs. db2 = [0.0]: the two deltas cancel;
    - the gradient reaching h1 is [[0.1888, -0.3775], [-0.1888, 0.3775]]
      (each row: that example's delta times W2's column [1, -2]); row 2 had
      z1 = [0, -1], where relu's derivative is 0 (at exactly 0 too), so the
      hidden delta is [[0.1888, -0.3775], [0, 0]];
    - dW1 = [[0.1888, -0.3775], [0.3775, -0.7551]] (only row 1 of X, [1, 2],
      contributes), db1 = [0.1888, -0.3775].

    Tip: check your gradients yourself: add a tiny h = 1e-5 to one entry of
    a W, recompute the loss, subtract the loss with -h, divide by 2h; the
    result should match that entry of dW to about 6 digits.
    """
    # YOUR CODE HERE: replace the line below with your solution.
    raise NotImplementedError("write loss_and_gradients here")
