"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "sigmoid": [
        "The sigmoid squashes any number into the range 0..1: sigmoid(x) = 1 / (1 + exp(-x)), so sigmoid(0) = 0.5 "
        "and sigmoid(log(3)) = 0.75. Try both by hand. The one trap is overflow: for x = -1e4 the formula asks for "
        "exp(1e4), far too large for a float.",
        "Only ever call exp on a number <= 0: its result is then between 0 and 1 and cannot overflow. exp(-|x|) is "
        "such a number for every x, and both forms of the formula in the docstring can be written with it. "
        "np.where(condition, a, b) picks a form for each element; it computes both forms on the whole array, so "
        "both must be safe everywhere.",
        "Step 1: e = exp of minus the absolute value of x (between 0 and 1 for every x). Step 2: where x >= 0 the "
        "sigmoid is 1 / (1 + e); where x < 0 it is e / (1 + e), the same formula with its top and bottom "
        "multiplied by exp(x). Step 3: let np.where take the first form where x >= 0 and the second elsewhere, "
        "and return that.",
    ],
    "sigmoid_derivative": [
        "The slope of the sigmoid can be written with the sigmoid itself: sigmoid(x) * (1 - sigmoid(x)). At x = 0 "
        "it is 0.5 * 0.5 = 0.25, its largest value; far from 0 it is tiny (the sigmoid is saturated there).",
        "Call your own sigmoid on x, the input of the sigmoid (the pre-activation), not on the output of an "
        "earlier sigmoid. The formula then works element by element on the whole array, with no overflow because "
        "your sigmoid has none.",
        "Compute s, your sigmoid of x, once, and return s times (1 - s). (1 - s) equals the sigmoid of -x, which "
        "keeps all its digits even when s is very close to 1; either form passes.",
    ],
}
