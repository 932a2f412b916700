# expect: not-implemented
# check: mse_values
# check: mse_grad_matches_own_loss
# Half done: the gradient is written, the loss is not yet.
def mse(pred, target):
    raise NotImplementedError("write mse")
