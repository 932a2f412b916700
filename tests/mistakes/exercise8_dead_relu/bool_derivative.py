# expect: dtype
# check: leaky_relu_derivative_values
# Returns True/False, which cannot hold the slope alpha.
def leaky_relu_derivative(x, alpha=0.01):
    return x > 0
