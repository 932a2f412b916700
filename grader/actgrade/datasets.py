"""Small toy datasets for trying out the networks you build in the exercises.

Every function here returns a pair ``(X, y)``:

- ``X`` is a float64 array of shape ``(n, 2)``: one example per row, two
  input numbers per example (think of them as the x and y coordinates of a
  point you could draw on paper);
- ``y`` is an integer array of shape ``(n,)``: the class (0, 1, ...) of each
  example, the answer the network should learn to give.

All four problems are "2-D classification": the points of each class form a
shape, and no straight line separates the classes, so a model needs at least
one hidden layer to get them right. That is exactly what makes them good
test beds for the question the exercises ask (ReLU hidden + sigmoid output
against softmax hidden + linear output).

The data is random but *seeded*: the same ``seed`` always gives exactly the
same points, so a result you get today can be reproduced tomorrow. A
different seed gives a fresh sample of the same shape. The rows are shuffled,
so ``X[:150]`` and ``X[150:]`` are both fair mixes of the classes.

Example::

    >>> from actgrade.datasets import two_moons
    >>> X, y = two_moons(n=200, noise=0.1, seed=0)
    >>> X.shape, X.dtype, y.shape, sorted(set(y.tolist()))
    ((200, 2), dtype('float64'), (200,), [0, 1])

To look at a dataset (if you have matplotlib)::

    import matplotlib.pyplot as plt
    plt.scatter(X[:, 0], X[:, 1], c=y)
    plt.show()

Only NumPy is used. The random numbers come from
``np.random.default_rng(seed)``.
"""

import numpy as np

__all__ = ["two_moons", "xor", "circles", "spirals"]


def _check_common(n, noise):
    """Reject arguments that would silently give a strange dataset."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number of points, got {n!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a number >= 0, got {noise!r}")


def _class_sizes(n, classes):
    """Split n points into `classes` groups whose sizes differ by at most 1."""
    return [n // classes + (1 if j < n % classes else 0) for j in range(classes)]


def _shuffle(rng, X, y):
    """Shuffle the rows of X and y together (same order for both)."""
    order = rng.permutation(len(y))
    return X[order], y[order]


def two_moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles ("moons"), one per class.

    Class 0 is the upper arch: points on a half circle of radius 1. Class 1
    is the same arch turned upside down and shifted right and down, so that
    each moon reaches into the hollow of the other. A straight line cannot
    separate them; a small network with one hidden layer can.

    The shape is the one of scikit-learn's ``make_moons``, moved so that the
    whole cloud is centred on (0, 0): the points lie roughly in
    x from -1.5 to 1.5 and y from -0.75 to 0.75.

    Parameters
    ----------
    n : int
        Number of points (default 200). Class 0 gets ``n // 2 + n % 2`` of
        them, class 1 the rest.
    noise : float
        Standard deviation of the Gaussian jitter added to every coordinate
        (default 0.1). With 0 the points sit exactly on the two arches; around
        0.3 the moons start to overlap and no model can be 100% right.
    seed : int
        Seed of ``np.random.default_rng``; the same seed gives the same data.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,), values in {0, 1}

    Example
    -------
    With ``noise=0`` the first point of the upper moon (angle 0) is at
    (cos 0, sin 0) = (1, 0), moved by the centring shift (-0.5, -0.25) to
    (0.5, -0.25)::

        >>> X, y = two_moons(n=4, noise=0.0, seed=0)
        >>> sorted(map(tuple, X[y == 0].round(2).tolist()))
        [(-1.5, -0.25), (0.5, -0.25)]
    """
    _check_common(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n, 2)
    # Points evenly spaced along each arch (angle from 0 to pi).
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    X = np.concatenate([upper, lower]) - np.array([0.5, 0.25])
    X = X + noise * rng.standard_normal(X.shape)
    y = np.concatenate([np.zeros(n0, dtype=np.int64), np.ones(n1, dtype=np.int64)])
    return _shuffle(rng, X, y)


