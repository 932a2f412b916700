"""What the diagnostics found, in words a beginner can act on: one explanation per kind of finding,
and the (category, text) hints the checks attach. The findings themselves are computed, without
words, by `actgrade.diagnostics`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from actgrade.diagnostics import DeadUnits, Divergence, Finding, GradientFlow, LossProgress, Saturation, Symmetry
from actgrade.numbers import number, percent_text, ratio_text


def _layer_name(index: int, count: int) -> str:
    return "your hidden layer" if count == 1 else f"hidden layer {index + 1}"


def _explain_dead(f: DeadUnits) -> str:
    i = f.worst_layer
    where = _layer_name(i, len(f.widths))
    others = ""
    if len(f.widths) > 1:
        others = " (per hidden layer: " + ", ".join(percent_text(x) for x in f.fractions) + ")"
    return (
        f"{f.counts[i]} of the {f.widths[i]} ReLU units in {where} ({percent_text(f.fractions[i])}) are dead{others}: "
        f"their input z = a @ W + b is <= 0 for every one of the {f.examples} training examples, so they always "
        "output 0, get a gradient of 0, and never come back. This usually comes from a learning rate that is too "
        "large: one big step pushes a unit's weights so far that it switches off for every example. "
        "Next step: lower the learning rate (the default 1.0 keeps almost every unit alive); "
        "He initialisation and leaky ReLU (exercise 8) help too."
    )


def _explain_saturation(f: Saturation) -> str:
    i = int(np.argmax(f.fractions)) if f.fractions else 0
    where = _layer_name(i, len(f.widths))
    others = ""
    if len(f.widths) > 1:
        others = " (per hidden layer: " + ", ".join(percent_text(x) for x in f.fractions) + ")"
    if f.activation == "softmax":
        why = (f"their derivative S_i (1 - S_i) is below {number(f.threshold)}: each such unit gets almost all "
               "of its row (S_i near 1) or almost nothing (S_i near 0)")
    else:
        why = (f"their derivative s (1 - s) is below {number(f.threshold)} (the most it can be is 0.25): "
               "their input z is far from 0 (|z| above about 4.6), where the sigmoid curve is flat")
    return (
        f"{f.counts[i]} of the {f.widths[i]} {f.activation} units in {where} ({percent_text(f.fractions[i])}) are "
        f"saturated{others}: on most of the {f.examples} training examples {why}. A saturated unit passes "
        "almost no gradient back, so it and the layers before it hardly learn. "
        "Next step: keep z near 0: scale your inputs to about -1..1, start from Glorot initialisation "
        "(init_params does that), and lower the learning rate; ReLU units do not saturate for positive inputs."
    )


def _explain_gradients(f: GradientFlow) -> str:
    per_layer = ", ".join(number(n) for n in f.mean_norms)
    return (
        f"At the first epoch your first layer's gradient was {ratio_text(f.initial_ratio)} times the size of "
        f"the last layer's (median over the {f.epochs} epochs: {ratio_text(f.median_ratio)}; average gradient "
        f"norm per layer, input side first: {per_layer}). The gradient shrinks a little in every hidden layer it "
        "flows back through, so the first layers barely learn: this is the vanishing gradient. A sigmoid "
        "multiplies it by at most 0.25 per layer, a softmax by even less. "
        "Next step: use fewer hidden layers, or ReLU units with He initialisation, which keep the gradient's "
        "size about the same from layer to layer."
    )


UPHILL_FIX = ("Gradient descent steps *against* the gradient: W = W - lr * dW and b = b - lr * db (a minus sign), "
              "for every layer. A learning rate that is too large does not do this: it overshoots, so the loss "
              "jumps up and down; a loss that climbs at almost every step means the steps follow the gradient.")


def _explain_divergence(f: Divergence) -> str:
    kind = f.kind
    if kind == "nonfinite" and f.uphill:
        return (
            f"Your loss went up at {percent_text(f.rising_while_finite)} of the steps, from {number(f.initial)} at "
            f"the first epoch, until it became nan or inf at epoch {(f.first_nonfinite or 0) + 1}: every step goes "
            f"uphill. {UPHILL_FIX}"
        )
    if kind == "nonfinite":
        return (
            f"Your loss became nan or inf (not a number, or infinite) at epoch {(f.first_nonfinite or 0) + 1} "
            f"of {f.epochs} (it started at {number(f.initial)}): the numbers grew until they no longer fit in "
            "a float. Usually the learning rate is too large and every step overshoots further. "
            "Next step: try a learning rate 10 times smaller; if the weights stay finite, look for a log(0) "
            "or an exp of a large number in your loss."
        )
    if f.uphill:
        return (
            f"Your loss went up at {percent_text(f.rising_while_finite)} of the steps, from {number(f.initial)} at "
            f"the first epoch to {number(f.final)} at the last: every step goes uphill. {UPHILL_FIX}"
        )
    if kind == "rising":
        return (
            f"Your loss ended higher than it started ({number(f.initial)} at the first epoch, {number(f.final)} "
            f"at the last), bouncing up and down on the way (it rose at {percent_text(f.rising_fraction)} of the "
            "steps): "
            "the steps are so big that they overshoot. Next step: lower the learning rate (try 10 times smaller)."
        )
    if kind == "spike":
        return (
            f"Your loss jumped to {number(f.peak)} at epoch {f.peak_epoch + 1}, {f.peak / f.initial:.0f} times its "
            f"starting value {number(f.initial)}: a step was so big that it overshot. Training recovered "
            f"(final loss {number(f.final)}), but steps this large can kill ReLUs or blow up to nan. "
            "Next step: lower the learning rate (the default is 1.0)."
        )
    return (
        f"Your loss fell to {number(f.best)} but climbed back to {number(f.final)} by the last epoch, giving back "
        f"{percent_text(min(f.progress_lost, 1.0))} of its progress: the learning rate is too large for training to "
        "settle. Next step: lower the learning rate."
    )


def _explain_symmetry(f: Symmetry) -> str:
    i = f.worst_layer
    where = _layer_name(i, len(f.widths))
    if f.distinct[i] == 1:
        opening = (f"All {f.widths[i]} units of {where} have exactly the same weights and bias, so they compute "
                   "the same thing: the layer works like a single unit.")
    else:
        opening = (f"{f.twinned[i]} of the {f.widths[i]} units of {where} have exactly the same weights and bias "
                   f"as another unit: only {f.distinct[i]} of them are different.")
    return (
        f"{opening} Units that start equal get equal gradients and stay equal forever; this is what happens "
        "when the weights start as zeros or all at one constant. Next step: start from random weights: "
        "init_params(layer_sizes, activation, seed) draws them (the randomness breaks the symmetry)."
    )


def _explain_progress(f: LossProgress) -> str:
    return (
        f"Over {f.epochs} epochs your loss only went from {number(f.initial)} to {number(f.final)} "
        f"({percent_text(max(f.relative_drop, 0.0))} lower): the network hardly learned. A working loop usually cuts "
        "the loss by well over half. Most likely the learning rate is far too small (the default is 1.0), or the "
        "updated weights are never used: every epoch must replace each (W, b) with (W - lr * dW, b - lr * db)."
    )


_EXPLAIN = {
    DeadUnits: _explain_dead,
    Saturation: _explain_saturation,
    GradientFlow: _explain_gradients,
    Divergence: _explain_divergence,
    Symmetry: _explain_symmetry,
    LossProgress: _explain_progress,
}


def explain(finding: Finding) -> str:
    """A hint for a beginner: what was measured, what it means, and one next step."""
    return _EXPLAIN[type(finding)](finding)


def hints(findings: Sequence[Finding]) -> list[tuple[str, str]]:
    """(category, text) for each finding, in the order given (for example `Diagnosis.problems()`)."""
    return [(f.category, explain(f)) for f in findings]
