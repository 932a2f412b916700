"""What a class run grades, and grading one (student, exercise) pair in a worker process: the pair,
its result, the students found in a submissions folder, which earlier exercises a student's file
builds on, and the results of pairs that could not be graded."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actgrade import catalog
from actgrade.catalog import Exercise
from actgrade.options import UsageProblem

# A pair's time budget: this many times what the reference solution took on the same exercise in the
# same run, and never less than BUDGET_FLOOR seconds (a hang costs its own checks and seconds).
BUDGET_FACTOR = 20.0
BUDGET_FLOOR = 30.0
# After the hard deadline the pair's sandbox is stopped; a grading still running this much later
# (stuck on the grader's side) ends its worker process, which the cluster replaces.
LAST_RESORT_GRACE = 60.0

# -- what is graded -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    """One (student, exercise) to grade: plain data, sent to a worker process."""

    student: str
    workspace: str
    exercise: str  # the exercise id, `exercise3`
    seed: int
    isolation: str | None = None  # "auto", "strict", "basic"; None: $ACTGRADE_ISOLATION, else auto
    budget: float | None = None  # seconds for all the pair's calls into the sandbox (see BUDGET_FACTOR)
    deadline: float | None = None  # seconds after which the pair is stopped and recorded as timed out
    hung: tuple[tuple[str, str], ...] = ()  # (module, function) that hung in this student's earlier exercises
    warm: bool = True  # fork sandboxes from the worker's warm template (Linux), else start interpreters
    last_resort: bool = False  # in a cluster worker: end the process when a grading is stuck past its deadline


@dataclass
class PairResult:
    """What grading one pair gave, as plain data (built in the worker)."""

    status: str  # "graded", "missing", "timeout" or "internal-error"
    note: str  # "" or a few words for the teacher: "missing", "not started", ...
    report: dict  # the report, exactly as `actgrade check --json` prints it
    titles: list[str] = field(default_factory=list)  # the checks' titles, in report order
    learner_output: str = ""
    # (module, function) that hung in this pair or in the earlier ones it inherited them from
    hung: list[tuple[str, str]] = field(default_factory=list)

    @property
    def score(self) -> float:
        return float(self.report.get("score", 0.0))

    @property
    def max_score(self) -> float:
        return float(self.report.get("max_score", 0.0))

    def to_json(self) -> dict:
        return {"status": self.status, "note": self.note, "report": self.report,
                "learner_output": self.learner_output}

    def to_record(self) -> dict:
        """Everything, for the run's journal (see `actgrade.classroom.journal`)."""
        return {**self.to_json(), "titles": self.titles, "hung": [list(item) for item in self.hung]}

    @classmethod
    def from_record(cls, record: dict) -> PairResult:
        return cls(str(record["status"]), str(record["note"]), dict(record["report"]),
                   [str(t) for t in record.get("titles", [])], str(record.get("learner_output", "")),
                   [(str(m), str(f)) for m, f in record.get("hung", [])])


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


# -- which earlier exercises a file builds on -----------------------------------------------------

_MODULE_NAME = re.compile(r"\bexercise(\d+)_[A-Za-z_]+")


def builds_on(workspace: Path, exercise: Exercise) -> list[str]:
    """Ids of the earlier exercises whose modules the student's file names (it may import them).

    The file is read as text, never run; a name mentioned anywhere counts, so nothing it imports
    is missed."""
    from actgrade.sandbox.guards import read_regular_file

    data = read_regular_file(workspace / exercise.filename, 2 * 1024 * 1024) or b""
    numbers = {int(n) for n in _MODULE_NAME.findall(data.decode("utf-8", errors="replace"))}
    return [e.id for e in catalog.exercises() if e.number in numbers and e.number < exercise.number]


