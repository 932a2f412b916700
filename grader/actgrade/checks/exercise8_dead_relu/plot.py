"""Dead units while training with your kill_and_revive settings, and per layer."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from actgrade.drawing import DIFFERS, accuracy, as_array, finish, new_figure, reference, titled, worst

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.drawing import Learner


def dead_fractions(params, X) -> list[float]:
    """Per hidden layer, the fraction of units with pre-activation <= 0 on every row
    (the reference's `dead_unit_fraction` of exercise 8)."""
    return [float(f) for f in reference(8).dead_unit_fraction(params, X)]


def _train_watching(X, y, hidden: tuple[int, ...], activation: str, lr: float, seed: int, epochs: int = 500,
                    every: int = 5):
    """The reference training loop of exercise 6, noting the dead fraction as it goes."""
    import numpy as np

    ref5 = reference(5)
    params = ref5.init_params([X.shape[1], *hidden, 1], activation=activation, seed=seed)
    steps, dead = [0], [dead_fractions(params, X)]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for epoch in range(1, epochs + 1):
            _, grads = ref5.loss_and_gradients(params, X, y, activation=activation, output="sigmoid", loss="bce")
            params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads, strict=True)]
            if epoch % every == 0:
                steps.append(epoch)
                dead.append(dead_fractions(params, X))
    return params, np.array(steps), np.array(dead)


def _settings(learner: Learner, X, y, seed: int) -> dict[str, dict]:
    ref8 = reference(8)
    value = learner.call("kill_and_revive", X, y, seed=seed)
    if value is not None:
        try:
            chosen = {key: {"activation": str(value[key]["activation"]), "lr": float(value[key]["lr"])}
                      for key in ("kill", "revive")}
            if all(s["activation"] in ("relu", "leaky_relu") and 0 < s["lr"] < 1e3 for s in chosen.values()):
                return chosen
        except (TypeError, KeyError, ValueError):
            pass
        learner.reject("kill_and_revive", 'did not return {"kill": {"activation", "lr"}, "revive": {...}} '
                       "with activation relu or leaky_relu and a learning rate between 0 and 1000")
    return ref8.kill_and_revive(X, y, seed=seed)


def plot(learner: Learner, exercise: Exercise, seed: int) -> Figure:
    import numpy as np

    from actgrade.datasets import two_moons

    X, y = two_moons(n=200, seed=seed)
    settings = _settings(learner, X, y, seed)
    mine_settings = not any("kill_and_revive" in p for p in learner.summary())
    runs = {"exercise 6 default": {"activation": "relu", "lr": 1.0}, **settings}
    colours = {"exercise 6 default": "0.35", "kill": "tab:red", "revive": "tab:green"}
    fig, axes = new_figure(2)
    final: dict[str, tuple[float, float]] = {}
    for name, setting in runs.items():
        params, steps, dead = _train_watching(X, y, (32,), setting["activation"], setting["lr"], seed)
        acc = accuracy(params, X, y, setting["activation"], "sigmoid")
        final[name] = (float(dead[-1, 0]), acc)
        axes[0].plot(steps, dead[:, 0], color=colours[name], linewidth=1.8,
                     label=f"{name}: {setting['activation']}, lr {setting['lr']:g} -> {dead[-1, 0]:.0%} dead, "
                           f"{acc:.0%} right")
    axes[0].axhline(0.4, color="tab:red", linestyle=":", linewidth=1, label="kill must reach 40%")
    axes[0].axhline(0.1, color="tab:green", linestyle=":", linewidth=1, label="revive: at most 10%")
    axes[0].set_ylim(-0.03, 1.03)
    if mine_settings:
        kill_dead, _ = final["kill"]
        revive_dead, revive_acc = final["revive"]
        misses = ([f"kill leaves only {kill_dead:.0%} dead"] if kill_dead < 0.4 else []) + \
                 ([f"revive: {revive_dead:.0%} dead, {revive_acc:.0%} right"]
                  if revive_dead > 0.1 or revive_acc < 0.95 else [])
        verdict = ("your settings: " + "; ".join(misses) if misses
                   else "your kill_and_revive settings do what is asked")
        good = not misses
    else:
        verdict, good = "reference settings", None
    titled(axes[0], "Dead hidden units while training (32 units)", verdict, good)
    axes[0].set_xlabel("epoch")
    axes[0].set_ylabel("fraction of hidden units dead on every example")

    hidden = (32, 32, 32)
    width = 0.8 / len(runs)
    verdicts = []
    for k, (name, setting) in enumerate(runs.items()):
        params, _, dead = _train_watching(X, y, hidden, setting["activation"], setting["lr"], seed, every=500)
        expected = np.array(dead_fractions(params, X))
        positions = np.arange(1, len(hidden) + 1) + (k - (len(runs) - 1) / 2) * width
        value = learner.call("dead_unit_fraction", params, X)
        mine = as_array(learner, "dead_unit_fraction", value, expected.shape)
        heights = expected if mine is None else mine
        axes[1].bar(positions, heights, width=width * 0.9, color=colours[name],
                    alpha=0.8 if mine is not None else 0.35, label=f"{name} ({setting['activation']}, "
                    f"lr {setting['lr']:g})")
        axes[1].scatter(positions, expected, marker="_", s=220, color="black", zorder=5,
                        label="reference measure" if k == 0 else None)
        if mine is None:
            verdicts.append("reference only")
        elif not np.allclose(mine, expected, atol=1e-9):
            bad = ~np.isclose(mine, expected, atol=1e-9)
            axes[1].scatter(positions[bad], mine[bad], **DIFFERS)
            verdicts.append("yours differs from the reference")
        else:
            verdicts.append("yours matches the reference")
    axes[1].set_xticks(np.arange(1, len(hidden) + 1), [f"hidden layer {i}" for i in range(1, len(hidden) + 1)])
    axes[1].set_ylim(0, 1.3)
    axes[1].set_yticks(np.linspace(0, 1, 6))
    titled(axes[1], "Dead units per layer after 500 epochs, 3 hidden layers of 32",
           worst(*verdicts).replace("yours", "your dead_unit_fraction"))
    axes[1].set_ylabel("dead fraction (bars: " + ("reference" if "reference only" in verdicts
                                                  else "your dead_unit_fraction") + ")")
    axes[0].legend(fontsize=8.5, loc="center right")
    axes[1].legend(fontsize=8.5, loc="upper left", ncols=2)
    for ax in axes:
        ax.grid(alpha=0.3, axis="y")
    finish(fig, exercise, f"Two moons (200 points, seed {seed}), trained with the reference loop; a dead unit outputs "
           "0 on every example and never learns again. (Leaky ReLU units counted here still get a small gradient.)",
           learner)
    return fig
