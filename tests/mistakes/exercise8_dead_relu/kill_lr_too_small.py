# expect: dead-relu
# check: kill_setting_kills
# A "kill" learning rate that kills nothing: exercise 6's default steps are far too gentle.
def kill_and_revive(X, y, seed=0):
    return {"kill": {"activation": "relu", "lr": 1.0},
            "revive": {"activation": "leaky_relu", "lr": 1.0}}
