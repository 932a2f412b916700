"""Shared drawing for `actgrade plot`: the learner's functions next to the reference.

Each exercise's folder has a `plot.py` whose `plot(learner, exercise, seed)` builds its
figure with these helpers. The learner's code runs only in the sandbox child, reached through
`plots.Learner`; what comes back is plain data. A function that is missing, not written yet, raising
or returning the wrong shape is left out of the plot: the reference is drawn alone, and the
title and the console say so.

matplotlib (the `[plots]` extra) is imported only inside the functions that draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from actgrade import catalog

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise

REFERENCE = dict(color="0.55", linewidth=5, alpha=0.45, solid_capstyle="round")

DIFFERS = dict(color="tab:red", marker="x", s=36, linewidths=1.5, zorder=5)
LAYER_COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:pink")
SETUP_COLOURS = {"relu": "tab:blue", "sigmoid": "tab:orange", "softmax": "tab:green", "leaky_relu": "tab:purple"}


def reference_style(colour: str, alone: bool) -> dict:
    """Wide and grey under the learner's curve; in colour when it is drawn alone."""
    return dict(color=colour, linewidth=2) if alone else REFERENCE


class Learner(Protocol):
    """What the drawing helpers need of the learner's code (`plots.Learner` provides it)."""

    def call(self, name: str, *args: Any, module: str | None = None, timeout: float = 30.0,
             **kwargs: Any) -> Any: ...

    def reject(self, name: str, why: str, module: str | None = None) -> None: ...

    def summary(self) -> list[str]: ...


def as_array(learner: Learner, name: str, value: Any, shape: tuple[int, ...], module: str | None = None):
    """The learner's value as a float array of `shape`, or None (noted)."""
    import numpy as np

    if value is None:
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        learner.reject(name, f"returned {type(value).__name__}, not numbers", module)
        return None
    if array.shape != tuple(shape):
        learner.reject(name, f"returned shape {array.shape}, expected {tuple(shape)}", module)
        return None
    return array


def reference(number: int):

    return catalog.reference_module(catalog.find(str(number)))


# -- drawing helpers ---------------------------------------------------------

def compare_curves(ax: Axes, x, ref, mine, label: str, colour: str = "tab:blue",
                   ref_label: str | None = None, mine_label: str | None = None,
                   draw_reference: bool = True) -> str:
    """Draw the reference (wide, grey) and the learner's curve, mark where they
    differ (rtol 1e-6, atol 1e-9, as the grader), and return a one-line verdict."""
    import numpy as np

    if draw_reference:
        ax.plot(x, ref, label=ref_label or f"reference {label}", **reference_style(colour, mine is None))
    if mine is None:
        return "reference only"
    ax.plot(x, mine, color=colour, linewidth=1.6, label=mine_label or f"yours: {label}")
    differs = ~np.isclose(mine, ref, rtol=1e-6, atol=1e-9)
    if not differs.any():
        return "yours matches the reference"
    where = np.where(np.isfinite(mine), mine, ref)
    marked = np.flatnonzero(differs)
    if marked.size > 60:  # enough crosses to see where, few enough to still see the curve
        marked = marked[np.linspace(0, marked.size - 1, 60).round().astype(int)]
    ax.scatter(x[marked], where[marked], label=f"differs ({differs.sum()} of {differs.size} points)", **DIFFERS)
    gap = np.abs(mine - ref)[differs]
    largest = np.nanmax(gap) if np.isfinite(gap).any() else float("nan")
    return f"yours differs at {differs.sum()} of {differs.size} points (largest gap {largest:.3g})"


def titled(ax: Axes, title: str, verdict: str, good: bool | None = None) -> None:
    """The panel's title in bold, the verdict on a second line at the right:
    green when the learner's work matches, red when it differs, grey otherwise."""
    if good is None:
        good = False if "differs" in verdict else True if "matches" in verdict else None
    shade = "0.35" if good is None else "tab:green" if good else "tab:red"
    ax.set_title(title + "\n", fontsize=11, loc="left", fontweight="bold")
    ax.set_title("\n" + verdict, fontsize=9, loc="right", color=shade)


