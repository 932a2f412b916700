"""Exercise 7's experiment over many seeds: the figures its answers, docstrings and passing notes quote.

For each seed s (XOR data of 200 points made with seed 1000 + s, training seed s) it runs the
reference solution of exercise 7: the 2 x 2 table (ReLU or softmax hidden layer, sigmoid + BCE or
linear + MSE output) after 500 epochs and after 5000, the first layer's gradient at the start, the
softmax layer's outputs at the start and its saturation after 5000 epochs, and the separate deep
experiment (8 untrained hidden layers of 32 units). It prints the range of every figure over the
seeds, checks the claims the exercise makes (the answer ANSWER_MAIN_CHANGE expects, the conditions
the notes' sentences rely on), and shows the passing note a learner reads for one seed.

Not a test: 50 seeds take about two minutes on two cores. Run from the repository root:

    python benchmarks/experiment_sweep.py [--seeds 50] [--jobs 2]
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "solutions"))

from actgrade.datasets import xor  # noqa: E402

SETUPS = ("relu_sigmoid", "relu_linear", "softmax_sigmoid", "softmax_linear")
BUDGET, MORE_STEPS, SATURATED_SLOPE = 500, 5000, 0.01


def softmax_rows(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def one_seed(seed: int) -> dict:
    """Every figure of the experiment for one seed, with the reference solutions."""
    import exercise5_backprop as ex5
    import exercise6_training as ex6
    import exercise7_experiment as ex7

    X, y = xor(n=200, seed=1000 + seed)
    found: dict = {"budget": ex7.compare_setups(X, y, epochs=BUDGET, seed=seed),
                   "more": ex7.compare_setups(X, y, epochs=MORE_STEPS, seed=seed)}
    W, b = ex5.init_params([2, 32, 1], activation="softmax", seed=seed)[0]
    s = softmax_rows(X @ W + b)
    found["s_min"], found["s_max"] = float(s.min()), float(s.max())
    found["start_saturated"] = float(np.mean(s * (1 - s) < SATURATED_SLOPE))
    found["end_saturated"] = {}
    for name, output in (("softmax_sigmoid", "sigmoid"), ("softmax_linear", "linear")):
        targets = y if output == "sigmoid" else np.eye(2)[y]
        history = ex6.train(X, targets, activation="softmax", output=output, loss="bce" if output == "sigmoid"
                            else "mse", epochs=MORE_STEPS, seed=seed)
        W, b = history["params"][0]
        trained = softmax_rows(X @ W + b)
        found["end_saturated"][name] = float(np.mean(trained * (1 - trained) < SATURATED_SLOPE))
    found["depth"] = {}
    for activation in ("relu", "sigmoid", "softmax"):
        norms = ex7.gradient_norms_by_layer(X, y, activation, 8, seed=seed)
        found["depth"][activation] = norms[0] / norms[-1]
    return found


def span(values: list[float], scale: float = 100.0, digits: int = 1) -> str:
    return f"{min(values) * scale:.{digits}f}-{max(values) * scale:.{digits}f}"


def report(results: list[dict]) -> None:
    acc = {when: {name: [r[when][name]["accuracy"] for r in results] for name in SETUPS} for when in ("budget", "more")}
    grad = {name: [r["budget"][name]["first_layer_grad_at_start"] for r in results] for name in SETUPS}
    print(f"Exercise 7 on XOR (200 points), {len(results)} seeds, reference solutions\n")
    for when, epochs in (("budget", BUDGET), ("more", MORE_STEPS)):
        print(f"accuracy after {epochs} epochs (%, min-max, mean):")
        for name in SETUPS:
            print(f"  {name:16s} {span(acc[when][name])}   mean {np.mean(acc[when][name]) * 100:.1f}")
    hidden = [a - b for a, b in zip(acc["budget"]["relu_sigmoid"], acc["budget"]["softmax_sigmoid"], strict=True)]
    output = [a - b for a, b in zip(acc["budget"]["relu_sigmoid"], acc["budget"]["relu_linear"], strict=True)]
    print(f"\nfrom ReLU + sigmoid after {BUDGET} epochs, in points of accuracy:")
    print(f"  softmax hidden layer costs   {span(hidden)}")
    print(f"  linear + MSE output costs    {span(output)}")
    print("first layer's gradient at the first step:")
    for name in SETUPS:
        print(f"  {name:16s} {span(grad[name], 1, 4)}")
    ratios = [a / b for a, b in zip(grad["relu_sigmoid"], grad["softmax_sigmoid"], strict=True)]
    ratios_linear = [a / b for a, b in zip(grad["relu_linear"], grad["softmax_linear"], strict=True)]
    print(f"  ReLU / softmax, sigmoid output: {min(ratios):.0f}-{max(ratios):.0f} times; "
          f"linear output: {min(ratios_linear):.0f}-{max(ratios_linear):.0f} times")
    print(f"softmax outputs S_i at the start: {min(r['s_min'] for r in results):.4f}-"
          f"{max(r['s_max'] for r in results):.4f} (1/32 = {1 / 32:.4f}); slopes below {SATURATED_SLOPE}: "
          f"{span([r['start_saturated'] for r in results])}% of (example, unit) pairs")
    for name in ("softmax_sigmoid", "softmax_linear"):
        print(f"after {MORE_STEPS} epochs, {name} slopes below {SATURATED_SLOPE}: "
              f"{span([r['end_saturated'][name] for r in results])}% of pairs")
    print("8 untrained hidden layers, first / last layer gradient:")
    for activation in ("relu", "sigmoid", "softmax"):
        values = [r["depth"][activation] for r in results]
        print(f"  {activation:8s} {min(values):.1e}-{max(values):.1e}")
    claims = {
        "the hidden activation costs more than the output and loss, by 5 points or more (ANSWER_MAIN_CHANGE)":
            all(h - o >= 0.05 for h, o in zip(hidden, output, strict=True)),
        "not the same result at 500 epochs: ReLU + sigmoid beats softmax + linear by 20 points or more":
            all(a - b >= 0.2 for a, b in zip(acc["budget"]["relu_sigmoid"], acc["budget"]["softmax_linear"],
                                              strict=True)),
        "the first layer's gradient at the start is 10 times smaller or more with softmax (both outputs)":
            min(ratios + ratios_linear) >= 10,
        "no softmax output starts saturated (slope below 0.01)": max(r["start_saturated"] for r in results) == 0,
        "with ten times the steps both softmax set-ups reach 90% or more":
            min(acc["more"]["softmax_sigmoid"] + acc["more"]["softmax_linear"]) >= 0.9,
    }
    print("\nclaims:")
    for claim, holds in claims.items():
        print(f"  {'holds' if holds else 'FAILS'}: {claim}")


def passing_note(seed: int) -> None:
    """The notes a learner whose code is right reads, graded with the reference solutions."""
    from actgrade import catalog, grading

    report_ = grading.grade(catalog.find("7"), catalog.solutions_dir(), seed=seed)
    print(f"\nThe passing notes of `actgrade check exercise7 --seed {seed}` on the reference solutions:")
    for check in report_.checks:
        for hint in check.hints:
            print(f"\n[{check.title}]\n{hint.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--note-seed", type=int, default=1)
    args = parser.parse_args()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one_seed, range(args.seeds)))
    report(results)
    passing_note(args.note_seed)


if __name__ == "__main__":
    main()
