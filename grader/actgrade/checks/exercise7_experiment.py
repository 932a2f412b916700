"""Hidden tests for exercise 7: the experiment that answers the seed question.

The learner's `compare_setups` and `gradient_norms_by_layer` run on fresh XOR
and two-moons data. Their numbers are judged against the same experiment run
by the grader from the learner's own random start: the grader asks the
learner's `init_params` for the network their training starts from, and runs
exercise 6's training loop (or takes one gradient) from there with the
reference's code. A correct implementation then matches to rounding, however
its random start was drawn, so the comparison can be tight: one point of
accuracy, a relative 1e-4 for losses and gradient norms. Every known wrong
variant (the last epoch's gradient instead of the mean, norm(dW) + norm(db),
the first loss, the layers output first, ...) is off by far more on every
seed (`benchmarks/seed_sweeps.py`). When a number is off, the check
recomputes the usual wrong variants from the same training history and names
the one that matches.

The passing feedback answers the seed question in the learner's own numbers.
"""

from __future__ import annotations

import math
import weakref
from typing import Any

import numpy as np

from actgrade import catalog, grading
from actgrade.checks.core import CheckFailed, Context, Hint, NotStarted, Submission, check, fail
from actgrade.checks.expect import kind_text, real_number
from actgrade.checks.expect import percent_text as pct
from actgrade.datasets import two_moons, xor

HINTS = [
    "Let measurements answer the question. Train the two networks on the same data with the same seed and "
    "budget, and compare how many training points each gets right. Then build a deep network that has not "
    "been trained yet and look at how big the gradient is at each layer, from the input to the output.",
    "compare_setups: call your `train` twice: with activation=\"relu\", output=\"sigmoid\", loss=\"bce\" on y, "
    "and with activation=\"softmax\", output=\"linear\", loss=\"mse\" on one-hot targets `np.eye(2)[y]`. For "
    "each: the accuracy of `predict` on X, the last loss of the history, and the mean over epochs of the "
    "first number in each row of history[\"grad_norms\"]. gradient_norms_by_layer: `init_params` with layer "
    "sizes [X.shape[1]] + [width] * depth + [1], one call of `loss_and_gradients`, the norm of every dW.",
    "For each setup: `h = train(X, targets, activation=a, output=o, loss=l, seed=seed)`, then "
    "`{\"accuracy\": float(np.mean(predict(h[\"params\"], X, activation=a, output=o) == y)), "
    "\"final_loss\": float(h[\"losses\"][-1]), "
    "\"first_layer_grad_norm\": float(np.mean([g[0] for g in h[\"grad_norms\"]]))}`. "
    "Layers: `[float(np.linalg.norm(dW)) for dW, db in grads]` (input layer first, as `grads` already is). "
    "On XOR the softmax + linear network stays near a coin toss while ReLU + sigmoid gets almost every point, "
    "and a deep sigmoid or softmax network's first layer gets a millionth of the last layer's gradient or "
    "less: ANSWER_SAME_RESULT = False, and the reason is ANSWER_WHY = \"saturation\".",
]

SETUPS = ("relu_sigmoid", "softmax_linear")
ENTRIES = ("accuracy", "final_loss", "first_layer_grad_norm")
LABEL = {"relu_sigmoid": "ReLU + sigmoid", "softmax_linear": "softmax + linear"}
TRAINING = {  # setup -> (activation, output, loss), as compare_setups' docstring says
    "relu_sigmoid": ("relu", "sigmoid", "bce"),
    "softmax_linear": ("softmax", "linear", "mse"),
}
WHY_CHOICES = ("saturation", "dead_relu", "overfitting", "no_difference")

# The learner's numbers against the grader's run of the same experiment from the learner's own
# random start. Measured: starts perturbed by a relative 1e-12 end 500 epochs later within 3e-12
# of each other (XOR and two moons, both setups, 20 seeds), so rounding never comes near these
# limits, while every wrong variant in tests/mistakes/ is off by 1% or more.
SAME_START_RTOL = 1e-4
ACCURACY_SLACK_POINTS = 1  # one training point may flip on a knife edge of rounding
EPOCHS, LR, HIDDEN = 500, 1.0, 32  # exercise 6's defaults, which compare_setups trains with

# The deep network of gradient_vanishes_with_depth: 8 hidden layers of 32 units, on XOR. Its
# first-layer / last-layer gradient ratio is about 0.1-1 with ReLU, 1e-7-1e-4 with sigmoid and
# 1e-12-1e-10 with softmax.
DEPTH, WIDTH = 8, 32
ACTIVATIONS = ("relu", "sigmoid", "softmax")

