# expect: axis
# check: forward_values
# Normalises the hidden softmax over the examples (axis 0) instead of over each row.
_right_activate = _activate


def _activate(z, activation):
    if activation == "softmax":
        return softmax(z, axis=0)
    return _right_activate(z, activation)
