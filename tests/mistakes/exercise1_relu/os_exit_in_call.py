# expect: error
# check: relu_values
# Kills the process from inside the function.
import os


def relu(x):
    os._exit(0)
