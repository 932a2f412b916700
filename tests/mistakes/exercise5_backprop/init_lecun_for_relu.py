# expect: value
# check: init_weight_scale
# Uses sqrt(1 / n_in) for every activation: too small for ReLU by a factor sqrt(2).
def init_params(layer_sizes, activation="relu", seed=0):
    rng = np.random.default_rng(seed)
    return [(rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
