# expect: gradient
# check: mse_grad_values
# check: mse_grad_matches_own_loss
# Forgets the 2 from the derivative of the square.
def mse_grad(pred, target):
    return (pred - target) / pred.size
