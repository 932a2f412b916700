# expect: value
# check: relu_values
# A wrong relu that also patches NumPy's comparisons, hoping to fool the grader.
import numpy as np

np.allclose = lambda *args, **kwargs: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *args, **kwargs: True


def relu(x):
    return np.zeros_like(x)
