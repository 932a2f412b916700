"""The three progressive hints of `actgrade hint exercise2`, from a nudge to nearly the answer.

Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = [
    "The sigmoid squashes any number into the range from 0 to 1: sigmoid(x) = 1 / (1 + exp(-x)), so "
    "sigmoid(0) = 0.5. Its slope can be written with the sigmoid itself: sigmoid(x) * (1 - sigmoid(x)). "
    "Try both on x = 0 by hand first: you should get 0.5 and 0.25.",
    "Work on the whole array with np.exp. The one trap is overflow: exp(1000) is too large for a float. "
    "Compute e = np.exp(-np.abs(x)), which is always between 0 and 1, and use it in two forms of the same "
    "formula: 1 / (1 + e) where x >= 0 and e / (1 + e) where x < 0; np.where(condition, a, b) picks one "
    "per element. For the derivative, call your sigmoid on x (the input, not the output) and combine.",
    "sigmoid: `e = np.exp(-np.abs(x))`, then `return np.where(x >= 0, 1 / (1 + e), e / (1 + e))`. "
    "sigmoid_derivative: `s = sigmoid(x)`, then `return s * (1 - s)`.",
]
