# expect: value
# check: forward_values
# Returns the logits: the output activation is never applied.
def forward(params, X, activation="relu", output="sigmoid"):
    logits, _ = _forward_pass(params, X, activation)
    if logits.shape[1] == 1:
        return logits[:, 0]
    return logits
