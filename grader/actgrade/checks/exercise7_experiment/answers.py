"""Checks of the three answers, judged with the learner's own measurements: ANSWER_SAME_RESULT,
ANSWER_MAIN_CHANGE and ANSWER_WHY. The passing note tells the whole story in the learner's numbers, the
one-layer experiment and the deep one kept apart."""

from __future__ import annotations

from typing import Any

import numpy as np

from actgrade import catalog
from actgrade.checks.core import Context, Hint, NotStarted, Submission, check, fail
from actgrade.checks.expect import kind_text
from actgrade.numbers import percent_text as pct

from .common import BUDGET, CHANGE_CHOICES, MORE_STEPS, SAME_COST, WHY_CHOICES
from .helpers import num, recall
from .measure import Experiment, fresh_xor, replicate
from .setups import cost, points, ratio, saturation_text, table


def read_answer(sub: Submission, name: str, stub_text: str) -> Any:
    value = sub.value(name)
    if value is None:
        filename = catalog.find("7").filename
        raise NotStarted(Hint("not-implemented", f"`{name}` is still None in {filename}: {stub_text} "
                              "Base it on what your compare_setups measures."))
    return value


def read_choice(sub: Submission, name: str, choices: tuple[str, ...], listed_in: str) -> str:
    """The learner's choice, read generously: case, spaces and hyphens do not matter, the meaning does."""
    answer = read_answer(sub, name, f"replace None with one of the strings in {listed_in}.")
    listed = ", ".join(f'"{c}"' for c in choices)
    if not isinstance(answer, str):
        fail("answer", f"{name} is {kind_text(answer)}; it must be one of the strings {listed}, in quotes.")
    cleaned = answer.strip().lower().replace("-", "_").replace(" ", "_")
    if cleaned not in choices:
        fail("answer", f"{name} is {answer!r}, which is not one of the choices {listed}. Pick the one that fits "
             "what you measured; the comments above the answers in your file describe each.")
    return cleaned


def measured(sub: Submission, ctx: Context) -> tuple[str, dict, Experiment]:
    """(whose, the 2 x 2 numbers after 500 epochs, the experiment): the learner's own when their check of
    compare_setups passed in this run, else the grader's run from the learner's start on fresh XOR."""
    found = recall(sub).get("budget")
    if found:
        got, experiment = found
        return "your", got, experiment
    X, y, seed, where = fresh_xor(ctx)
    experiment = replicate(sub, X, y, seed, BUDGET, where)
    return "the grader's run of", experiment.expected, experiment


def gaps(numbers: dict) -> tuple[float, float]:
    """What each change costs, from ReLU + sigmoid: (hidden activation, output and loss), in accuracy."""
    acc = {name: numbers[name]["accuracy"] for name in numbers}
    return acc["relu_sigmoid"] - acc["softmax_sigmoid"], acc["relu_sigmoid"] - acc["relu_linear"]


def main_change(hidden: float, output: float) -> str:
    if max(hidden, output) < SAME_COST:
        return "neither"
    if abs(hidden - output) < SAME_COST:
        return "both_equally"
    return "hidden_activation" if hidden > output else "output_and_loss"


@check(points=1, about="ANSWER_SAME_RESULT")
def answer_same_result(sub: Submission, ctx: Context) -> None:
    """ANSWER_SAME_RESULT: do both set-ups give the same result for the same budget?"""
    answer = read_answer(sub, "ANSWER_SAME_RESULT", "replace None with True or False.")
    if not isinstance(answer, (bool, np.bool_)):
        fail("answer", f"ANSWER_SAME_RESULT is {kind_text(answer)}; it must be the boolean True or False, written "
             "without quotes: `ANSWER_SAME_RESULT = False` or `ANSWER_SAME_RESULT = True`.")
    if bool(answer):
        whose, numbers, experiment = measured(sub, ctx)
        fail("answer", f"You answered True: the same result. Look at the measurements: {whose} table "
             f"{experiment.where} after {BUDGET} epochs reads {table(numbers)}. Compare ReLU + sigmoid with "
             "softmax + linear, and answer again.")


@check(points=1, about="ANSWER_MAIN_CHANGE")
def answer_main_change(sub: Submission, ctx: Context) -> None:
    """ANSWER_MAIN_CHANGE: which of the two changes costs most of the accuracy"""
    answer = read_choice(sub, "ANSWER_MAIN_CHANGE", CHANGE_CHOICES, "CHANGE_CHOICES")
    whose, numbers, experiment = measured(sub, ctx)
    hidden, output = gaps(numbers)
    right = main_change(hidden, output)
    if answer == right:
        return
    fail("answer", f"You answered \"{answer}\". In {whose} table {experiment.where} after {BUDGET} epochs, ReLU + "
         f"sigmoid reached {pct(numbers['relu_sigmoid']['accuracy'])}. Changing only the hidden activation "
         f"(softmax + sigmoid) gave {pct(numbers['softmax_sigmoid']['accuracy'])}, {points(-hidden)}; changing "
         f"only the output and loss (ReLU + linear) gave {pct(numbers['relu_linear']['accuracy'])}, "
         f"{points(-output)}. Which change costs more?")