def xor(n=200, noise=0.0, seed=0, scale=0.5):
    """The XOR problem: the class depends on whether two signs agree.

    Points are spread evenly (uniformly at random) over the square
    ``[-scale, scale] x [-scale, scale]`` (default: from -0.5 to 0.5). A point
    is labelled by the signs of its two coordinates::

        y = 1  if x1 and x2 have different signs (sign(x1) * sign(x2) < 0)
        y = 0  if they have the same sign        (sign(x1) * sign(x2) > 0)

    So the top-right and bottom-left quarters are class 0 and the other two
    quarters are class 1, like a 2 x 2 chessboard. This is the classic example
    of a problem no straight line can solve: any line leaves points of both
    classes on each side. A network needs a hidden layer (at least two
    hidden units) to carve out the four quarters.

    Points close to the axes are the hard ones: a network that draws its
    boundary slightly off the axis misclassifies a few of them, which is why
    even a good network often misses a point or two here (97-100% training
    accuracy with exercise 6's defaults).

    Parameters
    ----------
    n : int
        Number of points (default 200). The two classes get about n / 2
        each (the exact split depends on the random draw).
    noise : float
        Standard deviation of a Gaussian jitter added to the coordinates
        *after* the labels are chosen (default 0.0: labels follow the sign
        rule exactly). With noise, some points near the axes wander into the
        neighbouring quarter while keeping their label, so the classes
        overlap a little, as in real data.
    seed : int
        Seed of ``np.random.default_rng``; the same seed gives the same data.
    scale : float
        Half the side of the square (default 0.5). The size of the inputs
        matters: with small inputs, a softmax hidden layer starts almost
        "flat" (all its outputs near 1 / width) and learns very slowly. Try
        ``scale=1`` or ``scale=2`` in the experiment of exercise 7 and watch
        the softmax + linear network do better.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,), values in {0, 1}

    Example
    -------
    A point at (0.3, -0.2) has signs (+, -): different, so its label is 1.
    A point at (-0.4, -0.1) has signs (-, -): the same, so its label is 0::

        >>> X, y = xor(n=200, seed=0)
        >>> bool(np.all(y == ((X[:, 0] > 0) != (X[:, 1] > 0))))
        True
    """
    _check_common(n, noise)
    if not np.isfinite(scale) or scale <= 0:
        raise ValueError(f"scale must be a number > 0, got {scale!r}")
    rng = np.random.default_rng(seed)
    X = rng.uniform(-scale, scale, size=(n, 2))
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(np.int64)
    X = X + noise * rng.standard_normal(X.shape)
    return X, y  # already in random order


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """A small circle inside a big one: class 1 inside, class 0 outside.

    Class 0 lies on a circle of radius 1 around (0, 0); class 1 on a circle
    of radius ``factor`` (default 0.5) around the same centre. A straight
    line cannot separate a ring from its inside, but a hidden layer can: it
    learns a few lines that together fence in the inner circle.

    Parameters
    ----------
    n : int
        Number of points (default 200). The outer circle gets
        ``n // 2 + n % 2`` of them, the inner one the rest.
    noise : float
        Standard deviation of the Gaussian jitter added to every coordinate
        (default 0.05). From about 0.1 (with the default factor) the two
        rings start to touch; from about 0.25 they overlap heavily.
    factor : float
        Radius of the inner circle, between 0 and 1 (default 0.5).
    seed : int
        Seed of ``np.random.default_rng``; the same seed gives the same data.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,), values in {0, 1}

    Example
    -------
    Without noise every point of class 0 is at distance 1 from the centre
    and every point of class 1 at distance 0.5::

        >>> X, y = circles(n=100, noise=0.0, seed=0)
        >>> r = np.hypot(X[:, 0], X[:, 1])
        >>> bool(np.allclose(r[y == 0], 1.0)), bool(np.allclose(r[y == 1], 0.5))
        (True, True)
    """
    _check_common(n, noise)
    if not 0 < factor < 1:
        raise ValueError(f"factor (inner radius) must be between 0 and 1, got {factor!r}")
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n, 2)
    # Evenly spaced angles around each full circle (endpoint excluded so
    # that no two points coincide at angle 0 and 2 pi).
    t0 = np.linspace(0.0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0.0, 2 * np.pi, n1, endpoint=False)
    outer = np.column_stack([np.cos(t0), np.sin(t0)])
    inner = factor * np.column_stack([np.cos(t1), np.sin(t1)])
    X = np.concatenate([outer, inner])
    X = X + noise * rng.standard_normal(X.shape)
    y = np.concatenate([np.zeros(n0, dtype=np.int64), np.ones(n1, dtype=np.int64)])
    return _shuffle(rng, X, y)


