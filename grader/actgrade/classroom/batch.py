"""`actgrade grade SUBMISSIONS_DIR`: grade a whole class on a Dask cluster.

SUBMISSIONS_DIR holds one folder per student; each folder is a workspace
with that student's `exerciseN_<topic>.py` files (or has an `exercises/`
folder that holds them, as `actgrade check` would look for). Every
(student, exercise) pair is graded exactly as `actgrade check` grades it,
with one seed for the whole run, so every student gets the same inputs and
the run can be replayed with `--seed`.

Pairs are graded by Dask workers (`actgrade.classroom.engine`): an embedded
local cluster by default, a running cluster with `--scheduler`. A missing
file scores 0 with a "missing" note; a submission that does not compile,
hangs or crashes only costs its own pair (the sandbox turns that into
hints), and what hung is not waited for again in that student's later
exercises (`actgrade.classroom.run`); a pair past its deadline is recorded as
timed out, and a failure on the grader's side (an exception, a worker that
dies) as an internal error of that one pair. Finished pairs go to a journal
at once, so running the same command again after an interruption resumes.

Results (in --out, by default `actgrade-results/` next to SUBMISSIONS_DIR):
`grades.csv` (a row per student), `results.json` (every report, in the
format of `actgrade check --json`), `report.html` (the class at a glance) and,
with `--format gradescope`, `gradescope/<student>/results.json` in
Gradescope's autograder format.

Imported by `actgrade grade --help`, so only click and the standard library
load here; Dask and the grader load when grading starts.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import click

from actgrade.classroom.display import ProgressDisplay, plural, print_summary
from actgrade.classroom.pairs import find_students, select_exercises
from actgrade.classroom.results import parse_formats, write_results
from actgrade.numbers import points_text
from actgrade.options import UsageProblem, friendly_errors, isolation_option, require_isolation

RESULTS_FOLDER = "actgrade-results"
DEFAULT_PAIR_TIMEOUT = 600.0


def check_isolation(mode: str | None) -> None:
    """Probe once what this machine gives; strict refuses to start without it."""
    import tempfile

    from actgrade.sandbox.runner import Sandbox

    with tempfile.TemporaryDirectory(prefix="actgrade-probe-") as empty, \
            Sandbox(Path(empty), isolation=mode) as probe:
        require_isolation(probe)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def choose_seed(seed: int | None, out: Path, restart: bool) -> int:
    """The given seed, else the seed of the run journaled in `out` (to resume it), else a new one."""
    from actgrade.classroom.journal import previous_seed

    if seed is not None:
        return seed
    earlier = None if restart else previous_seed(out)
    return earlier if earlier is not None else secrets.randbelow(2**31)


@click.command("grade")
@click.argument("submissions_dir", metavar="SUBMISSIONS_DIR", type=click.Path(path_type=Path))
@click.option("--exercises", "-e", "exercise_names", multiple=True, metavar="LIST",
              help="Exercises to grade, e.g. `1,4` or `relu`; repeatable. Default: every exercise "
                   "that has hidden tests.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster. Default: the number of CPUs.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Grade on a running Dask cluster, e.g. tcp://10.0.0.5:8786, instead of a local one. Its "
                   "workers need the same actgrade and must see SUBMISSIONS_DIR at the same path.")
@click.option("--seed", type=click.IntRange(min=0), default=None,
              help="Seed of the random inputs, the same for every student. Default: the seed of the run "
                   "journaled in --out (to resume it), else a new one, printed.")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None,
              help=f"Folder for the results. Default: {RESULTS_FOLDER}/ next to SUBMISSIONS_DIR.")
@click.option("--format", "-f", "format_names", multiple=True, metavar="LIST",
              help="What to write, from csv (grades.csv), json (results.json), html (report.html) and "
                   "gradescope (gradescope/<student>/results.json); repeatable or comma-separated. "
                   "Default: csv,json,html.")
@click.option("--restart", is_flag=True,
              help="Grade everything again, ignoring what an earlier run of the same seed finished.")
@click.option("--no-reference-check", is_flag=True,
              help="Do not grade the reference solutions first (they show that the seed lets a correct "
                   "solution get full marks, and their times set each exercise's time budget).")
@click.option("--pair-timeout", type=click.FloatRange(min=1), default=DEFAULT_PAIR_TIMEOUT, show_default=True,
              help="Seconds one (student, exercise) may take in all; past that it is stopped and recorded as "
                   "timed out, while the run goes on.")
@click.option("--cold-sandboxes", is_flag=True,
              help="Start a fresh interpreter for every sandbox instead of forking it from the worker's warm "
                   "template (slower; for comparison).")
@isolation_option
@friendly_errors
def grade_command(submissions_dir: Path, exercise_names: tuple[str, ...], jobs: int | None,
                  scheduler: str | None, seed: int | None, out: Path | None, format_names: tuple[str, ...],
                  restart: bool, no_reference_check: bool, pair_timeout: float, cold_sandboxes: bool,
                  isolation: str | None) -> None:
    """Grade a whole class on a Dask cluster: grades.csv, results.json, report.html.

    SUBMISSIONS_DIR holds one folder per student, each with that student's
    exerciseN_<topic>.py files.

    \b
    Every (student, exercise) pair is graded as `actgrade check` grades it,
    with one seed for the whole run. A missing file scores 0 (noted
    "missing"); a file that does not compile, hangs or crashes costs only
    that exercise, and a function that hung is not run again in that
    student's later exercises. Finished pairs are journaled in --out: run
    the same command again to resume. Writes grades.csv, results.json,
    report.html and, with --format gradescope, Gradescope's results.json for
    each student. Needs Dask: pip install "actgrade[classroom]".
    Exit status: 0 when grading ran (whatever the scores), 2 usage error.
    """
    from actgrade.classroom.engine import require_dask

    formats = parse_formats(format_names)
    exercises = select_exercises(exercise_names)
    out = out if out is not None else submissions_dir.resolve().parent / RESULTS_FOLDER
    if submissions_dir.is_dir() and out.resolve() == submissions_dir.resolve():
        raise UsageProblem("--out must not be the submissions folder itself; pick a folder for the results")
    students = find_students(submissions_dir, out)
    require_dask()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageProblem(f"cannot create the results folder {out}: {error.strerror or error}") from None
    check_isolation(isolation)
    seed = choose_seed(seed, out, restart)
    elapsed, workers, data = _grade(students, exercises, seed, out, restart, scheduler, jobs or default_jobs(),
                                    no_reference_check, pair_timeout, cold_sandboxes, isolation)
    written = write_results(data, out, formats, submissions_dir)
    for exercise_id, result in data.reference.items():
        if result.score < result.max_score:
            click.echo(f"actgrade: warning: with seed {seed} the reference solution of {exercise_id} scores "
                       f"{points_text(result.score)}/{points_text(result.max_score)}, so no student can get full "
                       "marks on it; consider grading again with another --seed.", err=True)
    for student, exercise_id in data.internal_errors():
        click.echo(f"actgrade: warning: {student} {exercise_id}: {data.results[student, exercise_id].note} "
                   "(scored 0 for now; see results.json; running the same command again grades it again). "
                   "Please report this.", err=True)
    print_summary(data, elapsed, workers, written)


def _grade(students: list, exercises: list, seed: int, out: Path, restart: bool, scheduler: str | None,
           jobs: int, no_reference_check: bool, pair_timeout: float, cold: bool,
           isolation: str | None) -> tuple[float, int, object]:
    from actgrade.classroom.engine import cluster
    from actgrade.classroom.journal import JOURNAL, Journal
    from actgrade.classroom.run import RunSettings, grade_class

    pairs = len(students) * len(exercises)
    where = f"the Dask cluster at {scheduler}" if scheduler else plural(jobs, "worker process")
    click.echo(f"Grading {plural(len(students), 'student')} x {plural(len(exercises), 'exercise')} "
               f"({plural(pairs, 'submission')}) with seed {seed} on {where}.", err=True)
    settings = RunSettings(seed, reference_check=not no_reference_check, pair_timeout=pair_timeout,
                           isolation=isolation, warm=not cold)
    journal = Journal(out, seed, fresh=restart)
    journal.open()
    started = time.perf_counter()
    display: list[ProgressDisplay] = []

    def resumed(done: int, total: int) -> None:
        if done:
            click.echo(f"Resuming: {done} of {total} pairs were finished by an earlier run with this seed "
                       f"({out / JOURNAL}); --restart grades everything again.", err=True)
        display.append(ProgressDisplay(total - done).__enter__())

    try:
        with cluster(jobs, scheduler) as (client, workers):
            data = grade_class(client, students, exercises, settings, journal,
                               progress=lambda s, e, r: display[0].advance(s, e, r), resumed=resumed)
    finally:
        for shown in display:
            shown.__exit__(None, None, None)
        journal.close()
    return time.perf_counter() - started, workers, data
