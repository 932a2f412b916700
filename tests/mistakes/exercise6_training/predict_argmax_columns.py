# expect: shape
# check: predict_labels
# Takes the argmax down each column (axis=0) instead of along each row.
import numpy as np

from exercise5_backprop import forward


def predict(params, X, activation="relu", output="sigmoid"):
    logits = forward(params, X, activation, output="linear")
    if output == "sigmoid":
        return (logits[:, 0] > 0).astype(np.int64)
    return np.argmax(logits, axis=0)
