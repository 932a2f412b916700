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

import os
import secrets
import time
from pathlib import Path

import click

from actgrade import catalog
from actgrade.catalog import Exercise
from actgrade.classroom.pairs import (
    Pair,
    PairResult,
    find_students,
    grade_pair,
    internal_error,
    pair_timed_out,
    prepare_worker,
    select_exercises,
)
from actgrade.classroom.results import ClassResults, parse_formats, write_results
from actgrade.classroom.workers import run_in_workers
from actgrade.numbers import points_text
from actgrade.options import UsageProblem, friendly_errors, isolation_option, require_isolation

RESULTS_FOLDER = "actgrade-results"
REFERENCE = "reference solutions"  # the pseudo-student that checks the seed




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
        verdict = f"{points_text(result.score)}/{points_text(result.max_score)}"
        verdict += f" ({result.note})" if result.note else ""
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
        table.add_column(f"{exercise.id}\n/{points_text(data.maximum(exercise))}", justify="right")
    table.add_column(f"total\n/{points_text(data.total_max())}", justify="right")
    table.add_column("notes")

    def cell(score: float, maximum: float) -> str:
        colour = "green" if maximum and score >= maximum else ("red" if score == 0 else "")
        return f"[{colour}]{points_text(score)}[/{colour}]" if colour else points_text(score)

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
                       f"{points_text(result.score)}/{points_text(result.max_score)}, so no student can get full "
                       "marks on it; "
                       "consider grading again with another --seed.", err=True)
    for student, exercise_id in data.internal_errors():
        click.echo(f"actgrade: warning: {student} {exercise_id}: {data.results[student, exercise_id].note} "
                   "(scored 0 for now; see results.json). Please report this.", err=True)
    print_summary(data, elapsed, workers, written)
