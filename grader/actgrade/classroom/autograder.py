"""Grading one Gradescope submission, inside Gradescope's container: what the bundle's `run_autograder` runs.

    python -m actgrade.classroom.autograder --root /autograder --exercises exercise1,exercise4 --seed 1234

Gradescope puts the student's files in `ROOT/submission` (uploaded one by one, in a folder or in a
zip: any depth) and reads `ROOT/results/results.json`. Each exercise is graded as `actgrade check`
grades it, in order, so a function that hung in an earlier exercise fails at once in the later ones;
each has `--pair-timeout` seconds in all. Whatever happens, a results.json is written: a failure of
the grader itself becomes a score of 0 with a message asking to regrade, never a missing file.
Needs only actgrade's core install (no Dask: Gradescope runs one container per submission).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

STUDENT = "submission"


def find_files(submission: Path, filenames: list[str]) -> dict[str, Path]:
    """Each expected file's path in the submission: the shallowest match at any depth, never a symlink."""
    found: dict[str, Path] = {}
    if not submission.is_dir():
        return found
    for path in sorted(submission.rglob("exercise*_*.py"), key=lambda p: (len(p.parts), str(p))):
        if path.name in filenames and path.name not in found and path.is_file() and not path.is_symlink() \
                and "__MACOSX" not in path.parts:
            found[path.name] = path
    return found


def grade_submission(root: Path, exercise_names: list[str], seed: int, pair_timeout: float) -> dict:
    """Gradescope's results.json for the submission in `root/submission`."""
    from actgrade.classroom.pairs import Pair, grade_pair, select_exercises
    from actgrade.classroom.results import ClassResults, gradescope_json

    exercises = sorted(select_exercises(exercise_names), key=lambda e: e.number)
    data = ClassResults(seed, exercises, [STUDENT], {})
    with tempfile.TemporaryDirectory(prefix="actgrade-submission-") as folder:
        workspace = Path(folder)
        # every exercise file the student sent: a later exercise imports the earlier ones
        from actgrade import catalog

        for name, path in find_files(root / "submission", [e.filename for e in catalog.exercises()]).items():
            shutil.copyfile(path, workspace / name)
        hung: list[tuple[str, str]] = []
        for exercise in exercises:
            pair = Pair(STUDENT, str(workspace), exercise.id, seed, deadline=pair_timeout, hung=tuple(hung),
                        warm=False)
            result = grade_pair(pair)
            hung = list(dict.fromkeys([*hung, *result.hung]))
            data.results[STUDENT, exercise.id] = result
    return gradescope_json(data, STUDENT)


def failure_results(error: BaseException) -> dict:
    return {"score": 0.0, "output": f"The autograder itself failed ({type(error).__name__}: {error}). This is not a "
                                    "verdict on your code: please ask your instructor to regrade your submission.",
            "visibility": "visible", "stdout_visibility": "hidden", "tests": []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actgrade.classroom.autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path("/autograder"))
    parser.add_argument("--exercises", default="", help="comma-separated; default: every graded exercise")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--pair-timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    started = time.monotonic()
    names = [name for name in args.exercises.split(",") if name]
    try:
        results = grade_submission(args.root, names, args.seed, args.pair_timeout)
        status = 0
    except Exception as error:  # never leave Gradescope without a results.json
        results, status = failure_results(error), 1
    results["execution_time"] = int(round(time.monotonic() - started))
    target = args.root / "results" / "results.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"actgrade: score {results['score']:g}; wrote {target}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
