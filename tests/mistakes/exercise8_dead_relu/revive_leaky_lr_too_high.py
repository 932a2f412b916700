# expect: divergence
# check: revive_setting_trains
# Trusts leaky ReLU to fix everything and keeps the huge learning rate: on XOR the loss only grows.
def kill_and_revive(X, y, seed=0):
    return {"kill": {"activation": "relu", "lr": 20.0},
            "revive": {"activation": "leaky_relu", "lr": 10.0}}
