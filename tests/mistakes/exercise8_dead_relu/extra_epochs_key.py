# expect: value
# check: kill_and_revive_settings
# Adds a setting the grader never uses, believing it trains longer.
def kill_and_revive(X, y, seed=0):
    return {"kill": {"activation": "relu", "lr": 20.0},
            "revive": {"activation": "leaky_relu", "lr": 1.0, "epochs": 2000}}
