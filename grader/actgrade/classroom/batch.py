"""`actgrade grade SUBMISSIONS_DIR`: grade a whole class in parallel.

SUBMISSIONS_DIR holds one folder per student; each folder is a workspace
with that student's `exerciseN_<topic>.py` files (or has an `exercises/`
folder that holds them, as `actgrade check` would look for). Every
(student, exercise) pair is graded exactly as `actgrade check` grades it,
with one seed for the whole run, so every student gets the same inputs and
the run can be replayed with `--seed`.

Pairs are graded in worker processes, one pair at a time per worker; each
grading starts its own sandboxed child for the learner's code. A missing
file scores 0 with a "missing" note; a submission that does not compile,
hangs or crashes only costs its own pair (the sandbox turns that into
hints); and a failure on the grader's side (an exception, or a worker
process that dies) is recorded as an internal error of that one pair.

Results (in --out, by default `actgrade-results/` next to SUBMISSIONS_DIR):
`grades.csv` (a row per student), `results.json` (every report, in the
format of `actgrade check --json`) and, with `--format gradescope`,
`gradescope/<student>/results.json` in Gradescope's autograder format.

Imported by `actgrade --help`, so only click and the standard library load
here; the grader (NumPy, the checks) loads in the worker processes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from actgrade import __version__, catalog
from actgrade.catalog import Exercise
from actgrade.cli import UsageProblem, friendly_errors, isolation_option, require_isolation

FORMATS = ("csv", "json", "gradescope")
DEFAULT_FORMATS = ("csv", "json")
RESULTS_FOLDER = "actgrade-results"
REFERENCE = "reference solutions"  # the pseudo-student that checks the seed


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
    import importlib.util

    def has_checks(item: Exercise) -> bool:
        try:
            return importlib.util.find_spec(item.checks_module) is not None
        except ModuleNotFoundError:
            return False

    wanted = [part for value in names for part in value.replace(",", " ").split()]
    if not wanted:
        return [e for e in catalog.exercises() if has_checks(e)]
    chosen: list[Exercise] = []
    for name in wanted:
        item = catalog.find(name)  # UnknownExercise: a usage error
        if not has_checks(item):
            raise UsageProblem(f"{item.id} has no hidden tests yet, so it cannot be graded")
        if item not in chosen:
            chosen.append(item)
    return sorted(chosen, key=lambda e: e.number)


def parse_formats(values: Sequence[str]) -> list[str]:
    wanted = [part.lower() for value in values for part in value.replace(",", " ").split()]
    for name in wanted:
        if name not in FORMATS:
            raise UsageProblem(f"unknown format {name!r}. Choose from: {', '.join(FORMATS)}.")
    return [name for name in FORMATS if name in (wanted or DEFAULT_FORMATS)]


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


# -- worker processes -----------------------------------------------------------------------------

@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    task: int | None = None
    started: float = 0.0  # time.monotonic() when the task was sent


def _worker_loop(conn: Any, work: Callable[[Any], Any], initializer: Callable[[], None] | None) -> None:
    if initializer is not None:
        initializer()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            answer = (True, work(task))
        except Exception as error:
            answer = (False, f"{type(error).__name__}: {error}")
        try:
            conn.send(answer)
        except Exception as error:  # a result that cannot be pickled
            conn.send((False, f"the result could not be sent back ({type(error).__name__}: {error})"))


def run_in_workers(tasks: Sequence[Any], work: Callable[[Any], Any], jobs: int,
                   on_done: Callable[[int, Any, str | None], None],
                   initializer: Callable[[], None] | None = None, deadline: float | None = None) -> None:
    """Run `work(task)` for every task in `jobs` worker processes, one task at a time each.

    `on_done(index, result, problem)` is called in this process once per task,
    as each ends: `problem` is None, or a sentence when `work` raised or its
    worker process died (the worker is then replaced and the other tasks go
    on). `work` and `initializer` must be importable functions: workers are
    spawned, never forked from this process (which may run threads). A task
    still running `deadline` seconds after it started has its worker killed
    and ends with a problem that starts with "timeout".
    """
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("spawn")
    pending = list(range(len(tasks)))[::-1]  # popped from the end: in order
    size = min(jobs, len(tasks))
    workers: list[_Worker] = []
    losses = 0  # workers lost since a task last succeeded

    def start() -> None:
        here, there = context.Pipe()
        process = context.Process(target=_worker_loop, args=(there, work, initializer),
                                  name="actgrade-grade-worker", daemon=True)
        process.start()
        there.close()
        workers.append(_Worker(process, here))

    def retire(worker: _Worker) -> str:
        nonlocal losses
        losses += 1
        workers.remove(worker)
        worker.conn.close()
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            return f"killed by signal {-code}, perhaps out of memory"
        return f"exit code {code}"

    try:
        while pending or any(w.task is not None for w in workers):
            if losses > 2 * size + 2:  # workers die as they start: nothing will get graded
                while pending:
                    on_done(pending.pop(), None, "the grading processes could not start")
                break
            while pending and len(workers) < size:
                start()
            for worker in [w for w in workers if w.task is None]:
                if not pending:
                    break
                index = pending.pop()
                try:
                    if not worker.process.is_alive():
                        raise BrokenPipeError
                    worker.conn.send(tasks[index])
                    worker.task, worker.started = index, time.monotonic()
                except OSError:  # it died between two tasks: the task goes to another worker
                    pending.append(index)
                    retire(worker)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                continue
            wait_for = None
            if deadline is not None:
                wait_for = max(0.0, min(w.started for w in busy) + deadline - time.monotonic())
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for))
            for worker in busy:
                if (deadline is not None and worker.conn not in ready
                        and time.monotonic() - worker.started > deadline):
                    index, worker.task = worker.task, None
                    worker.process.kill()  # stuck (or stopped): its pair ends here, the run goes on
                    retire(worker)
                    losses = 0
                    on_done(index, None, f"timeout: not finished within {deadline:g} s")
                    continue
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                index, worker.task = worker.task, None
                try:
                    if not worker.conn.poll():
                        raise EOFError
                    ok, value = worker.conn.recv()
                except (EOFError, OSError):
                    how = retire(worker)
                    on_done(index, None, f"the grading process stopped unexpectedly ({how})")
                    continue
                losses = 0
                on_done(index, value if ok else None, None if ok else f"the grader raised {value}")
    finally:
        for worker in workers:  # idle ones finish; busy ones (after Ctrl-C) stop their grading
            try:
                if worker.task is None and worker.process.is_alive():
                    worker.conn.send(None)
                else:
                    worker.process.terminate()
            except OSError:
                worker.process.terminate()
        for worker in workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


# -- output ---------------------------------------------------------------------------------------

def fmt(value: float) -> str:
    """7 -> "7", 2.5 -> "2.5": scores as a teacher writes them."""
    value = round(float(value), 6)
    return str(int(value)) if value.is_integer() else repr(value)


@dataclass
class ClassResults:
    seed: int
    exercises: list[Exercise]
    students: list[str]
    results: dict[tuple[str, str], PairResult]  # (student, exercise id) -> result
    reference: dict[str, PairResult] = field(default_factory=dict)

    def maximum(self, exercise: Exercise) -> float:
        """The points of an exercise (the largest max_score any report gives it)."""
        values = [r.max_score for (_, e), r in self.results.items() if e == exercise.id]
        values += [r.max_score for e, r in self.reference.items() if e == exercise.id]
        return max(values or [0.0])

    def total(self, student: str) -> float:
        return round(sum(self.results[student, e.id].score for e in self.exercises), 6)

    def total_max(self) -> float:
        return round(sum(self.maximum(e) for e in self.exercises), 6)

    def notes(self, student: str) -> str:
        return "; ".join(f"{e.id}: {self.results[student, e.id].note}" for e in self.exercises
                         if self.results[student, e.id].note)

    def internal_errors(self) -> list[tuple[str, str]]:
        return [(s, e) for (s, e), r in self.results.items() if r.status == "internal-error"]


def spreadsheet_safe(text: str) -> str:
    """A cell no spreadsheet runs as a formula: a student folder named `=2+3` stays text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def grades_csv(data: ClassResults) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *(e.id for e in data.exercises), "total", "max", "notes"])
    total_max = fmt(data.total_max())
    for student in data.students:
        writer.writerow([spreadsheet_safe(student), *(fmt(data.results[student, e.id].score) for e in data.exercises),
                         fmt(data.total(student)), total_max, spreadsheet_safe(data.notes(student))])
    return buffer.getvalue()


