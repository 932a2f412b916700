# expect: gradient
# check: gradients_leaky_relu
# The leaky ReLU backward step uses slope 0.1 while the forward pass uses 0.01.
_right_backward = _activate_backward


def _activate_backward(z, a, da, activation):
    if activation == "leaky_relu":
        return da * np.where(z > 0, 1.0, 0.1)
    return _right_backward(z, a, da, activation)
