# expect: no-learning
# check: revive_setting_trains
# Plays it so safe that 500 epochs of tiny steps cannot fit the data.
def kill_and_revive(X, y, seed=0):
    return {"kill": {"activation": "relu", "lr": 20.0},
            "revive": {"activation": "relu", "lr": 0.01}}
