# expect: value
# check: kill_and_revive_settings
# Tries to kill units with leaky ReLU, whose units can never die.
def kill_and_revive(X, y, seed=0):
    return {"kill": {"activation": "leaky_relu", "lr": 20.0},
            "revive": {"activation": "leaky_relu", "lr": 1.0}}
