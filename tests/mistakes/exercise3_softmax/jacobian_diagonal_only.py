# expect: derivative
# check: jacobian_values
# check: jacobian_batch
# Copies the sigmoid's derivative: S * (1 - S) elementwise, only the diagonal of the Jacobian.
def softmax_jacobian(z):
    s = softmax(z)
    return s * (1 - s)
