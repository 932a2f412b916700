"""Exercise 4's shared constants and tolerances."""

from __future__ import annotations

H = 1e-5  # the finite-difference step of the contract
FD_RTOL = 1e-6  # largest relative error between a gradient and finite differences
BIG = 1e4

BCE_FIX = ("Compute the loss from the logits, never from sigmoid(z): per example "
           "np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))), then the mean. "
           "np.exp(-np.abs(z)) is always between 0 and 1, so nothing overflows and no log(0) appears.")
BCE_GRAD_FIX = ("Compute sigmoid(z) with a stable formula, for example the sigmoid of exercise 2 "
                "(built on np.exp(-np.abs(z)), which never overflows), then return (sigmoid(z) - y) / n. "
                "Do not divide by p or by 1 - p: for large logits they are exactly 0.")
CE_FIX = ("Use log-sum-exp: subtract each row's largest score m first (z - z.max(axis=1, keepdims=True)), "
          "then log(sum(exp(z))) = m + log(sum(exp(z - m))), and the row's loss is that minus the score of "
          "its true class. No probability is computed, so there is no log(0).")
CE_GRAD_FIX = ("Compute the softmax with the shift by each row's largest score (the softmax of exercise 3 "
               "with axis=1), then return (softmax(z) - onehot) / n.")

NOTE_BCE = (
    "Correct, and worth remembering: your gradient is (sigmoid(z) - y) / n, the error p - y itself, shared "
    "over the n examples. The log in the loss cancels the flat tails of the sigmoid, so a confidently wrong "
    "example still gets a full push: z = -10 with y = 1 gives p - y = -0.99995. With MSE on a sigmoid output "
    "the same example would be multiplied by sigmoid'(-10) = 0.0000454 and barely move: that is saturation, "
    "and it is why a sigmoid output goes with cross-entropy."
)
NOTE_CE = (
    "Correct, and worth remembering: your gradient is (softmax(z) - onehot) / n, the same 'p - y' pattern as "
    "BCE. It stays large whenever a high score sits on the wrong class, so a softmax output trained with "
    "cross-entropy does not saturate. A softmax in a hidden layer has no log after it to cancel its flat "
    "parts: its Jacobian entries are at most 0.25 and shrink towards 0 once one score dominates (exercise 3). "
    "Keep that in mind for the big question of these exercises (exercise 7)."
)
NOTE_MSE = (
    "Correct, and worth remembering: your MSE gradient 2 * (pred - target) / pred.size grows with the error, "
    "and with no activation at the output nothing flattens it. Put a sigmoid in front of MSE, though, and the "
    "chain rule multiplies it by sigmoid'(z), below 0.00005 once |z| >= 10: a confidently wrong output almost "
    "stops learning (saturation). Cross-entropy's p - y has no such factor."
)
