# expect: gradient
# check: learns_xor
# in: exercise5_backprop
# expect-words: Your exercise 5 is not right yet; actgrade check exercise5
# reject-words: a minus sign
# The mistake is in exercise 5: loss_and_gradients returns gradients of the wrong sign, so
# exercise 6's correct W - lr * dW climbs. The hint must send the learner to exercise 5.
_reference_loss_and_gradients = loss_and_gradients


def loss_and_gradients(params, X, y, activation="relu", output="sigmoid", loss="bce"):
    value, grads = _reference_loss_and_gradients(params, X, y, activation, output, loss)
    return value, [(-dW, -db) for dW, db in grads]