def results_json(data: ClassResults, submissions: Path) -> dict:
    return {
        "actgrade_version": __version__,
        "seed": data.seed,
        "submissions_dir": str(submissions.resolve()),
        "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "exercises": [{"exercise": e.id, "title": e.title, "file": e.filename, "max_score": data.maximum(e)}
                      for e in data.exercises],
        "max_score": data.total_max(),
        "reference": {e: {"score": r.score, "max_score": r.max_score, "status": r.status}
                      for e, r in data.reference.items()} or None,
        "students": {
            student: {
                "score": data.total(student),
                "max_score": data.total_max(),
                "exercises": {e.id: data.results[student, e.id].to_json() for e in data.exercises},
            }
            for student in data.students
        },
    }


def gradescope_json(data: ClassResults, student: str) -> dict:
    """One student's results in Gradescope's autograder format (results.json)."""
    tests, lines, seconds = [], [], 0.0
    for exercise in data.exercises:
        result = data.results[student, exercise.id]
        report = result.report
        seconds += float(report.get("duration_s", 0.0))
        line = f"{exercise.id} ({exercise.title}): {fmt(result.score)}/{fmt(data.maximum(exercise))}"
        lines.append(line + (f"  [{result.note}]" if result.note else ""))
        checks = report.get("checks", [])
        for index, check in enumerate(checks, start=1):
            title = result.titles[index - 1] if index <= len(result.titles) else check["name"]
            hints = [f"{h['category']}: {h['text']}" for h in check.get("hints", [])]
            tests.append({
                "name": f"{exercise.id} {exercise.title}: {title}",
                "number": f"{exercise.number}.{index}",
                "score": check["points"],
                "max_score": check["max_points"],
                "status": "passed" if check["passed"] else "failed",
                "output": "\n\n".join(hints) or check.get("message", ""),
            })
        if not checks:  # an internal error before the checks were known
            tests.append({"name": f"{exercise.id} {exercise.title}", "number": f"{exercise.number}",
                          "score": 0.0, "max_score": data.maximum(exercise), "status": "failed",
                          "output": result.note})
    output = (f"Graded by actgrade {__version__} with seed {data.seed} (the same inputs for every student).\n"
              + "\n".join(lines) + f"\nTotal: {fmt(data.total(student))}/{fmt(data.total_max())}")
    return {
        "score": data.total(student),
        "execution_time": int(round(seconds)),
        "output": output,
        "output_format": "text",
        "test_output_format": "text",
        "tests": tests,
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def write_results(data: ClassResults, out: Path, formats: Sequence[str], submissions: Path) -> list[str]:
    written = []
    if "csv" in formats:
        _write(out / "grades.csv", grades_csv(data))
        written.append(str(out / "grades.csv"))
    if "json" in formats:
        _write(out / "results.json", json.dumps(results_json(data, submissions), indent=1) + "\n")
        written.append(str(out / "results.json"))
    if "gradescope" in formats:
        for student in data.students:
            _write(out / "gradescope" / student / "results.json",
                   json.dumps(gradescope_json(data, student), indent=1) + "\n")
        written.append(f"{out / 'gradescope'}{os.sep}<student>{os.sep}results.json ({len(data.students)} files)")
    return written


# -- the terminal ---------------------------------------------------------------------------------

class ProgressDisplay:
    """A progress bar on a terminal; one plain line per pair otherwise (logs, CI)."""

    def __init__(self, total: int) -> None:
        from actgrade import render

        self.total, self.done = total, 0
        self.console = render.console(stderr=True)
        self.bar = None

    def __enter__(self) -> ProgressDisplay:
        if self.console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                TextColumn("[dim]{task.description}"), console=self.console)
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, student: str, exercise: str, result: PairResult) -> None:
        self.done += 1
        verdict = f"{fmt(result.score)}/{fmt(result.max_score)}" + (f" ({result.note})" if result.note else "")
        if self.bar is not None:
            from rich.markup import escape

            self.bar.update(self.task, advance=1, description=escape(f"{student} {exercise}"))
            if result.status == "internal-error":
                self.bar.console.print(f"[red]{escape(f'{student} {exercise}: {result.note}')}[/red]")
        else:
            width = len(str(self.total))
            click.echo(f"[{self.done:>{width}}/{self.total}] {student} {exercise}: {verdict}", err=True)


