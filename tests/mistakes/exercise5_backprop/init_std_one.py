# expect: value
# check: init_weight_scale
# Draws standard normal weights and never scales them.
def init_params(layer_sizes, activation="relu", seed=0):
    rng = np.random.default_rng(seed)
    return [(rng.standard_normal((n_in, n_out)), np.zeros(n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
