# expect: mutation
# check: leaky_relu_values
# Scales the negatives of the caller's array in place.
def leaky_relu(x, alpha=0.01):
    x[x < 0] *= alpha
    return x
