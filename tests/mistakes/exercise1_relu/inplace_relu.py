# expect: mutation
# check: relu_values
# Zeroes the negatives of the caller's array in place.
def relu(x):
    x[x < 0] = 0
    return x