def spirals(n=200, noise=0.05, classes=2, turns=1.5, seed=0):
    """Interleaved spiral arms, one arm per class: a hard problem.

    Each class is one arm that starts near the centre (0, 0) and winds
    outwards to radius 1, going ``turns`` times around. The arms are rotated
    copies of each other (by a full circle divided by ``classes``), so they
    nest inside one another. A network needs more hidden units than for the
    moons: with exercise 6's defaults (one hidden layer of 32 units, 500
    epochs) about 70-80% of the default spirals come out right, with
    ``hidden_sizes=(64, 64)`` all of them.

    For a point at distance r from the centre (r from 0.1 to 1) on arm j,
    the angle is ``2 * pi * (turns * r + j / classes)``, and the point is
    ``(r * cos(angle), r * sin(angle))`` plus Gaussian jitter.

    Parameters
    ----------
    n : int
        Number of points (default 200), shared as evenly as possible between
        the arms (the first arms get one more point when n is not a multiple
        of ``classes``).
    noise : float
        Standard deviation of the Gaussian jitter added to every coordinate
        (default 0.05). Around 0.1 neighbouring arms start to blur together
        near the centre.
    classes : int
        Number of arms and classes (default 2). Labels run from 0 to
        ``classes - 1``; with more than 2 classes use a softmax output.
    turns : float
        How many times each arm goes around the centre (default 1.5). More
        turns make the problem harder: with 2 turns, ``hidden_sizes=(64, 64)``
        also needs about 2000 epochs.
    seed : int
        Seed of ``np.random.default_rng``; the same seed gives the same data.

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,), values in {0, ..., classes - 1}

    Example
    -------
    With ``classes=3`` every label 0, 1, 2 appears, and without noise no
    point is further than 1 from the centre::

        >>> X, y = spirals(n=300, noise=0.0, classes=3, seed=0)
        >>> np.bincount(y).tolist(), bool(np.hypot(X[:, 0], X[:, 1]).max() <= 1.0)
        ([100, 100, 100], True)
    """
    _check_common(n, noise)
    if isinstance(classes, bool) or not isinstance(classes, (int, np.integer)) or classes < 2:
        raise ValueError(f"classes must be a whole number >= 2, got {classes!r}")
    if not np.isfinite(turns) or turns <= 0:
        raise ValueError(f"turns must be a number > 0, got {turns!r}")
    rng = np.random.default_rng(seed)
    parts_X, parts_y = [], []
    for j, size in enumerate(_class_sizes(n, classes)):
        r = np.linspace(0.1, 1.0, size)
        angle = 2 * np.pi * (turns * r + j / classes)
        parts_X.append(np.column_stack([r * np.cos(angle), r * np.sin(angle)]))
        parts_y.append(np.full(size, j, dtype=np.int64))
    X = np.concatenate(parts_X)
    X = X + noise * rng.standard_normal(X.shape)
    y = np.concatenate(parts_y)
    return _shuffle(rng, X, y)
