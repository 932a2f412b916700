# expect: shape
# check: init_shapes_and_zero_biases
# Gives W the shape (n_out, n_in), as in a textbook that writes W @ x.
def init_params(layer_sizes, activation="relu", seed=0):
    rng = np.random.default_rng(seed)
    return [(rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in)), np.zeros(n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
