# expect: derivative
# check: gradients_sigmoid
# check: gradients_softmax
# Passes the gradient back through the hidden activation without its derivative.
def _activate_backward(z, a, da, activation):
    return da
