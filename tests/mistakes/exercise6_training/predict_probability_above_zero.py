# expect: value
# check: predict_labels
# Compares the sigmoid's probability with 0 (meant for the logit): every label becomes 1.
import numpy as np

from exercise5_backprop import forward


def predict(params, X, activation="relu", output="sigmoid"):
    out = forward(params, X, activation, output)
    if output == "sigmoid":
        return (out > 0).astype(np.int64)
    return np.argmax(out, axis=1)
