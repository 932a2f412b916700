# expect: shape
# check: gradients_relu
# Appends the gradients while walking backwards and never reverses the list.
def loss_and_gradients(params, X, y, activation="relu", output="sigmoid", loss="bce"):
    logits, cache = _forward_pass(params, X, activation)
    loss_value, delta = _output_loss_and_delta(logits, y, output, loss)
    grads = []
    for layer in reversed(range(len(params))):
        a_in = cache[layer][0]
        grads.append((a_in.T @ delta, delta.sum(axis=0)))
        if layer > 0:
            da = delta @ params[layer][0].T
            _, z_prev, h_prev = cache[layer - 1]
            delta = _activate_backward(z_prev, h_prev, da, activation)
    return float(loss_value), grads
