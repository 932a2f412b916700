"""Checks of compare_setups: the 2 x 2 table at the same budget and with ten times the steps, judged
against the same experiment run by the grader from the learner's own random start."""

from __future__ import annotations

import math

import numpy as np

from actgrade.checks.core import CheckFailed, Context, NotStarted, Submission, check, fail
from actgrade.checks.earlier import earlier_mistake
from actgrade.datasets import xor
from actgrade.numbers import percent_text as pct

from .common import ACCURACY_SLACK_POINTS, BUDGET, ENTRIES, LABEL, MORE_STEPS, SAME_START_RTOL, SETUPS, TRAINING
from .helpers import num, recall, remember, seeded
from .measure import Experiment, fresh_xor, read_setups, replicate


def loss_suspects(history: dict) -> list[tuple[float, str]]:
    losses = np.asarray(history["losses"], dtype=float)
    last = "use the last one, `history[\"losses\"][-1]`"
    return [(losses[0], "the loss of the FIRST epoch: " + last), (float(np.mean(losses)), "the mean of all the losses: "
            + last), (float(np.sum(losses)), "the sum of all the losses: " + last)]


def grad_suspects(history: dict) -> list[tuple[float, str]]:
    norms = np.asarray(history["grad_norms"], dtype=float)  # (epochs, layers)
    first = "take the first layer's norm at the first epoch only, `history[\"grad_norms\"][0][0]`"
    return [
        (float(norms[:, 0].mean()), "the mean over all epochs of the first layer's norm: " + first),
        (float(norms[:, 0].sum()), "a sum over the epochs: " + first),
        (float(norms[-1, 0]), "the first layer's norm at the LAST epoch: " + first),
        (float(norms[0, -1]), "the LAST (output) layer's norm at the first epoch: " + first),
        (float(norms[0].sum()), "the sum over the layers at the first epoch: " + first),
        (float(norms[0].mean()), "the mean over the layers at the first epoch: " + first),
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


def same_numbers(got: dict[str, float], expected: dict[str, float], n: int) -> bool:
    return all(agrees(got[e], expected[e], e, n) for e in ENTRIES)


def judge_setups(sub: Submission, got: dict, experiment: Experiment, call: str) -> None:
    """Pass when every number matches the grader's run from the same start, else fail naming the cause."""
    n, expected = len(experiment.y), experiment.expected
    if all(same_numbers(got[name], expected[name], n) for name in SETUPS):
        return
    culprit = earlier_mistake(sub, ["loss_and_gradients", "train"], "compare_setups")
    if culprit:
        fail(culprit.category, f"`{call}` {experiment.where} does not give the numbers of exercise 6's training "
             f"loop. {culprit.text}")
    reference = f"exercise 6's training loop, run by the grader {experiment.start_text} {experiment.where}"
    for name in SETUPS:
        if same_numbers(got[name], expected[name], n):
            continue
        other = next((o for o in SETUPS if o != name and same_numbers(got[name], expected[o], n)), None)
        if other:
            activation, output, loss = TRAINING[name]
            fail("value", f"Your numbers under \"{name}\" are those of the {LABEL[other]} set-up ({reference}). "
                 f"\"{name}\" trains with activation=\"{activation}\", output=\"{output}\" and loss=\"{loss}\": pass "
                 "each set-up's own activation, output and loss to train (a linear output on the one-hot targets).")
    for name in SETUPS:
        mine, theirs = got[name]["accuracy"], expected[name]["accuracy"]
        if not agrees(mine, theirs, "accuracy", n):
            activation, output, loss = TRAINING[name]
            fail("value", f"Your {LABEL[name]} network got {pct(mine)} of the training points right; {reference} "
                 f"gets {pct(theirs)}. Train it with `train` (activation=\"{activation}\", output=\"{output}\", "
                 f"loss=\"{loss}\", epochs=epochs, seed=seed)" + (" on one-hot targets" if output == "linear" else "")
                 + " and compare `predict` (same activation and output) with y.")
    for name in SETUPS:
        for entry, suspects in (("final_loss", loss_suspects), ("first_layer_grad_at_start", grad_suspects)):
            mine, theirs = got[name][entry], expected[name][entry]
            if agrees(mine, theirs, entry, n):
                continue
            culprit_story = suspect_for(mine, suspects(experiment.histories[name]))
            text = f"Your {LABEL[name]} network's \"{entry}\" is {num(mine)}; {reference}, gives {num(theirs)}. "
            if culprit_story:
                text += f"Your number is {culprit_story}."
            elif entry == "final_loss":
                text += "Report the last entry of the training history's \"losses\": `history[\"losses\"][-1]`."
            else:
                text += "Report the first layer's gradient norm at the first epoch: `history[\"grad_norms\"][0][0]`."
            fail("value", text)


def table(numbers: dict[str, dict[str, float]]) -> str:
    return ", ".join(f"{LABEL[name]} {pct(numbers[name]['accuracy'])}" for name in SETUPS)


@check(points=1, timeout=120, about="compare_setups")
def compare_setups_returns_results(sub: Submission, ctx: Context) -> None:
    """compare_setups returns the four set-ups' accuracy, final loss and first gradient, reproducibly"""
    data_seed, seed = seeded(ctx)
    X, y = xor(n=120, seed=data_seed)
    epochs = 40
    call = f"compare_setups(X, y, epochs={epochs}, seed={seed})"
    first = read_setups(sub.compare_setups(X, y, epochs=epochs, seed=seed), call)
    again = read_setups(sub.compare_setups(X, y, epochs=epochs, seed=seed), call)
    where = f"on xor(n=120, seed={data_seed})"
    for name in SETUPS:
        for entry in ENTRIES:
            a, b = first[name][entry], again[name][entry]
            if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
                fail("nondeterministic", f"`{call}` {where} gave [\"{name}\"][\"{entry}\"] = {a!r} the first time "
                     f"and {b!r} the second time. The same data and seed must give the same numbers: all the "
                     "randomness belongs in `init_params(..., seed=seed)`; pass the seed on to `train`.")
    other_seed = seed + 1
    other = read_setups(sub.compare_setups(X, y, epochs=epochs, seed=other_seed),
                        f"compare_setups(X, y, epochs={epochs}, seed={other_seed})")
    if all(math.isclose(first[n][e], other[n][e], rel_tol=1e-12) for n in SETUPS for e in ENTRIES):
        fail("value", f"`compare_setups` {where} gave exactly the same numbers for seed={seed} and "
             f"seed={other_seed}: the seed is not used. Pass it on: `train(..., seed=seed)` for every set-up.")


@check(points=3, timeout=120, about="compare_setups")
def compare_setups_same_budget(sub: Submission, ctx: Context) -> None:
    """On XOR after 500 epochs, the four set-ups' numbers are what your own start gives"""
    X, y, seed, where = fresh_xor(ctx)
    call = f"compare_setups(X, y, epochs={BUDGET}, seed={seed})"
    try:
        got = read_setups(sub.compare_setups(X, y, epochs=BUDGET, seed=seed), call)
        experiment = replicate(sub, X, y, seed, BUDGET, where)
        judge_setups(sub, got, experiment, call)
    except (CheckFailed, NotStarted) as failure:
        remember(sub, "budget failure", failure)  # the check with more steps says so instead of repeating it
        raise
    remember(sub, "budget failure", None)
    remember(sub, "budget", (got, experiment))
    acc = {name: got[name]["accuracy"] for name in SETUPS}
    grad = {name: got[name]["first_layer_grad_at_start"] for name in SETUPS}
    s = experiment.softmax_at_start()
    largest = experiment.jacobian_largest_at_start()
    ctx.note("vanishing-gradient", (
        f"Your table {where}, after {BUDGET} epochs: {table(got)}. From ReLU + sigmoid, putting softmax in the "
        f"hidden layer changed the accuracy by {points(acc['softmax_sigmoid'] - acc['relu_sigmoid'])}; changing the "
        f"output and loss to linear + MSE changed it by {points(acc['relu_linear'] - acc['relu_sigmoid'])}. At the "
        f"first step your first layer's gradient was {num(grad['relu_sigmoid'])} with ReLU and "
        f"{num(grad['softmax_sigmoid'])} with softmax (sigmoid output both times): "
        f"{ratio(grad['relu_sigmoid'], grad['softmax_sigmoid'])} times smaller. The softmax's {s.shape[1]} outputs "
        f"share a total of 1: at the start every S_i was between {num(s.min())} and {num(s.max())}, so no entry "
        f"of its Jacobian was larger than {num(largest)} in size (ReLU's slope is 1)."))


@check(points=2, timeout=180, about="compare_setups")
def compare_setups_more_steps(sub: Submission, ctx: Context) -> None:
    """On XOR with ten times the steps (5000 epochs), the numbers are what your own start gives"""
    failure = recall(sub).get("budget failure")
    if isinstance(failure, NotStarted):
        raise NotStarted(failure.hint)
    if isinstance(failure, CheckFailed):
        fail(failure.hints[0].category, f"compare_setups is not right yet after {BUDGET} epochs (the check above "
             "says why); with ten times the steps it trains the same set-ups, so fix that first.")
    X, y, seed, where = fresh_xor(ctx)
    call = f"compare_setups(X, y, epochs={MORE_STEPS}, seed={seed})"
    got = read_setups(sub.compare_setups(X, y, epochs=MORE_STEPS, seed=seed), call)
    experiment = replicate(sub, X, y, seed, MORE_STEPS, where, keep=(BUDGET,))
    at_budget = {name: experiment.accuracy_after(name, BUDGET) for name in SETUPS}
    n = len(y)
    if all(agrees(got[name]["accuracy"], at_budget[name], "accuracy", n) for name in SETUPS) and not all(
            agrees(got[name]["accuracy"], experiment.expected[name]["accuracy"], "accuracy", n) for name in SETUPS):
        fail("value", f"`{call}` {where} gave the accuracies the grader measures after {BUDGET} epochs "
             f"({table({k: {'accuracy': v} for k, v in at_budget.items()})}), not after {MORE_STEPS}: pass `epochs` "
             "on to `train` for every set-up.")
    judge_setups(sub, got, experiment, call)
    saturated = {name: experiment.saturated_at_end(name) for name in ("softmax_sigmoid", "softmax_linear")}
    at_start = experiment.saturated_at_start()
    remember(sub, "more steps", (got, at_budget, saturated, at_start))
    ctx.note("saturation", (
        f"How the gap changes with more steps, {where}, from your own start: after {BUDGET} epochs "
        f"{table({k: {'accuracy': v} for k, v in at_budget.items()})} (measured by the grader on the way); after "
        f"{MORE_STEPS}, yours: {table(got)}. {catch_up_text(got, at_budget)} "
        + saturation_text(saturated, at_start)))


def points(change: float) -> str:
    """+12 points / -40.5 points, for a change of accuracy."""
    value = round(change * 100, 1)
    return f"{value:+g} points"


def cost(loss: float) -> str:
    """What a change costs in accuracy: "48 points", or "nothing (it gains 3 points)"."""
    value = round(loss * 100, 1)
    return f"{value:g} points" if value > 0 else f"nothing (it gains {-value:g} points)" if value < 0 else "nothing"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.0f}" if b > 0 else "infinitely many"


