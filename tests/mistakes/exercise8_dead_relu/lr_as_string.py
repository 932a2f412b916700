# expect: dtype
# check: kill_and_revive_settings
# Writes the learning rate in quotes.
def kill_and_revive(X, y, seed=0):
    return {"kill": {"activation": "relu", "lr": "20"},
            "revive": {"activation": "relu", "lr": "1"}}
