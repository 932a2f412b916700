# expect: batch-mean
# check: gradients_sigmoid
# check: gradients_worked_example
# Writes the output delta as p - y by hand and forgets the 1/n of the mean loss.
def _output_loss_and_delta(logits, y, output, loss):
    if output == "sigmoid":
        z = logits[:, 0]
        return binary_cross_entropy(z, y), (sigmoid(z) - y)[:, None]
    if output == "softmax":
        p = softmax(logits, axis=1)
        onehot = np.zeros_like(p)
        onehot[np.arange(len(y)), y] = 1.0
        return cross_entropy(logits, y), p - onehot
    return mse(logits, y), 2.0 * (logits - y) / logits.shape[1]