def saturation_text(saturated: dict[str, float], at_start: float) -> str:
    """Where saturation shows in the numbers: the softmax layers' slopes below 0.01 at the end and at the start."""
    text = (f"After {MORE_STEPS} epochs the softmax layers' slopes S (1 - S) are below 0.01 on "
            f"{pct(saturated['softmax_sigmoid'])} and {pct(saturated['softmax_linear'])} of (example, unit) pairs "
            f"(sigmoid and linear output), against {pct(at_start)} at the start")
    if min(saturated.values()) > at_start + 0.25:
        return text + ": the layers have learned to commit, and saturation comes after the learning, not before it."
    return text + "."


def catch_up_text(got: dict, at_budget: dict[str, float]) -> str:
    """What more steps did to the softmax networks, in words that hold for these numbers."""
    soft = [got[name]["accuracy"] for name in ("softmax_sigmoid", "softmax_linear")]
    before = [at_budget[name] for name in ("softmax_sigmoid", "softmax_linear")]
    best = got["relu_sigmoid"]["accuracy"]
    if min(soft) >= 0.9 and max(before) < 0.8:
        return (f"The softmax networks went from {pct(before[0])} and {pct(before[1])} to {pct(soft[0])} and "
                f"{pct(soft[1])} (ReLU + sigmoid: {pct(best)}): they learn far more slowly, but with enough steps "
                "they get there on this data.")
    if min(soft) >= 0.9:
        return (f"The softmax networks went from {pct(before[0])} and {pct(before[1])} to {pct(soft[0])} and "
                f"{pct(soft[1])} (ReLU + sigmoid: {pct(best)}).")
    if max(s - b for s, b in zip(soft, before, strict=True)) > 0.05:
        return (f"The softmax networks went from {pct(before[0])} and {pct(before[1])} to {pct(soft[0])} and "
                f"{pct(soft[1])}: still learning, far more slowly than ReLU + sigmoid ({pct(best)}).")
    return (f"The softmax networks stayed at {pct(soft[0])} and {pct(soft[1])} (ReLU + sigmoid: {pct(best)}) even "
            "with ten times the steps.")
