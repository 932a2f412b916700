# expect: symmetry
# check: init_weight_scale
# Starts every weight at zero: all units of a layer stay identical.
def init_params(layer_sizes, activation="relu", seed=0):
    return [(np.zeros((n_in, n_out)), np.zeros(n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
