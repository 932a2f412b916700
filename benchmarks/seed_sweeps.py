"""Seed sweeps: do the checks that compare measured training quantities separate right from wrong
on every seed?

For exercises 6-8, every check that trains a network (or takes a gradient of one) is run on many
consecutive seeds, for the reference solutions and for each wrong variant in tests/mistakes/
that names the check on a `# check:` line. A check is sound when the reference passes on every
seed and each wrong variant fails on (nearly) every seed. Exercise 8's kill/revive checks are
also run for fixed settings (learning rates) a learner may try, against what the exercise's
texts promise.

Not a test: 200 seeds take about half an hour on two cores. Run from the repository root:

    python benchmarks/seed_sweeps.py [--seeds 200] [--jobs 2] [--exercises 6,7,8] [--checks NAME,...]

It prints one line per (variant, check): how many seeds passed, and the seeds that went the
wrong way.
"""

from __future__ import annotations

import argparse
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from actgrade import catalog, devtools, grading
from actgrade.devtools import directives, patched_workspace, solutions_workspace
from actgrade.sandbox.runner import Sandbox

ROOT = Path(__file__).resolve().parent.parent

# The checks that measure training (accuracies, losses, gradient norms, dead units), per exercise.
MEASURED = {
    "exercise6_training": ("learns_two_moons", "learns_xor", "sigmoid_trouble_measured"),
    "exercise7_experiment": ("compare_setups_same_budget", "compare_setups_more_steps",
                             "gradient_norms_by_layer_shape", "gradient_vanishes_with_depth"),
    "exercise8_dead_relu": ("kill_setting_kills", "revive_setting_trains"),
}
# Settings a learner of exercise 8 may hand in: (activation, lr, check, must pass). None: no promise
# either way (learning rate 10 kills more than 40% of the units on most runs, not on all).
KILL_AND_REVIVE = {
    "kill lr 10 (not dependable)": ("relu", 10.0, "kill_setting_kills", None),
    "kill lr 20 (the reference)": ("relu", 20.0, "kill_setting_kills", True),
    "revive relu lr 1 (the reference)": ("relu", 1.0, "revive_setting_trains", True),
    "revive leaky_relu lr 1": ("leaky_relu", 1.0, "revive_setting_trains", True),
}


def settings_patch(check: str, activation: str, lr: float) -> str:
    """A kill_and_revive that hands in this setting for `check`, and the reference's for the other."""
    kill, revive = ("relu", 20.0), ("relu", 1.0)
    if check == "kill_setting_kills":
        kill = (activation, lr)
    else:
        revive = (activation, lr)
    return (f"def kill_and_revive(X, y, seed=0):\n"
            f"    return {{'kill': {{'activation': {kill[0]!r}, 'lr': {kill[1]!r}}},\n"
            f"            'revive': {{'activation': {revive[0]!r}, 'lr': {revive[1]!r}}}}}\n")


def cases(exercises: set[str], scratch: Path) -> list[tuple[str, str, str, Path, bool | None]]:
    """(module, label, check, workspace, should pass; None: no promise) for every sweep."""
    found = []
    for module, checks in MEASURED.items():
        if module not in exercises:
            continue
        reference = solutions_workspace(scratch / module / "reference")
        found += [(module, "reference", check, reference, True) for check in checks]
        for path in devtools.mistake_files(ROOT):
            if path.parent.name != module:
                continue
            source = path.read_text(encoding="utf-8")
            targeted = [c for c in directives(source).get("check", []) if c in checks]
            if targeted:
                workspace = patched_workspace(scratch / module / path.stem, module, source)
                found += [(module, path.stem, check, workspace, False) for check in targeted]
        if module == "exercise8_dead_relu":
            for label, (activation, lr, check, promise) in KILL_AND_REVIVE.items():
                workspace = patched_workspace(scratch / module / f"{activation}-{lr:g}", module,
                                              settings_patch(check, activation, lr))
                found.append((module, label, check, workspace, promise))
    return found


SEEDS_PER_SANDBOX = 20  # a sandbox child may use 300 s of CPU, as much as one grading run ever needs


def sweep(module: str, check: str, workspace: Path, seeds: range) -> list[bool]:
    """Pass (True) or fail for each seed: the check run once per seed, a fresh sandbox every
    SEEDS_PER_SANDBOX seeds (one child for all 200 seeds would outgrow its CPU-time limit)."""
    exercise = catalog.find(module)
    outcomes = []
    for first in range(seeds.start, seeds.stop, SEEDS_PER_SANDBOX):
        with Sandbox(workspace) as sandbox:
            session = grading.Session(exercise, sandbox, first)
            index = session.index_of(check)
            for seed in range(first, min(first + SEEDS_PER_SANDBOX, seeds.stop)):
                session.seed = seed
                outcomes.append(session.run(index).passed)
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--exercises", default="6,7,8")
    parser.add_argument("--checks", default="", help="only these checks (comma-separated names)")
    args = parser.parse_args()
    exercises = {catalog.find(e.strip()).module for e in args.exercises.split(",")}
    seeds = range(args.seeds)
    with tempfile.TemporaryDirectory(prefix="actgrade-sweep-") as scratch:
        found = cases(exercises, Path(scratch))
        if args.checks:
            wanted = {name.strip() for name in args.checks.split(",")}
            found = [case for case in found if case[2] in wanted]
        with ProcessPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(sweep, module, check, workspace, seeds)
                       for module, _, check, workspace, _ in found]
            print(f"{'exercise':22s} {'variant':55s} {'check':32s} {'passed':>8s}  wrong way (seeds)")
            for (module, label, check, _, should_pass), future in zip(found, futures, strict=True):
                outcomes = future.result()
                wrong = [s for s, ok in zip(seeds, outcomes, strict=True) if should_pass is not None
                         and ok != should_pass]
                shown = ", ".join(map(str, wrong[:10])) + (" ..." if len(wrong) > 10 else "")
                verdict = ("measured" if should_pass is None else "ok" if not wrong else
                           "CORRECT CODE FAILS" if should_pass else "LET THROUGH")
                print(f"{module:22s} {label[:55]:55s} {check:32s} {sum(outcomes):4d}/{len(outcomes):<4d} "
                      f"{verdict} {shown}", flush=True)


if __name__ == "__main__":
    main()
