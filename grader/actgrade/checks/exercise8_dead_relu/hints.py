"""The three progressive hints of `actgrade hint exercise8`, from a nudge to nearly the answer.

Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = [
    "Leaky ReLU is ReLU with a gentle slope instead of a flat floor: x where x > 0, alpha * x elsewhere, so its "
    "slope is 1 or alpha, never 0. A unit is dead when its pre-activation z is <= 0 on EVERY example: it then "
    "outputs 0 and gets no gradient, for good. Big learning-rate steps kill units; sane steps keep them alive.",
    "leaky_relu and its derivative: one `np.where(x > 0, ..., ...)` each. dead_unit_fraction: walk through the "
    "hidden layers `params[:-1]` with A = X at the start: Z = A @ W + b, a unit (a column of Z) is dead when "
    "every entry of its column is <= 0, record the fraction of dead units, then A = relu(Z). kill_and_revive: "
    "train with a few learning rates (1, 5, 10, 20, 50) on several seeds of two moons and XOR and watch "
    "dead_unit_fraction and the accuracy before you pick.",
    "`np.where(x > 0, x, alpha * x)`; `np.where(x > 0, 1.0, alpha)` (alpha at exactly 0). "
    "Per layer: `dead = np.all(Z <= 0, axis=0)`, `fractions.append(float(np.mean(dead)))`, "
    "`A = np.maximum(Z, 0.0)`. Settings: kill with \"relu\" and a learning rate about 20 times exercise 6's "
    "default of 1.0; revive with the default 1.0 (and \"leaky_relu\" as a safety net).",
]
