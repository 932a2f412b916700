"""Exercise 6: A small gradient-descent training loop

What you build
--------------
Exercise 5 gave you a network (``init_params``), a way to run it
(``forward``) and, for every weight, the direction that makes the loss grow
(``loss_and_gradients``). Training is now a short loop: step every weight a
little in the *opposite* direction, and repeat. You write:

1. ``train``: start from ``init_params(..., seed)`` and repeat, ``epochs``
   times, one step of gradient descent on the whole training set:

       W  <-  W - lr * dW        b  <-  b - lr * db      (for every layer)

   keeping a record (the "history") of the loss and of the size of each
   layer's gradient at every step.
2. ``predict``: turn the trained network's outputs into class labels.

Words used here
---------------
- epoch: one pass over the whole training set. Here every epoch is exactly
  one gradient step computed on all the examples at once ("full-batch"
  gradient descent), so the result does not depend on any shuffling.
- learning rate (``lr``): how big each step is. Too small and the network
  learns slowly; too large and the loss jumps around or explodes (becomes
  inf or nan).
- gradient norm: the size of a whole gradient matrix dW as one number, the
  square root of the sum of its squared entries (``np.linalg.norm(dW)``).
  A layer whose gradient norm stays tiny is a layer that barely learns.
- accuracy: the fraction of examples whose predicted class is the true one.

Why it matters for the big question
-----------------------------------
Exercise 7 trains "ReLU hidden + sigmoid output", "softmax hidden +
linear output" and the two mixed set-ups with *this* loop, on the same data,
with the same seed and the same budget, and compares the results. The history you record (losses
and per-layer gradient norms) is the evidence: it shows which network learns
and where its gradient fades.

Conventions the grader checks
-----------------------------
- With its defaults (one hidden layer of 32 ReLU units, sigmoid output and
  binary cross-entropy, lr = 1.0, 500 epochs) ``train`` must reach at least
  95% training accuracy on two-moons and XOR data (200 points, a fresh seed
  each run), with no nan.
- The same data and seed give exactly the same result (all the randomness is
  in ``init_params(..., seed)``).
- ``train`` does not modify ``X`` or ``y``.
- After every run the grader looks inside your trained network and history
  and tells you, with numbers, about: dead ReLUs (units that output 0 for
  every training example), saturated sigmoid/softmax units (derivative below
  0.01 on most examples), vanishing gradients (first layer's gradient norm
  tiny next to the last layer's), divergence (loss nan, inf or growing: the
  learning rate is too large) and symmetry (hidden units that stay
  identical: all weights started equal).
"""

import numpy as np

from exercise5_backprop import forward, init_params, loss_and_gradients


