# expect: nondeterministic
# check: init_seeded
# Creates the generator without the seed, so every call gives a different network.
_seeded_init = init_params


def init_params(layer_sizes, activation="relu", seed=0):
    return _seeded_init(layer_sizes, activation, seed=np.random.default_rng().integers(2**31))
