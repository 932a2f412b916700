"""nbgrader autograde time per notebook: actgrade's source grading against the kernel.

Builds a course with every exercise that has hidden tests (`actgrade nbgrader`,
`nbgrader generate_assignment`), then a class of N students: odd students hand
in every notebook solved with the reference solution, even students hand in
the release notebooks untouched. The same submissions are autograded, in this
one process and through nbgrader's own Python API, by two pipelines that
alternate (which one goes first changes every round):

- source: the generated nbgrader_config.py (`ActgradeGrade` grades the
  submitted source in actgrade's sandbox; no kernel);
- kernel (the baseline): the same config with nbgrader's default autograde
  steps, so `Execute` runs every notebook in a Jupyter kernel and the hidden
  part of each test cell grades from there (actgrade's pipeline before it
  graded from the source);
- nbgrader alone: neither `Execute` nor `ActgradeGrade`, only nbgrader's own
  steps (sanitizing, checking metadata, saving grades), which both pipelines
  pay for every notebook. Its scores mean nothing; its time is the floor.

One untimed pass of each pipeline over the first student comes first (imports,
caches). Prints the median seconds per notebook of each pipeline, the ratio
kernel / source (the target is at least 5x), the same ratio above nbgrader's
floor, and whether both pipelines gave every student the same score.
The Jupyter folders point into a temporary folder with a `python3` kernel for
this interpreter, so no user configuration or kernel is involved.

    python benchmarks/nbgrader_autograde.py [--students 2] [--rounds 2] [--exercises all]
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "grader"))  # this checkout's actgrade, in this process and (PYTHONPATH) in kernels
ASSIGNMENT = "activations"
SEED = 20250101


def jupyter_environment(folder: Path) -> None:
    """Point Jupyter and IPython at `folder` and install a `python3` kernel for this interpreter."""
    for name in ("config", "data", "runtime", "ipython"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    os.environ.update(JUPYTER_CONFIG_DIR=str(folder / "config"), JUPYTER_DATA_DIR=str(folder / "data"),
                      JUPYTER_RUNTIME_DIR=str(folder / "runtime"), IPYTHONDIR=str(folder / "ipython"),
                      NO_COLOR="1")
    grader = str(ROOT / "grader")
    os.environ["PYTHONPATH"] = os.pathsep.join([grader, *filter(None, [os.environ.get("PYTHONPATH")])])
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    run([sys.executable, "-m", "ipykernel", "install", "--user", "--name", "python3"], folder)


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")


def build_course(course: Path, exercises: str) -> None:
    command = [sys.executable, "-m", "actgrade", "nbgrader", str(course), "--seed", str(SEED)]
    if exercises != "all":
        command += ["--exercises", exercises]
    run(command, course.parent)
    run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT], course)


def solved(release, source):
    """The release notebook with every solution cell answered as in the source notebook."""
    answers = {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in source.cells
               if cell.get("metadata", {}).get("nbgrader", {}).get("solution")}
    filled = copy.deepcopy(release)
    for cell in filled.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            cell.source = "\n".join(line for line in answers[meta["grade_id"]].splitlines()
                                    if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
    return filled


def hand_in(course: Path, students: int) -> tuple[list[str], int]:
    """Odd students solve everything, even ones hand in the release; returns (students, notebooks each)."""
    import nbformat

    release = sorted((course / "release" / ASSIGNMENT).glob("*.ipynb"))
    names = [f"student{number:02d}" for number in range(1, students + 1)]
    for number, student in enumerate(names, start=1):
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        for path in release:
            nb = nbformat.read(str(path), as_version=4)
            if number % 2:
                nb = solved(nb, nbformat.read(str(course / "source" / ASSIGNMENT / path.name), as_version=4))
            nbformat.write(nb, str(folder / path.name))
    return names, len(release)


def configs(course: Path) -> dict:
    """The course's config; the same with nbgrader's default (kernel) autograde steps; and with
    nbgrader's own steps only."""
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import Execute
    from traitlets.config.loader import PyFileConfigLoader

    source = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    source.CourseDirectory.root = str(course)
    default = list(Autograde.class_traits()["autograde_preprocessors"].default())
    kernel, alone = copy.deepcopy(source), copy.deepcopy(source)
    kernel.Autograde.autograde_preprocessors = default
    alone.Autograde.autograde_preprocessors = [step for step in default if step is not Execute]
    return {"source": source, "kernel": kernel, "nbgrader alone": alone}


def autograde(config, students: list[str]) -> tuple[float, dict[str, float]]:
    """Autograde every student with `config`; (seconds, student -> total score)."""
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    start = time.perf_counter()
    for student in students:
        result = api.autograde(ASSIGNMENT, student, force=True, create=True)
        if not result["success"]:
            sys.exit(f"autograde of {student} failed:\n{result.get('error', '')}\n{result.get('log', '')[-3000:]}")
    elapsed = time.perf_counter() - start
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        scores = {s: gradebook.find_submission(ASSIGNMENT, s).score for s in students}
    return elapsed, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--exercises", default="all", help="e.g. 1,2 (default: every exercise with hidden tests)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="actgrade-bench-nbgrader-") as tmp:
        folder = Path(tmp)
        jupyter_environment(folder / "jupyter")
        course = folder / "course"
        build_course(course, args.exercises)
        students, per_student = hand_in(course, args.students)
        notebooks = len(students) * per_student
        pipelines = configs(course)
        for config in pipelines.values():  # warm-up, untimed
            autograde(config, students[:1])
        seconds: dict[str, list[float]] = {name: [] for name in pipelines}
        scores: dict[str, dict[str, float]] = {}
        for round_number in range(args.rounds):
            names = list(pipelines)
            order = names[round_number % len(names):] + names[:round_number % len(names)]
            for name in order:
                elapsed, scores[name] = autograde(pipelines[name], students)
                seconds[name].append(elapsed / notebooks)
                print(f"round {round_number + 1}, {name:14s}: {elapsed:6.1f} s for {notebooks} notebooks "
                      f"({elapsed / notebooks:.2f} s per notebook)", flush=True)

    source, kernel = statistics.median(seconds["source"]), statistics.median(seconds["kernel"])
    floor = statistics.median(seconds["nbgrader alone"])
    print(f"\n{len(students)} students x {per_student} notebooks, {args.rounds} rounds, median per notebook:")
    print(f"  kernel (nbgrader's Execute, baseline)   {kernel:.2f} s")
    print(f"  source (ActgradeGrade, no kernel)       {source:.2f} s")
    print(f"  nbgrader's own steps alone              {floor:.2f} s")
    print(f"  ratio: source grading is {kernel / source:.1f}x faster (target: at least 5x)")
    if source > floor:
        print(f"  above nbgrader's own steps: {kernel - floor:.2f} s against {source - floor:.2f} s, "
              f"{(kernel - floor) / (source - floor):.1f}x")
    same = scores["source"] == scores["kernel"]
    print(f"  same score for every student: {'yes' if same else 'NO'} {scores['source']}")
    if not same:
        print(f"  kernel pipeline's scores: {scores['kernel']}")
        sys.exit(1)


if __name__ == "__main__":
    main()