def print_summary(data: ClassResults, elapsed: float, jobs: int, written: list[str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from actgrade import render

    out = render.console(stderr=False)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("student")
    for exercise in data.exercises:
        table.add_column(f"{exercise.id}\n/{fmt(data.maximum(exercise))}", justify="right")
    table.add_column(f"total\n/{fmt(data.total_max())}", justify="right")
    table.add_column("notes")

    def cell(score: float, maximum: float) -> str:
        colour = "green" if maximum and score >= maximum else ("red" if score == 0 else "")
        return f"[{colour}]{fmt(score)}[/{colour}]" if colour else fmt(score)

    for student in data.students:
        table.add_row(escape(student), *(cell(data.results[student, e.id].score, data.maximum(e))
                                         for e in data.exercises),
                      cell(data.total(student), data.total_max()), escape(data.notes(student)))
    count = len(data.students)
    means = [sum(data.results[s, e.id].score for s in data.students) / count for e in data.exercises]
    table.add_row("[dim]class mean[/dim]", *(f"[dim]{m:.1f}[/dim]" for m in means),
                  f"[dim]{sum(means):.1f}[/dim]", "")
    out.print(table)
    pairs = len(data.results)
    full = sum(data.total(s) >= data.total_max() for s in data.students)
    out.print(f"\n{_plural(count, 'student')}, {_plural(len(data.exercises), 'exercise')}: "
              f"{_plural(pairs, 'submission')} graded in "
              f"{elapsed:.1f} s with {_plural(jobs, 'worker')} ({pairs / max(elapsed, 1e-9):.1f}/s); "
              f"{full} of {count} got full marks.")
    out.print(f"Seed {data.seed}: every student got the same inputs (replay with --seed {data.seed}).")
    for line in written:
        out.print(f"wrote {escape(line)}")


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count} {word}es" if word.endswith("ss") else f"{count} {word}s"


# -- the command ----------------------------------------------------------------------------------

DEFAULT_PAIR_TIMEOUT = 600.0


def check_isolation(mode: str | None) -> None:
    """Probe once what this machine gives; strict refuses to start without it.

    The workers inherit the mode through ACTGRADE_ISOLATION."""
    import tempfile

    from actgrade.sandbox.runner import Sandbox

    if mode is not None:
        os.environ["ACTGRADE_ISOLATION"] = mode
    with tempfile.TemporaryDirectory(prefix="actgrade-probe-") as empty, Sandbox(Path(empty)) as probe:
        require_isolation(probe)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def grade_class(students: list[tuple[str, Path]], exercises: list[Exercise], seed: int, jobs: int,
                reference_check: bool = True, pair_timeout: float | None = None) -> ClassResults:
    """Grade every (student, exercise) pair in parallel, showing progress on stderr."""
    pairs = [Pair(name, str(folder.resolve()), e.id, seed)
             # the longer exercises (higher numbers) first, so no worker is left with one at the end
             for e in sorted(exercises, key=lambda e: -e.number) for name, folder in students]
    references = len(exercises) if reference_check else 0
    if reference_check:
        reference = str(catalog.solutions_dir())
        pairs = [Pair(REFERENCE, reference, e.id, seed) for e in exercises] + pairs
    data = ClassResults(seed, exercises, [name for name, _ in students], {})

    with ProgressDisplay(len(pairs)) as progress:
        def done(index: int, result: PairResult | None, problem: str | None) -> None:
            pair = pairs[index]
            if result is None and problem and problem.startswith("timeout"):
                result = pair_timed_out(pair, problem)
            elif result is None:
                result = internal_error(pair, problem or "no result")
            if index < references:
                data.reference[pair.exercise] = result
            else:
                data.results[pair.student, pair.exercise] = result
            progress.advance(pair.student, pair.exercise, result)

        run_in_workers(pairs, grade_pair, jobs, done, initializer=prepare_worker, deadline=pair_timeout)
    return data


@click.command("grade")
@click.argument("submissions_dir", metavar="SUBMISSIONS_DIR", type=click.Path(path_type=Path))
@click.option("--exercises", "-e", "exercise_names", multiple=True, metavar="LIST",
              help="Exercises to grade, e.g. `1,4` or `relu`; repeatable. Default: every exercise "
                   "that has hidden tests.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes grading at the same time. Default: the number of CPUs.")
@click.option("--seed", type=click.IntRange(min=0), default=None,
              help="Seed of the random inputs, the same for every student. Default: a new one, printed.")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None,
              help=f"Folder for the results. Default: {RESULTS_FOLDER}/ next to SUBMISSIONS_DIR.")
