# expect: batch-mean
# check: loss_values
# check: gradients_relu
# Returns the summed loss over the batch while the gradients are those of the mean.
_mean_loss_and_delta = _output_loss_and_delta


def _output_loss_and_delta(logits, y, output, loss):
    value, delta = _mean_loss_and_delta(logits, y, output, loss)
    return value * logits.shape[0], delta