def finish(fig: Figure, exercise: Exercise, what: str, learner: Learner) -> None:
    """The figure's title: the exercise, what is shown, and what is missing."""
    import textwrap

    lines = [f"{exercise.id}: {exercise.title}", *textwrap.wrap(what, 140)]
    missing = learner.summary()
    if missing:
        note = "Reference alone where yours is missing: " + "; ".join(missing) + "."
        lines.extend(textwrap.wrap(note, 140))
    fig.suptitle("\n".join(lines), fontsize=11, x=0.01, ha="left", color="firebrick" if missing else "black")
    width, _ = fig.get_size_inches()
    fig.set_size_inches(width, 5.0 + 0.22 * len(lines))


def new_figure(panels: int = 2):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.2 * panels, 5.5), dpi=110, layout="constrained")
    axes = fig.subplots(1, panels)
    return fig, list(axes) if panels > 1 else [axes]


def shade_where(ax: Axes, x, mask, label: str, colour: str = "orange") -> None:
    ax.fill_between(x, 0, 1, where=mask, transform=ax.get_xaxis_transform(), color=colour, alpha=0.13,
                    linewidth=0, label=label)


# -- shared by several exercises --------------------------------------------------

def kinked_grid(low: float, high: float, count: int):
    import numpy as np

    x = np.linspace(low, high, count)
    x[np.argmin(np.abs(x))] = 0.0  # the kink itself, where conventions differ
    return x


def elementwise_figure(learner: Learner, exercise: Exercise, number: int, functions: tuple[str, str],
                 formulas: tuple[str, str], x_range: tuple[float, float]) -> Figure:
    ref = reference(number)
    x = kinked_grid(*x_range, 601)
    fig, axes = new_figure(2)
    saturated = None
    for ax, name, formula in zip(axes, functions, formulas, strict=True):
        expected = getattr(ref, name)(x.copy())
        mine = as_array(learner, name, learner.call(name, x.copy()), x.shape)
        verdict = compare_curves(ax, x, expected, mine, formula)
        if name == "sigmoid_derivative":
            saturated = expected < 0.01
            shade_where(ax, x, saturated, "saturated: slope below 0.01")
        if name == "relu_derivative":
            ax.scatter([0.0], [expected[x == 0.0][0]], color="black", s=30, zorder=6,
                       label="reference at exactly x = 0: relu'(0) = 0")
        titled(ax, formula, verdict)
        ax.set_xlabel("x (the pre-activation)")
        ax.set_ylabel(formula)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=9)
    finish(fig, exercise, f"Your {functions[0]} and {functions[1]} (blue) against the reference (grey); "
           "red crosses mark points that differ.", learner)
    return fig


def worst(*verdicts: str) -> str:
    return next((v for v in verdicts if v.startswith("yours differs")),
                next((v for v in verdicts if v == "reference only"), verdicts[0]))


def learner_history(learner: Learner, module: str, X, targets, epochs: int = 500, **setup: Any):
    """Losses (epochs,) and gradient norms (epochs, layers) of the learner's train, or None."""
    import numpy as np

    value = learner.call("train", X, targets, module=module, timeout=300, **setup)
    if value is None:
        return None
    try:
        losses = np.asarray(value["losses"], dtype=float)
        norms = np.asarray(value["grad_norms"], dtype=float)
        params = [(np.asarray(W, dtype=float), np.asarray(b, dtype=float)) for W, b in value["params"]]
    except (TypeError, ValueError, KeyError, IndexError):
        learner.reject("train", 'did not return {"params", "losses", "grad_norms"} as documented', module)
        return None
    if losses.shape != (epochs,) or norms.ndim != 2 or norms.shape[0] != epochs or norms.shape[1] != len(params):
        learner.reject("train", f"returned histories of shapes {losses.shape} and {norms.shape}, "
                       f"expected ({epochs},) and ({epochs}, layers)", module)
        return None
    return losses, norms, params


def accuracy(params, X, y, activation: str, output: str) -> float:
    import numpy as np

    ref6 = reference(6)
    with np.errstate(all="ignore"):
        return float(np.mean(ref6.predict(params, X, activation=activation, output=output) == y))
