# expect: overflow
# expect-warning: saturation
# check: sigmoid_stable
# check: sigmoid_derivative_stable
# The textbook formula as it stands: exp(-x) overflows for x = -1e4 (the value
# still comes out as 0.0, with a RuntimeWarning). The reference's derivative
# calls this sigmoid, so it inherits the warning; its values stay right, so the
# passing derivative check still teaches saturation.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))
