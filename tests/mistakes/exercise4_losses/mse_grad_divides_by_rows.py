# expect: batch-mean
# check: mse_grad_values
# Divides by len(pred), the number of rows, instead of pred.size.
def mse_grad(pred, target):
    return 2.0 * (pred - target) / len(pred)
