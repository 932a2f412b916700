# expect: divergence
# check: kill_setting_kills
# Goes for an enormous learning rate: the weights overflow to inf/nan instead of dying.
def kill_and_revive(X, y, seed=0):
    return {"kill": {"activation": "relu", "lr": 1e4},
            "revive": {"activation": "leaky_relu", "lr": 1.0}}
