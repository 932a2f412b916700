"""Checks of the answers to the seed question, ANSWER_SAME_RESULT and ANSWER_WHY."""

from __future__ import annotations

from typing import Any

import numpy as np

from actgrade import catalog
from actgrade.checks.core import Context, Hint, NotStarted, Submission, check, fail
from actgrade.checks.expect import kind_text
from actgrade.datasets import xor
from actgrade.numbers import percent_text as pct

from .common import DEPTH, WHY_CHOICES
from .helpers import num, recall, seeded

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
    ctx.note("saturation", f"The answer to the question these exercises ask, in {own} numbers: no, not the "
             f"same result. On XOR {who} ReLU + sigmoid network reached {pct(relu)}, {who} softmax + linear network "
             f"{pct(soft)}; at initialisation {whose} sigmoid network's first layer got {num(ratios['sigmoid'])} of "
             "the last layer's "
             f"gradient (softmax {num(ratios['softmax'])}, ReLU {num(ratios['relu'])}). The reason is saturation: "
             "sigmoid and softmax have slopes of at most 0.25, much less in practice, so little gradient gets "
             "through them and the layers before them barely learn. ReLU's slope is exactly 1 on every active "
             "unit, which is why the tutorials put it in the hidden layers (and a sigmoid only at the output, "
             "where cross-entropy cancels its flat tails).")
