"""What a class run grades, and grading one (student, exercise) pair in a worker process: the pair,
its result, the students found in a submissions folder, and the results of pairs that could not be graded."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actgrade import catalog
from actgrade.catalog import Exercise
from actgrade.options import UsageProblem

# -- what is graded -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    """One (student, exercise) to grade: plain data, sent to a worker process."""

    student: str
    workspace: str
    exercise: str  # the exercise id, `exercise3`
    seed: int


@dataclass
class PairResult:
    """What grading one pair gave, as plain data (built in the worker)."""

    status: str  # "graded", "missing" or "internal-error"
    note: str  # "" or a few words for the teacher: "missing", "not started", ...
    report: dict  # the report, exactly as `actgrade check --json` prints it
    titles: list[str] = field(default_factory=list)  # the checks' titles, in report order
    learner_output: str = ""

    @property
    def score(self) -> float:
        return float(self.report.get("score", 0.0))

    @property
    def max_score(self) -> float:
        return float(self.report.get("max_score", 0.0))

    def to_json(self) -> dict:
        return {"status": self.status, "note": self.note, "report": self.report,
                "learner_output": self.learner_output}


def select_exercises(names: Sequence[str]) -> list[Exercise]:
    """The exercises named (`1,4`, `relu`, repeatable), or every one that has hidden checks."""
    try:
        return catalog.graded(names)
    except catalog.NoHiddenTests as error:
        raise UsageProblem(str(error)) from None


def student_workspace(folder: Path) -> Path:
    """The student's folder, or its `exercises/` folder when the files are there."""
    inner = folder / "exercises"
    if inner.is_dir() and not any(folder.glob("exercise*_*.py")):
        return inner
    return folder


def find_students(submissions: Path, out: Path) -> list[tuple[str, Path]]:
    """(name, workspace) of every student folder, sorted by name.

    Folders whose name starts with `.` or `_` (caches, checkpoints) and the
    results folder itself are not students.
    """
    if not submissions.is_dir():
        raise UsageProblem(f"submissions folder {str(submissions)!r} does not exist "
                           "(it should hold one folder per student)")
    if any(submissions.glob("exercise*_*.py")):
        raise UsageProblem(f"{submissions} holds exercise files itself; pass the folder that holds one "
                           "folder per student (to grade one workspace, use `actgrade check`)")
    out_resolved = out.resolve()
    students = []
    for child in sorted(submissions.iterdir(), key=lambda p: p.name):
        if not child.is_dir() or child.name.startswith((".", "_")) or child.resolve() == out_resolved:
            continue
        students.append((child.name, student_workspace(child)))
    if not students:
        raise UsageProblem(f"{submissions} has no student folders (it should hold one folder per student, "
                           "each with that student's exerciseN_<topic>.py files)")
    if not any(any(ws.glob("exercise*_*.py")) for _, ws in students):
        raise UsageProblem(f"no student folder in {submissions} holds an exerciseN_<topic>.py file "
                           f"({len(students)} looked at); each student's folder should hold them directly")
    return students


# -- grading one pair (runs in a worker process) --------------------------------------------------

def prepare_worker() -> None:
    """Run once in each worker: quiet, single-threaded BLAS, the grader preloaded."""
    from actgrade.sandbox.runner import THREAD_VARIABLES

    # One BLAS thread per worker: the workers already use every core between them.
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    sys.stdout = sys.stderr  # the summary owns stdout
    # terminate() from the main process ends a grading through its `finally`
    # (which stops the sandboxed child). Ctrl-C is for the main process, which
    # then terminates the workers; a Python handler (unlike SIG_IGN) is not
    # inherited by the sandboxed child, which keeps the default.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    signal.signal(signal.SIGINT, lambda *_: None)
    try:
        from actgrade import grading  # noqa: F401  (NumPy and the checks, before the first pair)
    except Exception:  # grade_pair reports it, pair by pair
        pass


def grade_pair(pair: Pair) -> PairResult:
    """Grade one pair; never raises (a grader-side failure becomes an internal error)."""
    try:
        exercise = catalog.find(pair.exercise)
        workspace = Path(pair.workspace)
        if not (workspace / exercise.filename).is_file():
            return failed_result(exercise, pair.seed, "missing", "missing",
                                 "not-implemented",
                                 f"{exercise.filename} was not submitted, so there is nothing to grade: "
                                 "this check scores 0.")
        from actgrade import grading

        report = grading.grade(exercise, workspace, seed=pair.seed)
        return PairResult("graded", graded_note(report), report.to_json(),
                          [c.title for c in report.checks], report.learner_output)
    except Exception as error:  # a bug on our side costs this pair, never the run
        return internal_error(pair, f"{type(error).__name__}: {error}")


def graded_note(report: Any) -> str:
    """A few words for the teacher's table when the file could not even be tried."""
    if report.not_started:
        return "not started"
    if report.import_failed:
        timed_out = any(h.category == "timeout" for c in report.checks for h in c.hints)
        return "import timed out" if timed_out else "cannot be imported"
    return ""


def internal_error(pair: Pair, detail: str) -> PairResult:
    text = (f"The grader itself failed on this exercise ({detail}). This is not a verdict on your code; "
            "ask your teacher to grade it again.")
    try:
        exercise = catalog.find(pair.exercise)
        return failed_result(exercise, pair.seed, "internal-error", f"internal error: {detail}", "error", text)
    except Exception:  # not even the checks load: a report without checks
        return PairResult("internal-error", f"internal error: {detail}", {
            "exercise": pair.exercise, "title": "", "passed": False, "score": 0.0, "max_score": 0.0,
            "seed": pair.seed, "duration_s": 0.0, "isolation": {}, "checks": []})


def pair_timed_out(pair: Pair, detail: str) -> PairResult:
    text = (f"Grading this exercise did not finish in time ({detail.removeprefix('timeout: ')}), so it scores 0. "
            "Look for a loop that never ends, or code that waits for something.")
    try:
        return failed_result(catalog.find(pair.exercise), pair.seed, "timeout", "timed out", "timeout", text)
    except Exception:
        return internal_error(pair, detail)


def failed_result(exercise: Exercise, seed: int, status: str, note: str, category: str, text: str) -> PairResult:
    """A report in which every check failed with the same hint (nothing could run)."""
    from actgrade import grading
    from actgrade.checks.core import Hint

    report = grading.failed_report(exercise, seed, Hint(category, text))
    return PairResult(status, note, report.to_json(), [c.title for c in report.checks])
