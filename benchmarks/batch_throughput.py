"""Throughput of `actgrade grade` on a synthetic class, and what one hanging student costs.

The class: N students, each a copy of the reference solutions; every K-th
student has one realistic mistake from tests/mistakes/ appended to one
exercise (ordinary wrong answers only: no hangs or deliberately slow code,
whose timeouts would measure the time limits, not the grader). Each run is
a real `actgrade grade` process timed from start to exit (the local Dask
cluster's start included), with the same seed, so every run grades exactly
the same work. Runs: 1 and 2 workers (--jobs), each with sandboxes forked
from the warm template and with fresh interpreters (--cold-sandboxes). Prints
submissions (student-exercise pairs) per second for each, the speed-up
against the baseline (--jobs 1 with fresh interpreters), and checks that
every run wrote the same grades.

Then one student whose `relu` never returns (`while True: pass`):
- before: every exercise graded on its own, as a class run did before what
  hung was carried over (`actgrade check --json` per exercise, each report's
  duration_s added up: the worker time that student cost);
- after: the same student in `actgrade grade` (reference check on, so the
  per-exercise budgets apply), the durations of that student's pairs added up.

    python benchmarks/batch_throughput.py [--students 10] [--exercises all] [--jobs 1,2] [--rounds 1]
        [--no-hang]
"""

from __future__ import annotations

import argparse
import json
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


def grade(submissions: Path, out: Path, jobs: int, seed: int, exercises: str, warm: bool = True,
          reference: bool = False) -> float:
    command = [sys.executable, "-m", "actgrade", "grade", str(submissions), "--jobs", str(jobs),
               "--seed", str(seed), "--out", str(out), "--format", "csv,json", "--restart"]
    command += [] if reference else ["--no-reference-check"]
    command += [] if warm else ["--cold-sandboxes"]
    if exercises != "all":
        command += ["--exercises", exercises]
    env = {**os.environ, "NO_COLOR": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"actgrade grade --jobs {jobs} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


HANGING_RELU = "\n\n# --- never returns ---\ndef relu(x):\n    while True:\n        pass\n"


def hanging_student_cost(folder: Path, chosen: list, seed: int) -> tuple[float, float, float]:
    """(before, after, after wall time) in seconds for one student whose relu never returns."""
    student = folder / "hanging" / "hanger"
    student.mkdir(parents=True)
    for path in sorted((ROOT / "solutions").glob("exercise*_*.py")):
        shutil.copyfile(path, student / path.name)
    (student / "exercise1_relu.py").write_text((student / "exercise1_relu.py").read_text() + HANGING_RELU)
    before = 0.0
    env = {**os.environ, "NO_COLOR": "1"}
    for exercise in chosen:
        result = subprocess.run([sys.executable, "-m", "actgrade", "check", exercise.id, "--workspace", str(student),
                                 "--seed", str(seed), "--json"], env=env, capture_output=True, text=True)
        before += json.loads(result.stdout)["duration_s"]
    out = folder / "hanging-out"
    wall = grade(student.parent, out, 2, seed, ",".join(e.id for e in chosen), reference=True)
    data = json.loads((out / "results.json").read_text())
    after = sum(e["report"]["duration_s"] for e in data["students"]["hanger"]["exercises"].values())
    return before, after, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--mistake-every", type=int, default=3, help="every K-th student has one mistake")
    parser.add_argument("--exercises", default="all", help="e.g. 1,4; default: every exercise")
    parser.add_argument("--jobs", default="1,2", help="values to compare; the first is the baseline")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--no-hang", action="store_true", help="skip the hanging student")
    args = parser.parse_args()
    jobs_values = [int(j) for j in args.jobs.split(",")]
    runs = [(jobs, warm) for jobs in jobs_values for warm in (False, True)]  # the first is the baseline

    sys.path.insert(0, str(ROOT / "grader"))
    from actgrade import catalog

    chosen = (list(catalog.graded()) if args.exercises == "all"
              else [catalog.find(name) for name in args.exercises.split(",")])
    with tempfile.TemporaryDirectory(prefix="actgrade-bench-") as tmp:
        submissions = Path(tmp) / "submissions"
        mistaken = build_class(submissions, args.students, args.mistake_every, [e.module for e in chosen])
        pairs = args.students * len(chosen)
        print(f"{args.students} students ({mistaken} with a mistake) x {len(chosen)} exercises = {pairs} "
              f"submissions; seed {args.seed}; {os.cpu_count()} CPUs; {args.rounds} round(s)")
        grade(submissions, Path(tmp) / "warm-up", max(jobs_values), args.seed, args.exercises)  # file cache, .pyc
        times: dict[tuple[int, bool], list[float]] = {run: [] for run in runs}
        for _ in range(args.rounds):
            for jobs, warm in runs:
                out = Path(tmp) / f"out-{jobs}-{warm}"
                times[jobs, warm].append(grade(submissions, out, jobs, args.seed, args.exercises, warm))
        grades = {run: (Path(tmp) / f"out-{run[0]}-{run[1]}" / "grades.csv").read_text() for run in runs}
        hang = None if args.no_hang else hanging_student_cost(Path(tmp), chosen, args.seed)

    baseline = statistics.median(times[runs[0]])
    for jobs, warm in runs:
        wall = statistics.median(times[jobs, warm])
        label = "  (baseline)" if (jobs, warm) == runs[0] else f"  speed-up {baseline / wall:.2f}x"
        kind = "warm children " if warm else "fresh children"
        print(f"--jobs {jobs}, {kind}: {wall:6.2f} s  {pairs / wall:6.2f} submissions/s  "
              f"{args.students / wall:5.2f} students/s{label}")
    same = len(set(grades.values())) == 1
    print(f"grades.csv identical across runs: {'yes' if same else 'NO'}")
    if hang is not None:
        before, after, wall = hang
        print(f"one student whose relu never returns, {len(chosen)} exercises: {before:.1f} s of grading before "
              f"(each exercise on its own), {after:.1f} s now ({before / max(after, 1e-9):.1f}x less); "
              f"that run took {wall:.1f} s from start to exit, the reference check included")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
