# expect: derivative
# check: gradients_worked_example
# Writes the ReLU derivative by hand with >=, so it is 1 at exactly z = 0.
_right_backward = _activate_backward


def _activate_backward(z, a, da, activation):
    if activation == "relu":
        return da * (z >= 0)
    return _right_backward(z, a, da, activation)
