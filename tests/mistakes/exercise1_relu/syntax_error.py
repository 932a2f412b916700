# expect: error
# check: relu_values
# A missing closing parenthesis.
def relu(x):
    return np.maximum(x, 0.0
