# expect: mutation
# check: mse_grad_values
# Subtracts the target from the caller's pred array in place.
def mse_grad(pred, target):
    pred -= target
    return 2.0 * pred / pred.size