def workspace_digest(workspace: Path) -> str:
    """A digest of the Python files the sandbox would copy: a student whose files changed is graded again."""
    from actgrade.sandbox.guards import read_regular_file

    digest = hashlib.sha256()
    for path in sorted(workspace.glob("*.py")) if workspace.is_dir() else []:
        data = read_regular_file(path, 2 * 1024 * 1024)
        digest.update(path.name.encode() + b"\0" + (hashlib.sha256(data).digest() if data is not None else b"-"))
    return digest.hexdigest()


# -- grading one pair (runs in a worker process) --------------------------------------------------

_prepared = False


def prepare_worker() -> None:
    """Run once in each worker process: single-threaded BLAS, the grader preloaded."""
    global _prepared
    if _prepared:
        return
    _prepared = True
    from actgrade.sandbox.guards import THREAD_VARIABLES

    # One BLAS thread per worker: the workers already use every core between them.
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    try:
        from actgrade import grading  # noqa: F401  (NumPy and the checks, before the first pair)
    except Exception:  # grade_pair reports it, pair by pair
        pass


def grade_pair(pair: Pair) -> PairResult:
    """Grade one pair; never raises (a grader-side failure becomes an internal error).

    The pair's sandbox gets `pair.budget` seconds in all; at `pair.deadline` a watchdog stops it,
    every check still to come fails at once, and the pair is recorded as timed out."""
    prepare_worker()
    try:
        exercise = catalog.find(pair.exercise)
        workspace = Path(pair.workspace)
        if not (workspace / exercise.filename).is_file():
            result = failed_result(exercise, pair.seed, "missing", "missing", "not-implemented",
                                   f"{exercise.filename} was not submitted, so there is nothing to grade: "
                                   "this check scores 0.")
        else:
            result = _grade_in_sandbox(pair, exercise, workspace)
    except Exception as error:  # a bug on our side costs this pair, never the run
        result = internal_error(pair, f"{type(error).__name__}: {error}")
    result.hung = list(dict.fromkeys([*pair.hung, *result.hung]))
    return result


def _grade_in_sandbox(pair: Pair, exercise: Exercise, workspace: Path) -> PairResult:
    from actgrade import grading
    from actgrade.sandbox.runner import Sandbox

    sandbox = Sandbox(workspace, isolation=pair.isolation)
    if pair.warm:
        from actgrade.sandbox.warm import shared_launcher

        sandbox.launcher = shared_launcher()
    if pair.budget is not None:
        sandbox.limit_time(pair.budget, f"the {pair.budget:.0f} s this exercise may take in all "
                                        f"({BUDGET_FACTOR:g} times what the reference solution needs) are used up")
    stopped = threading.Event()
    timers = []
    if pair.deadline is not None:
        def stop() -> None:
            stopped.set()
            sandbox.abort(f"grading this exercise took longer than {pair.deadline:g} s")

        timers.append(threading.Timer(pair.deadline, stop))
        if pair.last_resort:
            timers.append(threading.Timer(pair.deadline + LAST_RESORT_GRACE, os._exit, args=(70,)))
    for timer in timers:
        timer.daemon = True
        timer.start()
    try:
        report = grading.grade(exercise, workspace, seed=pair.seed, sandbox=sandbox, hung=pair.hung)
    finally:
        for timer in timers:
            timer.cancel()
        sandbox.close()
    if stopped.is_set():
        return PairResult("timeout", f"timed out after {pair.deadline:g} s", report.to_json(),
                          [c.title for c in report.checks], report.learner_output, report.hung)
    return PairResult("graded", graded_note(report), report.to_json(),
                      [c.title for c in report.checks], report.learner_output, report.hung)


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


def failed_result(exercise: Exercise, seed: int, status: str, note: str, category: str, text: str) -> PairResult:
    """A report in which every check failed with the same hint (nothing could run)."""
    from actgrade import grading
    from actgrade.checks.core import Hint

    report = grading.failed_report(exercise, seed, Hint(category, text))
    return PairResult(status, note, report.to_json(), [c.title for c in report.checks])