# What the learner's passing checks measured, for the answer to the seed question.
_MEASURED: weakref.WeakKeyDictionary[Submission, dict[str, Any]] = weakref.WeakKeyDictionary()


# -- small helpers ---------------------------------------------------------------------------

def remember(sub: Submission, key: str, value: Any) -> None:
    """Keep a number the learner's passing check measured, for the answer's feedback."""
    try:
        _MEASURED.setdefault(sub, {})[key] = value
    except TypeError:  # a proxy that cannot be weakly referenced: the feedback uses reference numbers
        pass


def recall(sub: Submission) -> dict[str, Any]:
    try:
        return _MEASURED.get(sub, {})
    except TypeError:
        return {}


def num(value: float) -> str:
    """A number for a hint: 3 significant digits, scientific when tiny or huge."""
    if value == 0 or not math.isfinite(value):
        return repr(value)
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.3g}"
    return f"{value:.2g}"


def nums(values: Any) -> str:
    """A list of numbers for a hint: [0.22, 1.01, 1.05]."""
    return "[" + ", ".join(num(float(v)) for v in values) + "]"


def seeded(ctx: Context) -> tuple[int, int]:
    """A fresh data seed and a training seed."""
    return int(ctx.rng.integers(2**31)), int(ctx.rng.integers(1000))


def reference_training():
    """Exercise 6's reference module (train, predict), for re-measuring histories."""
    return grading.reference_module(catalog.find("6"))


# -- compare_setups ----------------------------------------------------------------------------

def read_setups(value: Any, call: str) -> dict[str, dict[str, float]]:
    """The learner's result as {setup: {entry: float}}, or a failure naming what is off."""
    shape = ('{"relu_sigmoid": {"accuracy": ..., "final_loss": ..., "first_layer_grad_norm": ...}, '
             '"softmax_linear": {...}}')
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line? It should return {shape}.")
    if not isinstance(value, dict):
        fail("value", f"`{call}` returned {kind_text(value)}, not a dict. Return a dict of this form: {shape}.")
    missing = [name for name in SETUPS if name not in value]
    if missing:
        have = ", ".join(repr(k) for k in value) or "no keys"
        fail("value", f"`{call}` returned a dict with {have}; it needs the keys \"relu_sigmoid\" and "
             f"\"softmax_linear\" (missing: {', '.join(repr(m) for m in missing)}). Use exactly these names.")
    result: dict[str, dict[str, float]] = {}
    for name in SETUPS:
        inner = value[name]
        if not isinstance(inner, dict):
            fail("value", f"In the result of `{call}`, [\"{name}\"] is {kind_text(inner)}, not a dict. "
                 "Each setup needs a dict with \"accuracy\", \"final_loss\" and \"first_layer_grad_norm\".")
        absent = [e for e in ENTRIES if e not in inner]
        if absent:
            have = ", ".join(repr(k) for k in inner) or "no keys"
            fail("value", f"In the result of `{call}`, [\"{name}\"] has {have}; it needs \"accuracy\", "
                 f"\"final_loss\" and \"first_layer_grad_norm\" (missing: {', '.join(repr(a) for a in absent)}).")
        numbers = {}
        for entry in ENTRIES:
            number = real_number(inner[entry])
            where = f"[\"{name}\"][\"{entry}\"]"
            if number is None:
                advice = (" A list of numbers? Take its mean with np.mean(...)."
                          if isinstance(inner[entry], (list, tuple, np.ndarray)) else "")
                fail("dtype", f"In the result of `{call}`, {where} is {kind_text(inner[entry])}; it should be one "
                     f"number (a float).{advice} `float(...)` turns a NumPy number into a Python float.")
            if not math.isfinite(number):
                fail("divergence", f"In the result of `{call}`, {where} is {number}: that training diverged (its "
                     "steps grew until the numbers overflowed). The reference's does not, on the same data and seed: "
                     "check that this setup trains with exactly the activation, output and loss its docstring "
                     "gives, and exercise 6's default learning rate 1.0.")
            if number < 0:
                fail("value", f"In the result of `{call}`, {where} is {number:.4g}, below 0. Accuracies, "
                     "losses and norms are never negative.")
            numbers[entry] = number
        if numbers["accuracy"] > 1:
            fail("value", f"In the result of `{call}`, [\"{name}\"][\"accuracy\"] is {numbers['accuracy']:.4g}. "
                 "Report accuracy as a fraction between 0 and 1 (0.97 for 97%), for example "
                 "`float(np.mean(predicted == y))`, without multiplying by 100.")
        result[name] = numbers
    return result


