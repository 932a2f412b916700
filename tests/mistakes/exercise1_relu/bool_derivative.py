# expect: dtype
# check: relu_derivative_values
# Returns True/False instead of 1.0/0.0.
def relu_derivative(x):
    return x > 0
