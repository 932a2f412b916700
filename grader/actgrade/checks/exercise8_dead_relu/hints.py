"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "leaky_relu": [
        "Leaky ReLU is ReLU with a gentle slope instead of a flat floor: x where x > 0, alpha * x elsewhere. "
        "With alpha = 0.01, -2.0 becomes -0.02.",
        "Choose between two values element by element: x where x > 0, alpha * x elsewhere. NumPy's np.where does "
        "that on the whole array; build a new array, never write into x.",
        "np.where with the condition x > 0, the value x where it holds and alpha times x where it does not. The "
        "result is a float array of x's shape (also for a 0-d x).",
    ],
    "leaky_relu_derivative": [
        "The slope of leaky ReLU is 1 where x > 0 and alpha elsewhere, so it is never 0: a unit always passes a "
        "little gradient back. At exactly 0 the slope is alpha.",
        "The same choice as in leaky_relu, between the two slopes instead of two values.",
        "np.where with the condition x > 0 (strict: at 0 the slope is alpha), the float 1.0 where it holds and "
        "alpha where it does not.",
    ],
    "dead_unit_fraction": [
        "A unit is dead when its pre-activation z is <= 0 on EVERY row of X: it then outputs 0, gets no gradient, "
        "and never comes back. The question is asked for each hidden layer (all layers but the last).",
        "Walk through the hidden layers with A = X at the start: Z = A @ W + b; a unit (a column of Z) is dead "
        "when every entry of its column is <= 0; record the fraction of dead columns; then A = relu(Z) for the "
        "next layer.",
        "For each (W, b) of every layer but the last: Z = A @ W + b, shape (n, units); ask, for every column at "
        "once, whether all its entries are <= 0 (np.all down the rows, axis 0); the mean of those True/False "
        "values is the layer's fraction, appended as a float; then A becomes the element-by-element maximum of Z "
        "and 0. Return the list of fractions.",
    ],
    "kill_and_revive": [
        "Big learning-rate steps kill ReLUs: one step can push a unit so far that z <= 0 on every example. Sane "
        "steps keep them alive. The grader trains your two settings with its own training loop, on several seeds "
        "of two moons and XOR.",
        "Experiment before you commit: from exercise6_training import train, predict; train ReLU networks with a "
        "few learning rates (1, 3, 10, 30, ...) on a few seeds of both data sets and look at dead_unit_fraction "
        "of the trained params and at the accuracy each time.",
        "For \"kill\", pick the smallest learning rate that leaves at least 40% of the units dead on every run you "
        "tried, then go a good step beyond it: the grader uses fresh seeds, and a setting that works on most runs "
        "fails on some. For \"revive\", the dependable fix is a sane learning rate (exercise 6's default trains "
        "well); leaky ReLU on top is a safety net. Check that it reaches 95% with at most 10% dead on every run.",
    ],
}