def reference5():
    return grading.reference_module(catalog.find("5"))


def own_start(sub: Submission, sizes: list[int], activation: str, seed: int) -> list | None:
    """The learner's own `init_params(sizes, activation=activation, seed=seed)`, the network their
    training starts from; None when it cannot be had."""
    source = sub if sub.has("init_params") else sub.sibling("exercise5_backprop", catalog.find("5").filename)
    if source is None or not source.has("init_params"):
        return None
    try:
        value = source.init_params(sizes, activation=activation, seed=seed)
    except (CheckFailed, NotStarted):
        return None
    return as_params(value, sizes)


def as_params(value: Any, sizes: list[int]) -> list | None:
    """`value` as a list of float (W, b) pairs of the shapes `sizes` asks for, or None."""
    if not isinstance(value, (list, tuple)) or len(value) != len(sizes) - 1:
        return None
    params = []
    for n_in, n_out, pair in zip(sizes[:-1], sizes[1:], value, strict=True):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            return None
        W, b = (np.asarray(part) if isinstance(part, np.ndarray) else np.asarray([]) for part in pair)
        if W.dtype.kind not in "iuf" or b.dtype.kind not in "iuf" or W.shape != (n_in, n_out) \
                or b.shape != (n_out,) or not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
            return None
        params.append((W.astype(np.float64), b.astype(np.float64)))
    return params


def start_for(sub: Submission, sizes: list[int], activation: str, seed: int) -> tuple[list, bool]:
    """The learner's start when their init_params gives one (True), else the reference's (False)."""
    start = own_start(sub, sizes, activation, seed)
    if start is None:
        return reference5().init_params(sizes, activation=activation, seed=seed), False
    return start, True


def train_from(start: list, X: np.ndarray, targets: np.ndarray, activation: str, output: str, loss: str) -> dict:
    """Exercise 6's training loop with its defaults, run by the grader from `start` with the
    reference's `loss_and_gradients`: what a correct `train` records from that start."""
    ref5 = reference5()
    params = [(W.copy(), b.copy()) for W, b in start]
    losses, norms = [], []
    for _ in range(EPOCHS):
        value, grads = ref5.loss_and_gradients(params, X, targets, activation, output, loss)
        losses.append(float(value))
        norms.append([float(np.linalg.norm(dW)) for dW, _ in grads])
        params = [(W - LR * dW, b - LR * db) for (W, b), (dW, db) in zip(params, grads, strict=True)]
    return {"params": params, "losses": losses, "grad_norms": norms}


def summarise(history: dict, X: np.ndarray, y: np.ndarray, activation: str, output: str) -> dict[str, float]:
    """compare_setups' three numbers for one training history."""
    predicted = reference_training().predict(history["params"], X, activation=activation, output=output)
    return {"accuracy": float(np.mean(predicted == y)), "final_loss": history["losses"][-1],
            "first_layer_grad_norm": float(np.mean([g[0] for g in history["grad_norms"]]))}


def measure_setups(sub: Submission, ctx: Context, dataset: str) -> tuple[dict, dict, dict, tuple]:
    """The learner's compare_setups on fresh data of one kind, and the grader's run of the same
    experiment from the learner's own start: (got, expected, histories, info)."""
    data_seed, seed = seeded(ctx)
    make = xor if dataset == "xor" else two_moons
    X, y = make(n=200, seed=data_seed)
    call = f"compare_setups(X, y, seed={seed})"
    got = read_setups(sub.compare_setups(X, y, seed=seed), call)
    histories, expected, own = {}, {}, True
    for name, (activation, output, loss) in TRAINING.items():
        targets = y if name == "relu_sigmoid" else np.eye(2)[y]
        start, mine = start_for(sub, [X.shape[1], HIDDEN, 1 if name == "relu_sigmoid" else 2], activation, seed)
        own = own and mine
        histories[name] = train_from(start, X, targets, activation, output, loss)
        expected[name] = summarise(histories[name], X, y, activation, output)
    where = f"on {dataset}(n=200, seed={data_seed}) with seed={seed}"
    return got, expected, histories, (X, y, seed, call, where, own)


def loss_suspects(history: dict) -> list[tuple[float, str]]:
    losses = np.asarray(history["losses"], dtype=float)
    return [
        (losses[0], "the loss of the FIRST epoch: use the last one, `history[\"losses\"][-1]`"),
        (float(np.mean(losses)), "the mean of all the losses: use only the last one, `history[\"losses\"][-1]`"),
        (float(np.sum(losses)), "the sum of all the losses: use only the last one, `history[\"losses\"][-1]`"),
    ]


