# expect: dtype
# check: predict_labels
# Returns the network's probabilities instead of class labels.
from exercise5_backprop import forward


def predict(params, X, activation="relu", output="sigmoid"):
    return forward(params, X, activation, output)
