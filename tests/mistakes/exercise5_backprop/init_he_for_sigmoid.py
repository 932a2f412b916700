# expect: value
# check: init_weight_scale
# Uses He's sqrt(2 / n_in) for every activation, sigmoid and softmax included.
def init_params(layer_sizes, activation="relu", seed=0):
    rng = np.random.default_rng(seed)
    return [(rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
