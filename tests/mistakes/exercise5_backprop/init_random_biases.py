# expect: value
# check: init_shapes_and_zero_biases
# Draws the biases at random like the weights instead of starting them at zero.
def init_params(layer_sizes, activation="relu", seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        std = np.sqrt(2.0 / n_in) if activation in ("relu", "leaky_relu") else np.sqrt(2.0 / (n_in + n_out))
        params.append((rng.normal(0.0, std, size=(n_in, n_out)), rng.normal(0.0, std, size=n_out)))
    return params
