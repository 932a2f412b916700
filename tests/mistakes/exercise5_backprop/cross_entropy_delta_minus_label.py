# expect: gradient
# check: gradients_sigmoid
# Subtracts the integer label itself from every probability instead of a one-hot row.
_right_loss_and_delta = _output_loss_and_delta


def _output_loss_and_delta(logits, y, output, loss):
    value, delta = _right_loss_and_delta(logits, y, output, loss)
    if output == "softmax":
        delta = (softmax(logits, axis=1) - y[:, None]) / logits.shape[0]
    return value, delta
