"""Latency of the learner's commands against a bare `python -c "import numpy"`.

All commands run alternately in this one process, so machine noise hits them
alike; the script prints the medians and their ratios to the baseline:

- `actgrade --help`, `actgrade list` (every result already recorded, output piped) and
  `actgrade hint 3`: start-up alone, which should stay well below the baseline since
  none of them needs NumPy (target about 0.3x);
- `actgrade check` with the default (strict where the machine allows) isolation;
- the same with `--isolation basic`, so the cost of the kernel confinement
  (namespaces, Landlock, seccomp) shows as the ratio strict / basic
  (target: at most 1.15);
- with `--compare-tree DIR`, the same command from another checkout of actgrade
  (for example the commit before a change), run with that tree's `grader/` first
  on the path, so a change's cost is measured in one run.

    python benchmarks/check_latency.py [--runs 15] [--exercise exercise1] [--compare-tree DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wall_time(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--exercise", default="exercise1")
    parser.add_argument("--compare-tree", type=Path, default=None,
                        help="another checkout of actgrade to time the same command from")
    args = parser.parse_args()
    check = [sys.executable, "-m", "actgrade", "check", args.exercise, "--workspace", "solutions", "--seed", "1"]
    actgrade = [sys.executable, "-m", "actgrade"]
    commands: dict[str, tuple[list[str], dict | None]] = {
        "python -c 'import numpy' (baseline)": ([sys.executable, "-c", "import numpy"], None),
        f"check {args.exercise} (default isolation)": (check, None),
        f"check {args.exercise} --isolation basic": (check + ["--isolation", "basic"], None),
        "--help": ([*actgrade, "--help"], None),
        "list (results recorded)": ([*actgrade, "list", "--workspace", "solutions"], None),
        "hint 3": ([*actgrade, "hint", "3", "--level", "1"], None),
    }
    if args.compare_tree:
        tree = args.compare_tree.resolve()
        env = dict(os.environ, PYTHONPATH=str(tree / "grader"))
        commands[f"check {args.exercise} from {tree.name}"] = (
            [sys.executable, "-m", "actgrade", "check", args.exercise, "--workspace", str(tree / "solutions"),
             "--seed", "1"], env)
    for command, env in commands.values():  # warm the file cache
        wall_time(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, (command, env) in commands.items():
            times[name].append(wall_time(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = next(iter(medians.values()))
    for name, value in medians.items():
        print(f"{name:48s} median {value * 1000:7.1f} ms  ratio {value / baseline:5.2f}x")
    names = list(medians)
    print(f"strict confinement costs {medians[names[1]] / medians[names[2]]:.3f}x basic "
          f"(target <= 1.15); {args.runs} runs each, alternating")
    if args.compare_tree:
        print(f"this tree / {args.compare_tree.name}: {medians[names[1]] / medians[names[-1]]:.3f}x")


if __name__ == "__main__":
    main()