@click.option("--format", "-f", "format_names", multiple=True, metavar="LIST",
              help="What to write, from csv (grades.csv), json (results.json) and gradescope "
                   "(gradescope/<student>/results.json); repeatable or comma-separated. Default: csv,json.")
@click.option("--no-reference-check", is_flag=True,
              help="Do not grade the reference solutions first (they show that the seed lets a "
                   "correct solution get full marks).")
@click.option("--pair-timeout", type=click.FloatRange(min=1), default=DEFAULT_PAIR_TIMEOUT, show_default=True,
              help="Seconds one (student, exercise) may take in all; past that its worker is stopped and the "
                   "pair scores 0 as timed out, while the run goes on.")
@isolation_option
@friendly_errors
def grade_command(submissions_dir: Path, exercise_names: tuple[str, ...], jobs: int | None, seed: int | None,
                  out: Path | None, format_names: tuple[str, ...], no_reference_check: bool,
                  pair_timeout: float, isolation: str | None) -> None:
    """Grade a whole class in parallel: grades.csv, results.json, Gradescope.

    SUBMISSIONS_DIR holds one folder per student, each with that student's
    exerciseN_<topic>.py files.

    \b
    Every (student, exercise) pair is graded as `actgrade check` grades it, in
    parallel worker processes, with one seed for the whole run. A missing file
    scores 0 (noted "missing"); a file that does not compile, hangs or crashes
    costs only that exercise. Writes grades.csv, results.json and, with
    --format gradescope, Gradescope's results.json for each student.
    Exit status: 0 when grading ran (whatever the scores), 2 usage error.
    """
    formats = parse_formats(format_names)
    exercises = select_exercises(exercise_names)
    out = out if out is not None else submissions_dir.resolve().parent / RESULTS_FOLDER
    if submissions_dir.is_dir() and out.resolve() == submissions_dir.resolve():
        raise UsageProblem("--out must not be the submissions folder itself; pick a folder for the results")
    students = find_students(submissions_dir, out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageProblem(f"cannot create the results folder {out}: {error.strerror or error}") from None
    check_isolation(isolation)
    seed = secrets.randbelow(2**31) if seed is None else seed
    jobs = jobs or default_jobs()
    pairs = len(students) * len(exercises)
    workers = min(jobs, pairs + (0 if no_reference_check else len(exercises)))
    click.echo(f"Grading {_plural(len(students), 'student')} x {_plural(len(exercises), 'exercise')} "
               f"({_plural(pairs, 'submission')}) with seed {seed} on {_plural(workers, 'worker process')}.",
               err=True)

    started = time.perf_counter()
    data = grade_class(students, exercises, seed, jobs, reference_check=not no_reference_check,
                       pair_timeout=pair_timeout)
    elapsed = time.perf_counter() - started
    written = write_results(data, out, formats, submissions_dir)

    for exercise_id, result in data.reference.items():
        if result.score < result.max_score:
            click.echo(f"actgrade: warning: with seed {seed} the reference solution of {exercise_id} scores "
                       f"{fmt(result.score)}/{fmt(result.max_score)}, so no student can get full marks on it; "
                       "consider grading again with another --seed.", err=True)
    for student, exercise_id in data.internal_errors():
        click.echo(f"actgrade: warning: {student} {exercise_id}: {data.results[student, exercise_id].note} "
                   "(scored 0 for now; see results.json). Please report this.", err=True)
    print_summary(data, elapsed, workers, written)
