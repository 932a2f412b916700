"""Throughput of `actgrade grade` on a synthetic class, at --jobs 1 and --jobs 2.

The class: N students, each a copy of the reference solutions; every K-th
student has one realistic mistake from tests/mistakes/ appended to one
exercise (ordinary wrong answers only: no hangs or deliberately slow code,
whose timeouts would measure the time limits, not the grader). Each run is
a real `actgrade grade` process timed from start to exit, with the same seed,
so both runs grade exactly the same work; the runs alternate when --rounds > 1.
Prints submissions (student-exercise pairs) per second for each --jobs value
and the speed-up against the baseline, --jobs 1, and checks that every run
wrote the same grades.

    python benchmarks/batch_throughput.py [--students 10] [--exercises all] [--jobs 1,2] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MISTAKES = ROOT / "tests" / "mistakes"
# Mistakes that are not ordinary wrong answers: their cost is a time limit or a crash.
UNSUITABLE = {"timeout", "slow", "error", "not-implemented", "nondeterministic"}


def ordinary_mistakes(modules: list[str]) -> list[Path]:
    found = []
    for module in modules:
        for path in sorted((MISTAKES / module).glob("*.py")):
            expected = set(re.findall(r"^#\s*expect(?:-warning)?\s*:\s*(\S+)", path.read_text(), re.MULTILINE))
            if expected and not expected & UNSUITABLE:
                found.append(path)
    return found


def build_class(folder: Path, students: int, every: int, modules: list[str]) -> int:
    """Write the class; returns how many students have a mistake."""
    solutions = sorted((ROOT / "solutions").glob("exercise*_*.py"))
    mistakes = ordinary_mistakes(modules)
    with_mistake = 0
    for number in range(students):
        student = folder / f"student{number + 1:03d}"
        student.mkdir(parents=True)
        for path in solutions:
            shutil.copyfile(path, student / path.name)
        if every and number % every == every - 1 and mistakes:
            mistake = mistakes[(with_mistake * 7) % len(mistakes)]  # spread over exercises and kinds
            target = student / f"{mistake.parent.name}.py"
            target.write_text(target.read_text() + "\n\n# --- one mistake ---\n" + mistake.read_text())
            with_mistake += 1
    return with_mistake


def grade(submissions: Path, out: Path, jobs: int, seed: int, exercises: str) -> float:
    command = [sys.executable, "-m", "actgrade", "grade", str(submissions), "--jobs", str(jobs),
               "--seed", str(seed), "--out", str(out), "--format", "csv", "--no-reference-check"]
    if exercises != "all":
        command += ["--exercises", exercises]
    env = {**os.environ, "NO_COLOR": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"actgrade grade --jobs {jobs} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--mistake-every", type=int, default=3, help="every K-th student has one mistake")
    parser.add_argument("--exercises", default="all", help="e.g. 1,4; default: every exercise")
    parser.add_argument("--jobs", default="1,2", help="values to compare; the first is the baseline")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args()
    jobs_values = [int(j) for j in args.jobs.split(",")]

    sys.path.insert(0, str(ROOT / "grader"))
    from actgrade import catalog

    chosen = (list(catalog.exercises()) if args.exercises == "all"
              else [catalog.find(name) for name in args.exercises.split(",")])
    with tempfile.TemporaryDirectory(prefix="actgrade-bench-") as tmp:
        submissions = Path(tmp) / "submissions"
        mistaken = build_class(submissions, args.students, args.mistake_every, [e.module for e in chosen])
        pairs = args.students * len(chosen)
        print(f"{args.students} students ({mistaken} with a mistake) x {len(chosen)} exercises = {pairs} "
              f"submissions; seed {args.seed}; {os.cpu_count()} CPUs; {args.rounds} round(s)")
        grade(submissions, Path(tmp) / "warm", max(jobs_values), args.seed, args.exercises)  # file cache, .pyc
        times: dict[int, list[float]] = {j: [] for j in jobs_values}
        for _ in range(args.rounds):
            for jobs in jobs_values:
                times[jobs].append(grade(submissions, Path(tmp) / f"out-{jobs}", jobs, args.seed, args.exercises))
        grades = {j: (Path(tmp) / f"out-{j}" / "grades.csv").read_text() for j in jobs_values}

    baseline = statistics.median(times[jobs_values[0]])
    for jobs in jobs_values:
        wall = statistics.median(times[jobs])
        label = "  (baseline)" if jobs == jobs_values[0] else f"  speed-up {baseline / wall:.2f}x"
        print(f"--jobs {jobs}: {wall:6.2f} s  {pairs / wall:6.2f} submissions/s  "
              f"{args.students / wall:5.2f} students/s{label}")
    same = len(set(grades.values())) == 1
    print(f"grades.csv identical across --jobs values: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
