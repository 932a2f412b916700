# expect: derivative
# check: sigmoid_derivative_values
# check: sigmoid_derivative_matches_slope
# Uses x where sigmoid(x) belongs in the second factor.
def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - x)
