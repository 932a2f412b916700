# expect: value
# check: loss_values
# expect-words: ignores its `activation` argument; hidden layers use relu
# reject-words: The loss is the exercise 4 loss of the last layer's logits
# forward is right, but loss_and_gradients has its own forward pass that always uses relu.
import numpy as np


def loss_and_gradients(params, X, y, activation="relu", output="sigmoid", loss="bce"):
    a = np.asarray(X)
    cache = []
    for W, b in params[:-1]:
        z = a @ W + b
        h = relu(z)
        cache.append((a, z, h))
        a = h
    W, b = params[-1]
    logits = a @ W + b
    cache.append((a, logits, None))
    loss_value, delta = _output_loss_and_delta(logits, y, output, loss)
    grads = [None] * len(params)
    for layer in reversed(range(len(params))):
        a_in, _, _ = cache[layer]
        grads[layer] = (a_in.T @ delta, delta.sum(axis=0))
        if layer > 0:
            da = delta @ params[layer][0].T
            _, z_prev, h_prev = cache[layer - 1]
            delta = _activate_backward(z_prev, h_prev, da, activation)
    return float(loss_value), grads
