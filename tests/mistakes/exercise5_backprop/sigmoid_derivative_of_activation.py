# expect: derivative
# check: gradients_sigmoid
# Passes the activation sigmoid(z) to sigmoid_derivative instead of the pre-activation z.
def _activate_backward(z, a, da, activation):
    if activation == "relu":
        return da * relu_derivative(a)
    if activation == "sigmoid":
        return da * sigmoid_derivative(a)
    if activation == "softmax":
        return a * (da - np.sum(da * a, axis=1, keepdims=True))
    return da * np.where(z > 0, 1.0, LEAKY_RELU_SLOPE)
