"""Latency of `actgrade check exercise1` against a bare `python -c "import numpy"`.

Both commands run alternately in this one process, so machine noise hits
both alike; the script prints the medians and their ratio. Target: <= 3x.

    python benchmarks/check_latency.py [--runs 15] [--exercise exercise1]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--exercise", default="exercise1")
    args = parser.parse_args()
    baseline_cmd = [sys.executable, "-c", "import numpy"]
    check_cmd = [sys.executable, "-m", "actgrade", "check", args.exercise, "--workspace", "solutions", "--seed", "1"]
    wall_time(baseline_cmd), wall_time(check_cmd)  # warm the file cache
    baseline, check = [], []
    for _ in range(args.runs):
        baseline.append(wall_time(baseline_cmd))
        check.append(wall_time(check_cmd))
    b, c = statistics.median(baseline), statistics.median(check)
    print(f"baseline  python -c 'import numpy'         median {b * 1000:7.1f} ms")
    print(f"actgrade check {args.exercise} (solutions)  median {c * 1000:7.1f} ms")
    print(f"ratio {c / b:.2f}x  (target <= 3x, {args.runs} runs each, alternating)")


if __name__ == "__main__":
    main()