def grad_suspects(history: dict) -> list[tuple[float, str]]:
    norms = np.asarray(history["grad_norms"], dtype=float)  # (epochs, layers)
    return [
        (float(norms[:, 0].sum()), "a SUM over the epochs: take the mean, `np.mean(...)`, over the epochs"),
        (float(norms[-1, 0]), "the first layer's norm at the LAST epoch only: average it over all epochs"),
        (float(norms[0, 0]), "the first layer's norm at the FIRST epoch only: average it over all epochs"),
        (float(norms[:, -1].mean()), "the mean of the LAST (output) layer's norm: use the first entry of each "
         "row, `g[0] for g in history[\"grad_norms\"]`"),
        (float(norms.mean()), "the mean over all layers: use only the first layer, the first entry of each row"),
        (float(norms.sum(axis=1).mean()), "the sum over the layers: use only the first layer, the first entry of "
         "each row"),
    ]


def suspect_for(got: float, suspects: list[tuple[float, str]]) -> str | None:
    """The wrong variant the learner's number matches, if any."""
    for value, story in suspects:
        if math.isclose(got, value, rel_tol=SAME_START_RTOL, abs_tol=1e-12):
            return story
    return None


def agrees(mine: float, theirs: float, entry: str, n: int) -> bool:
    if entry == "accuracy":
        return abs(mine - theirs) <= ACCURACY_SLACK_POINTS / n + 1e-12
    return math.isclose(mine, theirs, rel_tol=SAME_START_RTOL, abs_tol=1e-12)


def judge_setups(got: dict, expected: dict, histories: dict, info: tuple) -> None:
    X, y, seed, call, where, own = info
    n = len(y)
    if all(agrees(got[name][e], expected[name][e], e, n) for name in SETUPS for e in ENTRIES):
        return
    start = ("from your own `init_params(..., seed=seed)`" if own else
             "from the reference's `init_params` (yours gave no usable network)")
    relu, soft = got["relu_sigmoid"]["accuracy"], got["softmax_linear"]["accuracy"]
    ref_relu, ref_soft = expected["relu_sigmoid"]["accuracy"], expected["softmax_linear"]["accuracy"]
    reference = (f"exercise 6's training loop, run by the grader {start} {where}, gets {pct(ref_relu)} and "
                 f"{pct(ref_soft)}")
    swapped = all(agrees(got[a][e], expected[b][e], e, n) for a, b in zip(SETUPS, SETUPS[::-1], strict=True)
                  for e in ENTRIES)
    if swapped:
        fail("value", f"Your ReLU + sigmoid network got {pct(relu)} of the points right and your softmax + linear "
             f"network {pct(soft)}; {reference}. The two results look swapped: put the ReLU + sigmoid numbers "
             "under \"relu_sigmoid\" and the softmax + linear numbers under \"softmax_linear\".")
    if not agrees(relu, ref_relu, "accuracy", n):
        fail("value", f"Your ReLU + sigmoid network got {pct(relu)} of the training points right; {reference}. "
             "Train it with `train(X, y, activation=\"relu\", output=\"sigmoid\", loss=\"bce\", seed=seed)` and "
             "exercise 6's defaults (lr 1.0, 500 epochs), and compare `predict(history[\"params\"], X)` (same "
             "activation and output) with y.")
    if not agrees(soft, ref_soft, "accuracy", n):
        if soft > ref_soft:
            advice = ("Check that setup (b) really trains a softmax hidden layer: `train(X, np.eye(2)[y], "
                      "activation=\"softmax\", output=\"linear\", loss=\"mse\", seed=seed)`, and that its accuracy "
                      "uses `predict` with the same activation and output.")
        else:
            advice = ("Train it on one-hot targets `np.eye(2)[y]` (class 0 is [1, 0]) and predict with "
                      "`predict(history[\"params\"], X, activation=\"softmax\", output=\"linear\")`, which takes "
                      "the larger of the two outputs.")
        fail("value", f"Your softmax + linear network got {pct(soft)} of the points right; {reference}. {advice}")
    for name in SETUPS:
        for entry, suspects in (("final_loss", loss_suspects), ("first_layer_grad_norm", grad_suspects)):
            mine, theirs = got[name][entry], expected[name][entry]
            if agrees(mine, theirs, entry, n):
                continue
            culprit = suspect_for(mine, suspects(histories[name]))
            text = (f"Your {LABEL[name]} network's \"{entry}\" is {num(mine)}; exercise 6's training loop, run by "
                    f"the grader {start} {where}, gives {num(theirs)}. ")
            if culprit:
                text += f"Your number is {culprit}."
            elif entry == "final_loss":
                text += "Report the last entry of the training history's \"losses\": `history[\"losses\"][-1]`."
            else:
                text += ("Report the mean over all epochs of the first layer's gradient norm: "
                         "`np.mean([g[0] for g in history[\"grad_norms\"]])`.")
            fail("value", text)


