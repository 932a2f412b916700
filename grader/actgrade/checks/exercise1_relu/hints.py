"""The three progressive hints of `actgrade hint exercise1`, from a nudge to nearly the answer.

Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = [
    "ReLU keeps positive numbers and replaces everything else by 0. Its derivative is the slope: "
    "1 where the graph goes up, 0 where it is flat.",
    "Work on the whole array at once: NumPy has a function that takes the larger of two values "
    "element by element. For the derivative, compare x with 0 to get True/False, then turn that "
    "into floats.",
    "relu: `return np.maximum(x, 0.0)`. relu_derivative: `return np.where(x > 0, 1.0, 0.0)` "
    "(note the strict `>`: the derivative at exactly 0 is 0).",
]
