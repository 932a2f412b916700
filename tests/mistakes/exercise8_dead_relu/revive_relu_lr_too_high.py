# expect: dead-relu
# check: revive_setting_trains
# "Revives" with plain ReLU at a large learning rate, which kills most units on XOR.
def kill_and_revive(X, y, seed=0):
    return {"kill": {"activation": "relu", "lr": 20.0},
            "revive": {"activation": "relu", "lr": 10.0}}