@check(points=1, timeout=120)
def compare_setups_returns_results(sub: Submission, ctx: Context) -> None:
    """compare_setups returns both setups' accuracy, final loss and gradient size, reproducibly"""
    data_seed, seed = seeded(ctx)
    X, y = two_moons(n=120, seed=data_seed)
    call = f"compare_setups(X, y, seed={seed})"
    first = read_setups(sub.compare_setups(X, y, seed=seed), call)
    again = read_setups(sub.compare_setups(X, y, seed=seed), call)
    where = f"on two_moons(n=120, seed={data_seed})"
    for name in SETUPS:
        for entry in ENTRIES:
            a, b = first[name][entry], again[name][entry]
            if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
                fail("nondeterministic", f"`{call}` {where} gave [\"{name}\"][\"{entry}\"] = {a!r} the first time "
                     f"and {b!r} the second time. The same data and seed must give the same numbers: all the "
                     "randomness belongs in `init_params(..., seed=seed)`; pass the seed on to `train`.")
    other_seed = seed + 1
    other = read_setups(sub.compare_setups(X, y, seed=other_seed), f"compare_setups(X, y, seed={other_seed})")
    if all(math.isclose(first[n][e], other[n][e], rel_tol=1e-12) for n in SETUPS for e in ENTRIES):
        fail("value", f"`compare_setups` {where} gave exactly the same numbers for seed={seed} and "
             f"seed={other_seed}: the seed is not used. Pass it on: `train(..., seed=seed)` for both setups.")


@check(points=3, timeout=120)
def compare_setups_on_xor(sub: Submission, ctx: Context) -> None:
    """On XOR, both setups' accuracy, final loss and gradient size are what your own start gives"""
    got, expected, histories, info = measure_setups(sub, ctx, "xor")
    judge_setups(got, expected, histories, info)
    relu, soft = got["relu_sigmoid"], got["softmax_linear"]
    remember(sub, "xor", (relu["accuracy"], soft["accuracy"]))
    ratio = relu["first_layer_grad_norm"] / max(soft["first_layer_grad_norm"], 1e-300)
    ctx.note("saturation", f"On XOR your ReLU + sigmoid network reached {pct(relu['accuracy'])} and your softmax + "
             f"linear network {pct(soft['accuracy'])}: not the same result. Averaged over training, the softmax "
             f"network's first layer got a gradient {ratio:.0f} times smaller than the ReLU network's "
             f"({num(soft['first_layer_grad_norm'])} against {num(relu['first_layer_grad_norm'])}): on its way "
             "back, the gradient is multiplied by the softmax's slopes, each about 1/32 in a 32-unit layer, so "
             "the first layer hardly moves.")


@check(points=1, timeout=120)
def compare_setups_on_two_moons(sub: Submission, ctx: Context) -> None:
    """On two moons, both setups' accuracy, final loss and gradient size are what your own start gives"""
    got, expected, histories, info = measure_setups(sub, ctx, "two_moons")
    judge_setups(got, expected, histories, info)
    relu, soft = got["relu_sigmoid"]["accuracy"], got["softmax_linear"]["accuracy"]
    ctx.note("saturation", f"On two moons your ReLU + sigmoid network reached {pct(relu)} and your softmax + "
             f"linear network {pct(soft)}. A network without any hidden layer, which can only draw a straight line, "
             "gets 85-90% of two moons right: your softmax network did about as well as a straight line, so its "
             "hidden layer added almost nothing.")


# -- gradient_norms_by_layer -----------------------------------------------------------------

