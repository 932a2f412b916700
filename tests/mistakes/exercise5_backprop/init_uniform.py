# expect: value
# check: init_weight_scale
# He/Glorot *uniform*: the right standard deviation, but not normally distributed.
def init_params(layer_sizes, activation="relu", seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        fan = n_in / 2 if activation in ("relu", "leaky_relu") else (n_in + n_out) / 2
        limit = np.sqrt(3.0 / fan)
        params.append((rng.uniform(-limit, limit, size=(n_in, n_out)), np.zeros(n_out)))
    return params
