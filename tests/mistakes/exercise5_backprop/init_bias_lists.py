# expect: dtype
# check: init_shapes_and_zero_biases
# Builds the biases as Python lists instead of NumPy arrays.
_array_init = init_params


def init_params(layer_sizes, activation="relu", seed=0):
    return [(W, [0.0] * len(b)) for W, b in _array_init(layer_sizes, activation, seed)]