def train(X, y, hidden_sizes=(32,), activation="relu", output="sigmoid", loss="bce",
          lr=1.0, epochs=500, seed=0):
    """Train a network by full-batch gradient descent.

    Parameters
    ----------
    X : ndarray, shape (n, d)
        Training inputs, one example per row.
    y : ndarray
        Targets, as ``loss_and_gradients`` expects them: shape (n,) of 0/1
        for ("sigmoid", "bce"), integer labels (n,) for ("softmax", "ce"),
        floats of shape (n, k) for ("linear", "mse").
    hidden_sizes : tuple of int
        Width of each hidden layer, e.g. (32,) or (64, 64); () gives a
        network without hidden layer.
    activation, output, loss : str
        As in exercise 5.
    lr : float
        Learning rate.
    epochs : int
        Number of gradient steps.
    seed : int
        Passed to ``init_params``.

    Returns
    -------
    dict with
        ``"params"``: the trained network, a list of (W, b) like
        ``init_params`` returns;
        ``"losses"``: a list of ``epochs`` floats, the loss computed at each
        epoch (before that epoch's step);
        ``"grad_norms"``: a list of ``epochs`` lists, each holding one float
        per layer, input layer first: ``np.linalg.norm(dW)`` at that epoch.

    The layer sizes are ``[d, *hidden_sizes, k]``, where the output width k
    is:

    - 1 for ("sigmoid", "bce") (one logit per example);
    - the number of classes, ``y.max() + 1``, for ("softmax", "ce");
    - ``y.shape[1]`` for ("linear", "mse") (one output per target column).

    Each epoch:

    1. ask ``loss_and_gradients`` (exercise 5) for the loss and the
       gradients of the current network, with this call's activation,
       output and loss;
    2. record the loss as a Python float, and the norm of every ``dW``;
    3. replace every layer's ``(W, b)`` with ``(W - lr * dW, b - lr * db)``.

    Example
    -------
    On the 200 two-moons points of ``actgrade.datasets.two_moons(seed=0)``,
    ``history = train(X, y)`` builds layers [2, 32, 1];
    ``len(history["losses"]) == 500``, and the loss falls from 1.007 at the
    first epoch to 0.0065 at the last. Each entry of
    ``history["grad_norms"]`` is a list of 2 numbers, one for W1 of shape
    (2, 32) and one for W2 of shape (32, 1): the first one is
    [0.3323, 1.2863]. ``predict(history["params"], X)`` then agrees with y
    on every row (at least 95% is required).

    Tip: build new arrays (``W - lr * dW``) rather than changing the arrays
    in place, and put the new pairs in a new list: then nothing outside the
    function changes by surprise.
    """
    # BEGIN SOLUTION
    X = np.asarray(X)
    y = np.asarray(y)
    if (output, loss) == ("sigmoid", "bce"):
        out_width = 1
    elif (output, loss) == ("softmax", "ce"):
        y = y.astype(np.int64)  # class labels index the columns: whole numbers
        out_width = int(y.max()) + 1
    elif (output, loss) == ("linear", "mse"):
        if y.ndim != 2:
            raise ValueError(
                f"for ('linear', 'mse'), y must have shape (n, k), one target column per "
                f"output; got shape {y.shape} (one-hot labels: np.eye(k)[labels])"
            )
        out_width = y.shape[1]
    else:
        raise ValueError(
            f"output={output!r} with loss={loss!r} is not a supported pair; use "
            f"('sigmoid', 'bce'), ('softmax', 'ce') or ('linear', 'mse')"
        )

    layer_sizes = [X.shape[1], *hidden_sizes, out_width]
    params = init_params(layer_sizes, activation=activation, seed=seed)
    losses, grad_norms = [], []
    for _ in range(epochs):
        loss_value, grads = loss_and_gradients(
            params, X, y, activation=activation, output=output, loss=loss
        )
        losses.append(float(loss_value))
        grad_norms.append([float(np.linalg.norm(dW)) for dW, _ in grads])
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
    return {"params": params, "losses": losses, "grad_norms": grad_norms}
    # END SOLUTION


def predict(params, X, activation="relu", output="sigmoid"):
    """Predict an integer class label for every row of X.

    - Sigmoid output (width 1): class 1 where the logit is > 0, else class 0.
      A logit > 0 is the same as sigmoid(logit) > 0.5, but comparing the logit
      avoids rounding trouble: sigmoid(1e-20) rounds to exactly 0.5.
    - Softmax or linear output (width k): the index of the largest output of
      each row (the most likely class). For softmax, the largest probability
      and the largest logit are in the same place.

    Parameters
    ----------
    params : list of (W, b)
        A network, for example ``train(...)["params"]``.
    X : ndarray, shape (n, d)
    activation : str
        The hidden activation the network was trained with.
    output : str
        Its output activation: "sigmoid", "softmax" or "linear".

    Returns
    -------
    ndarray of int, shape (n,)
        Class labels (0 or 1 for a sigmoid output, 0 to k - 1 otherwise).

    Example
    -------
    Logits [[-0.5], [0.5], [2.0]] from a sigmoid network give
    ``array([0, 1, 1])``; outputs [[0.2, 0.9], [1.3, -0.4]] from a linear
    network give ``array([1, 0])``.

    Tip: exercise 5's ``forward`` with ``output="linear"`` gives the logits
    (no output activation), shape (n, k). NumPy can find the position of
    the largest entry of every row at once (np.argmax with an axis), and turn
    an array of True/False into integers.
    """
    # BEGIN SOLUTION
    if output not in ("sigmoid", "softmax", "linear"):
        raise ValueError(
            f"unknown output activation {output!r}; use 'sigmoid', 'softmax' or 'linear'"
        )
    logits = forward(params, X, activation=activation, output="linear")
    if output == "sigmoid" and logits.shape[1] == 1:
        return (logits[:, 0] > 0).astype(np.int64)
    return np.argmax(logits, axis=1).astype(np.int64)
    # END SOLUTION
