# expect: batch-mean
# check: gradients_relu
# Divides the mse gradient by the number of rows only, not by all n * k numbers.
_right_loss_and_delta = _output_loss_and_delta


def _output_loss_and_delta(logits, y, output, loss):
    value, delta = _right_loss_and_delta(logits, y, output, loss)
    if output == "linear":
        delta = 2.0 * (logits - y) / logits.shape[0]
    return value, delta
