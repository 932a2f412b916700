# expect: gradient
# check: gradients_relu
# Writes the output delta as y - p: every gradient points uphill.
_right_loss_and_delta = _output_loss_and_delta


def _output_loss_and_delta(logits, y, output, loss):
    value, delta = _right_loss_and_delta(logits, y, output, loss)
    return value, -delta
