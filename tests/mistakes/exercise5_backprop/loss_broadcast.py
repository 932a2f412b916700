# expect: value
# check: loss_values
# Passes the (n, 1) logits column to the loss with y of shape (n,): broadcasting makes (n, n).
_right_loss_and_delta = _output_loss_and_delta


def _output_loss_and_delta(logits, y, output, loss):
    value, delta = _right_loss_and_delta(logits, y, output, loss)
    if output == "sigmoid":
        value = binary_cross_entropy(logits, y)
    return value, delta
