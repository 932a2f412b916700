# expect: shape
# check: forward_values
# Returns the width-1 sigmoid output as a column of shape (n, 1).
def forward(params, X, activation="relu", output="sigmoid"):
    logits, _ = _forward_pass(params, X, activation)
    if output == "sigmoid":
        return sigmoid(logits)
    if output == "softmax":
        return softmax(logits, axis=1)
    return logits