def start_story(experiment: Experiment, numbers: dict) -> tuple[str, str]:
    """(the softmax's outputs and slopes at the start, the first-layer gradients at the start)."""
    s = experiment.softmax_at_start()
    slopes = s * (1 - s)
    outputs = (f"at the start every S_i of the softmax layer was between {num(s.min())} and {num(s.max())} (its "
               f"{s.shape[1]} outputs share a total of 1), so its slopes S_i (1 - S_i) were between "
               f"{num(slopes.min())} and {num(slopes.max())}")
    relu, soft = (numbers[name]["first_layer_grad_at_start"] for name in ("relu_sigmoid", "softmax_sigmoid"))
    gradient = (f"at the first step the first layer's gradient was {num(soft)} with softmax against {num(relu)} with "
                f"ReLU (sigmoid output both times), {ratio(relu, soft)} times smaller")
    return outputs, gradient


WRONG_WHY = {
    "dead_relu": "Dead ReLUs cannot be the reason: the set-ups that learn slowly are the softmax ones, which have no "
                 "ReLU at all, and the ReLU networks are the ones that learn. (Dead ReLUs are exercise 8's topic.)",
    "overfitting": "Overfitting means learning the training points by heart and then doing badly on new points. "
                   "The softmax networks do badly on the very points they are trained on.",
}


@check(points=1, about="ANSWER_WHY")
def answer_why(sub: Submission, ctx: Context) -> None:
    """ANSWER_WHY: why softmax in the hidden layer costs so much"""
    answer = read_choice(sub, "ANSWER_WHY", WHY_CHOICES, "WHY_CHOICES")
    whose, numbers, experiment = measured(sub, ctx)
    outputs, gradient = start_story(experiment, numbers)
    if answer == "saturation":
        fail("answer", f"Not saturation: a saturated unit's output is pinned near 0 or 1, where its curve is flat. "
             f"In {whose} network {experiment.where}, {outputs}: none near 0 or 1. Yet {gradient}. Which choice "
             "describes slopes that are small from the very first step, before any unit could saturate?")
    if answer == "no_difference":
        hidden, _ = gaps(numbers)
        fail("answer", f"There is a difference: in {whose} table after {BUDGET} epochs, {table(numbers)} "
             f"(softmax in the hidden layer: {points(-hidden)}). Look at the first layer's gradient at the start "
             "to see why.")
    if answer != "small_slopes":
        fail("answer", f"You answered \"{answer}\". {WRONG_WHY[answer]} Look at the gradients instead: {gradient}.")
    ctx.note("vanishing-gradient", answer_story(whose, numbers, experiment, recall(sub)))


def answer_story(whose: str, numbers: dict, experiment: Experiment, found: dict) -> str:
    """The answer to the question, every sentence from measured numbers."""
    outputs, gradient = start_story(experiment, numbers)
    hidden, output = gaps(numbers)
    text = (f"The answer, in {whose} numbers {experiment.where}. Not the same result for the same budget: after "
            f"{BUDGET} epochs, {table(numbers)}. Of the two changes, the hidden activation costs "
            f"{cost(hidden)} and the output and loss {cost(output)}. The softmax layer learns slowly because "
            f"almost no gradient gets through it: {gradient}; {outputs}. ReLU's slope is 1 on every active unit; a "
            "sigmoid's is at most 0.25; a softmax's slopes shrink as the layer widens, because the outputs share "
            "a total of 1.")
    more = found.get("more steps")
    if more:
        got, at_budget, saturated, at_start = more
        soft = [got[name]["accuracy"] for name in ("softmax_sigmoid", "softmax_linear")]
        text += (f" With ten times the steps ({MORE_STEPS} epochs, on other XOR data) the softmax networks reached "
                 f"{pct(soft[0])} and {pct(soft[1])} (from {pct(at_budget['softmax_sigmoid'])} and "
                 f"{pct(at_budget['softmax_linear'])} at {BUDGET}). " + saturation_text(saturated, at_start))
    depth = found.get("ratios")
    if depth:
        text += (f" A separate experiment, 8 untrained hidden layers: the first layer got {num(depth['relu'])} of "
                 f"the last layer's gradient with ReLU, {num(depth['sigmoid'])} with sigmoid and "
                 f"{num(depth['softmax'])} with softmax: small slopes multiply from layer to layer.")
    return text