def read_norms(value: Any, call: str, depth: int) -> np.ndarray:
    """The learner's list of depth + 1 gradient norms as a float array, or a failure."""
    want = depth + 1
    if value is None:
        fail("value", f"`{call}` returned None. Did you forget the `return` line? It should return a list of "
             f"{want} floats.")
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype.kind in "iuf":
        items = list(value)
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        fail("value", f"`{call}` returned {kind_text(value)}; it should return a list of {want} floats, one per "
             "weight matrix, input layer first.")
    if len(items) == want and all(isinstance(i, (list, tuple, np.ndarray)) and np.size(i) == 2 for i in items):
        fail("value", f"`{call}` returned {want} pairs of numbers; it should return one number per layer: the "
             "norm of that layer's weight gradient dW (leave out db): `[float(np.linalg.norm(dW)) for dW, db in "
             "grads]`.")
    numbers = [real_number(i) for i in items]
    if len(items) != want:
        if len(items) == depth:
            advice = (f"depth={depth} hidden layers plus the output layer make {want} weight matrices: "
                      f"build the network with layer sizes [X.shape[1]] + [width] * depth + [1].")
        elif len(items) == 2 * want:
            advice = "that looks like the biases' gradients (db) too: report only the norm of each dW."
        elif len(items) == want + 1:
            advice = "did you add a hidden layer? The layer sizes are [X.shape[1]] + [width] * depth + [1]."
        else:
            advice = "one norm per weight matrix: [X.shape[1]] + [width] * depth + [1] gives depth + 1 of them."
        fail("shape", f"`{call}` returned {len(items)} numbers, but it should return {want}: {advice}")
    if any(n is None for n in numbers):
        bad = items[[n is None for n in numbers].index(True)]
        fail("dtype", f"`{call}` returned a list holding {kind_text(bad)}; each entry should be one float, "
             "`float(np.linalg.norm(dW))`.")
    norms = np.array(numbers, dtype=float)
    if not np.all(np.isfinite(norms)) or np.any(norms < 0):
        fail("value", f"`{call}` returned {nums(norms)}: norms are finite numbers >= 0. Look for a nan "
             "or inf in your exercise 5 `loss_and_gradients` on this network.")
    return norms


