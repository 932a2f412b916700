# expect: derivative
# check: sigmoid_derivative_values
# Treats the argument as the sigmoid's output: the argument is the pre-activation.
def sigmoid_derivative(x):
    return x * (1 - x)
