# expect: derivative
# check: jacobian_values
# Forgets the delta_ij term: -S_i * S_j everywhere, the diagonal too.
def softmax_jacobian(z):
    s = softmax(z)
    return -s[..., :, None] * s[..., None, :]