def same_start_norms(sub: Submission, X: np.ndarray, y: np.ndarray, activation: str, depth: int, width: int,
                     seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """For the learner's own start (or the reference's, flagged False): the norm of every dW of one
    gradient on all of X and y, the same with norm(db) added, and the norm of every W."""
    sizes = [X.shape[1]] + [width] * depth + [1]
    start, own = start_for(sub, sizes, activation, seed)
    _, grads = reference5().loss_and_gradients(start, X, y, activation, "sigmoid", "bce")
    dw = np.array([np.linalg.norm(dW) for dW, _ in grads])
    with_db = dw + np.array([np.linalg.norm(db) for _, db in grads])
    return dw, with_db, np.array([np.linalg.norm(W) for W, _ in start]), own


def close_norms(got: np.ndarray, expected: np.ndarray) -> bool:
    return bool(np.allclose(got, expected, rtol=SAME_START_RTOL, atol=1e-300))


def explain_norms(got: np.ndarray, expected: np.ndarray, with_db: np.ndarray, weights: np.ndarray,
                  said: str) -> None:
    """Fail naming the known mistake the learner's list matches, if any."""
    if close_norms(got, weights):
        fail("gradient", f"{said} These are the sizes of the weight matrices W themselves, not of their gradients. "
             "Compute one gradient with `loss_and_gradients(params, X, y, activation=activation, "
             "output=\"sigmoid\", loss=\"bce\")` and take the norm of each dW.")
    if close_norms(got[::-1], expected):
        fail("gradient", f"{said} Yours is reversed: the output layer comes first. `grads` from "
             "`loss_and_gradients` is already in input-first order: keep that order (no `reversed`, no `[::-1]`).")
    if close_norms(got, with_db):
        fail("gradient", f"{said} Each of your numbers is norm(dW) + norm(db): report only the weight gradient, "
             "`float(np.linalg.norm(dW))`, and leave the biases out.")


def start_text(own: bool) -> str:
    return ("from your own `init_params(layer_sizes, activation=activation, seed=seed)`" if own else
            "from the reference's `init_params` (yours gave no usable network)")


def log_ratio(norms: np.ndarray) -> float:
    return math.log10(max(norms[0], 1e-300)) - math.log10(max(norms[-1], 1e-300))


@check(points=1, timeout=120)
def gradient_norms_by_layer_shape(sub: Submission, ctx: Context) -> None:
    """gradient_norms_by_layer returns depth + 1 gradient norms, input layer first"""
    data_seed, seed = seeded(ctx)
    X, y = two_moons(n=150, seed=data_seed)
    depth = int(ctx.rng.integers(2, 5))
    width = int(ctx.rng.choice([8, 12, 16, 24]))
    call = f"gradient_norms_by_layer(X, y, \"relu\", depth={depth}, width={width}, seed={seed})"
    got = read_norms(sub.gradient_norms_by_layer(X, y, "relu", depth, width=width, seed=seed), call, depth)
    expected, with_db, weights, own = same_start_norms(sub, X, y, "relu", depth, width, seed)
    if close_norms(got, expected):
        return
    said = (f"`{call}` on two_moons(n=150, seed={data_seed}) returned {nums(got)}; one gradient taken by the "
            f"grader {start_text(own)} gives {nums(expected)}.")
    explain_norms(got, expected, with_db, weights, said)
    fail("value", f"{said} Build a fresh network with `init_params(layer_sizes, activation=activation, seed=seed)` "
         "and take the norm of every dW from one `loss_and_gradients` call on all of X and y.")


@check(points=3, timeout=120)
def gradient_vanishes_with_depth(sub: Submission, ctx: Context) -> None:
    """With 8 hidden layers, sigmoid and softmax first layers get almost no gradient, ReLU's get plenty"""
    data_seed, seed = seeded(ctx)
    X, y = xor(n=200, seed=data_seed)
    where = f"on xor(n=200, seed={data_seed})"
    ratios: dict[str, float] = {}
    lists: dict[str, np.ndarray] = {}
    for activation in ACTIVATIONS:
        call = f"gradient_norms_by_layer(X, y, \"{activation}\", depth={DEPTH}, seed={seed})"
        got = read_norms(sub.gradient_norms_by_layer(X, y, activation, DEPTH, seed=seed), call, DEPTH)
        expected, with_db, weights, own = same_start_norms(sub, X, y, activation, DEPTH, WIDTH, seed)
        ratios[activation], lists[activation] = log_ratio(got), got
        if close_norms(got, expected):
            continue
        said = (f"With activation=\"{activation}\" {where}, your first layer's gradient norm is "
                f"{num(10 ** ratios[activation])} times your last layer's; one gradient taken by the grader "
                f"{start_text(own)} gives {num(10 ** log_ratio(expected))}.")
        explain_norms(got, expected, with_db, weights, said)
        if activation != "relu" and close_norms(got, lists["relu"]):
            fail("value", f"{said} That is exactly what your ReLU network gives: the activation seems to be "
                 "ignored. Pass `activation=activation` to both `init_params` and `loss_and_gradients`.")
        fail("value", f"{said} Build a fresh network of depth hidden layers with `init_params([X.shape[1]] + "
             "[width] * depth + [1], activation=activation, seed=seed)`, compute ONE gradient on all of X and y "
             "with `loss_and_gradients(..., activation=activation, output=\"sigmoid\", loss=\"bce\")`, and return "
             "the norm of every dW, input layer first.")
    remember(sub, "ratios", {a: 10**r for a, r in ratios.items()})
    ctx.note("vanishing-gradient", f"Your own numbers, for an untrained network of {DEPTH} hidden layers of {WIDTH} "
             f"units on XOR: the first layer got {num(10 ** ratios['relu'])} of the last layer's gradient with ReLU, "
             f"{num(10 ** ratios['sigmoid'])} with sigmoid and {num(10 ** ratios['softmax'])} with softmax. On its "
             "way back the gradient is multiplied at every sigmoid layer by a slope of at most 0.25, at every "
             "softmax layer by slopes of about 1/32; eight such factors in a row leave almost nothing. That is the "
             "vanishing gradient.")


# -- the answers -------------------------------------------------------------------------------

def read_answer(sub: Submission, name: str, stub_text: str) -> Any:
    value = sub.value(name)
    if value is None:
        filename = catalog.find("7").filename
        raise NotStarted(Hint("not-implemented", f"`{name}` is still None in {filename}: {stub_text} "
                              "Base it on what your compare_setups and gradient_norms_by_layer measure."))
    return value


def xor_accuracies(sub: Submission, ctx: Context) -> tuple[str, tuple[float, float]]:
    """ReLU + sigmoid and softmax + linear accuracy on XOR: the learner's own when their check passed."""
    found = recall(sub)
    if "xor" in found:
        return "your", found["xor"]
    data_seed, seed = seeded(ctx)
    result = ctx.ref.compare_setups(*xor(n=200, seed=data_seed), seed=seed)
    return "the reference's", (result["relu_sigmoid"]["accuracy"], result["softmax_linear"]["accuracy"])


def depth_ratios(sub: Submission, ctx: Context) -> tuple[str, dict[str, float]]:
    """First/last gradient ratio at depth 8 per activation: the learner's own when their check passed."""
    found = recall(sub)
    if "ratios" in found:
        return "your", found["ratios"]
    data_seed, seed = seeded(ctx)
    X, y = xor(n=200, seed=data_seed)
    ratios = {}
    for activation in ("relu", "sigmoid", "softmax"):
        norms = ctx.ref.gradient_norms_by_layer(X, y, activation, DEPTH, seed=seed)
        ratios[activation] = norms[0] / norms[-1]
    return "the reference's", ratios


@check(points=1)
def answer_same_result(sub: Submission, ctx: Context) -> None:
    """ANSWER_SAME_RESULT: do both setups give the same result?"""
    answer = read_answer(sub, "ANSWER_SAME_RESULT", "replace None with True or False.")
    if not isinstance(answer, (bool, np.bool_)):
        fail("answer", f"ANSWER_SAME_RESULT is {kind_text(answer)}; it must be the boolean True or False, written "
             "without quotes: `ANSWER_SAME_RESULT = False` or `ANSWER_SAME_RESULT = True`.")
    if bool(answer):
        whose, (relu, soft) = xor_accuracies(sub, ctx)
        fail("answer", f"You answered True: the same result. Look at the measurements: on XOR (200 points) "
             f"{whose} ReLU + sigmoid network reached {pct(relu)} and {whose} softmax + linear network "
             f"{pct(soft)}, about a coin toss. Run `compare_setups(*xor(n=200, seed=0))` yourself, compare the "
             "two accuracies, and answer again.")


WRONG_WHY = {
    "dead_relu": "Dead ReLUs cannot be the reason: the softmax + linear network, the one that fails, has no ReLU at "
                 "all, and the ReLU network is the one that learns. (Dead ReLUs are exercise 8's topic.)",
    "overfitting": "Overfitting means learning the training points by heart and then doing badly on new points. "
                   "The softmax network does badly on the very points it was trained on: it does not fit them at "
                   "all, so it is not overfitting.",
    "no_difference": "The difference is large: on XOR one network gets almost every point right and the other "
                     "stays near a coin toss.",
}


@check(points=1)
def answer_why(sub: Submission, ctx: Context) -> None:
    """ANSWER_WHY: the main reason for the difference"""
    answer = read_answer(sub, "ANSWER_WHY", "replace None with one of the strings in WHY_CHOICES.")
    choices = ", ".join(f'"{c}"' for c in WHY_CHOICES)
    if not isinstance(answer, str):
        fail("answer", f"ANSWER_WHY is {kind_text(answer)}; it must be one of the strings {choices}, in quotes.")
    cleaned = answer.strip().lower().replace("-", "_").replace(" ", "_")
    if answer not in WHY_CHOICES:
        if cleaned in WHY_CHOICES:
            fail("answer", f"ANSWER_WHY is {answer!r}; write it exactly as in WHY_CHOICES: \"{cleaned}\" "
                 "(lower case, with an underscore, no spaces).")
        fail("answer", f"ANSWER_WHY is {answer!r}, which is not one of the choices {choices}. Pick the one that "
             "fits what you measured.")
    whose, ratios = depth_ratios(sub, ctx)
    if answer != "saturation":
        fail("answer", f"You answered \"{answer}\". {WRONG_WHY[answer]} Look at the gradients instead: on XOR "
             f"{whose} deep sigmoid network's first layer got {num(ratios['sigmoid'])} of the last layer's "
             f"gradient and the softmax one {num(ratios['softmax'])}, against {num(ratios['relu'])} with ReLU. "
             "Which choice describes an activation whose slope lets almost no gradient through?")
    who, (relu, soft) = xor_accuracies(sub, ctx)
    own = "your own" if who == whose == "your" else "measured"
    ctx.note("saturation", f"The answer to the seed question, in {own} numbers: no, not the same result. On XOR "
             f"{who} ReLU + sigmoid network reached {pct(relu)}, {who} softmax + linear network {pct(soft)}; at "
             f"initialisation {whose} sigmoid network's first layer got {num(ratios['sigmoid'])} of the last layer's "
             f"gradient (softmax {num(ratios['softmax'])}, ReLU {num(ratios['relu'])}). The reason is saturation: "
             "sigmoid and softmax have slopes of at most 0.25, much less in practice, so little gradient gets "
             "through them and the layers before them barely learn. ReLU's slope is exactly 1 on every active "
             "unit, which is why the tutorials put it in the hidden layers (and a sigmoid only at the output, "
             "where cross-entropy cancels its flat tails).")
