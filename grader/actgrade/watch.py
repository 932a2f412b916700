"""`actgrade watch`: check an exercise again each time its file is saved.

The loop is split so that it can be tested without a file watcher:

- `exercise_for` maps one changed path to the exercise it holds (or None for
  backups, editor temp files, the `.actgrade/` state folder, anything else);
- `watch_loop` takes any iterable of change sets (what `watchfiles.watch`
  yields: sets of `(change, path)` pairs) and re-checks, reports and records
  each saved exercise, until the iterable ends or a stop event is set;
- `Checker` grades one exercise at a time and keeps a sandbox child already
  started (NumPy imported) for the next save, so a re-check does not wait
  for a Python start-up.

Only click and the standard library are imported here at the top: `actgrade
--help` imports this module. watchfiles, NumPy and the grader load when the
command runs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from actgrade import catalog
from actgrade.options import UsageProblem, friendly_errors, workspace_option

if TYPE_CHECKING:
    from rich.console import Console

    from actgrade.catalog import Exercise
    from actgrade.report import Report
    from actgrade.sandbox.runner import Sandbox

INSTALL_HINT = 'pip install "actgrade[watch]"'
# watchfiles yields a change set once the folder has been quiet for STEP_MS
# (an editor's save is a burst of events a few ms apart), and at the latest
# DEBOUNCE_MS after the first event of a burst.
STEP_MS = 50
DEBOUNCE_MS = 300


def exercise_for(path: str | Path, folder: Path) -> Exercise | None:
    """The exercise whose file `path` is, when it sits directly in `folder`.

    `exercise3_softmax.py` -> exercise3. Backups (`exercise3_softmax.backup-...py`),
    editor files (`.exercise3_softmax.py.swp`, `exercise3_softmax.py~`,
    `#exercise3_softmax.py#`), the `.actgrade/` folder and unknown names -> None.
    """
    path = Path(path)
    if path.parent.resolve() != Path(folder).resolve():
        return None
    return next((e for e in catalog.exercises() if e.filename == path.name), None)


def changed_exercises(changes: Iterable[tuple[Any, str]], folder: Path) -> list[Exercise]:
    """The exercises whose files changed and still exist, in exercise order."""
    found: dict[int, Exercise] = {}
    for _change, path in changes:
        exercise = exercise_for(path, folder)
        if exercise is not None and (Path(folder) / exercise.filename).is_file():
            found[exercise.number] = exercise
    return [found[number] for number in sorted(found)]


class Checker:
    """Grades exercises of one workspace, one at a time.

    A check runs the learner's file in a fresh sandbox child (a child that
    imported an earlier version of the file would keep it). To keep that
    child's start-up out of the time between a save and its report, the next
    child is started as soon as a report is out, and waits, NumPy imported,
    for the next save.
    """

    def __init__(self, folder: Path, seed: int | None = None) -> None:
        self.folder = Path(folder)
        self.seed = seed
        self._spare: Sandbox | None = None

    def warm_up(self) -> None:
        """Import the grader, every exercise's checks and reference, and start a child."""
        import importlib


        self.prepare()
        for exercise in catalog.exercises():
            try:
                importlib.import_module(exercise.checks_module)
                catalog.reference_module(exercise)
            except Exception:  # a missing piece shows up when that exercise is checked
                pass

    def prepare(self) -> None:
        """Start the child the next check will use, if none is waiting."""
        from actgrade.sandbox.runner import Sandbox

        if self._spare is None:
            self._spare = Sandbox(self.folder)
            self._spare.start()

    def check(self, exercise: Exercise) -> Report:
        from actgrade import grading

        self.prepare()
        sandbox, self._spare = self._spare, None
        try:
            return grading.grade(exercise, self.folder, seed=self.seed, sandbox=sandbox)
        finally:
            sandbox.close()

    def close(self) -> None:
        spare, self._spare = self._spare, None
        if spare is not None:
            spare.close()


def watch_loop(change_sets: Iterable[Iterable[tuple[Any, str]]], folder: Path, checker: Checker,
               out: Console, stop: threading.Event | None = None) -> int:
    """Re-check every exercise saved in each change set; return how many checks ran.

    Stops when `change_sets` ends or `stop` is set (checked before each set).
    """
    from rich.markup import escape

    checks = 0
    for changes in change_sets:
        if stop is not None and stop.is_set():
            break
        exercises = changed_exercises(changes, folder)
        if not exercises:
            continue
        if out.is_terminal:
            out.clear()
        else:
            out.rule(style="dim")
        for exercise in exercises:
            if stop is not None and stop.is_set():
                break
            show_check(exercise, folder, checker, out)
            checks += 1
        out.print(f"\n[dim]Watching {escape(str(folder))} for saves. Ctrl-C to stop.[/dim]")
        _flush(out)
        checker.prepare()
    return checks


def show_check(exercise: Exercise, folder: Path, checker: Checker, out: Console) -> Report | None:
    """Check one exercise, print its report and record the result like `actgrade check`."""
    from rich.markup import escape

    from actgrade import render, state
    from actgrade.progress import remember

    path = folder / exercise.filename
    digest = state.file_digest(path)
    try:
        report = checker.check(exercise)
    except Exception as error:  # one broken check must not end the watch
        if isinstance(error, ModuleNotFoundError) and error.name == exercise.checks_module:
            out.print(f"[yellow]{exercise.id} has no hidden tests in this version of actgrade yet, "
                      "so it cannot be checked.[/yellow]")
        else:
            out.print(f"[red]actgrade: could not check {exercise.id}: "
                      f"{escape(type(error).__name__)}: {escape(str(error))}[/red]")
        return None
    remember(folder, exercise, digest, report)
    steps = render.next_steps(report, exercise, folder / exercise.filename, watching=True)
    render.print_report(report, out=out, next_steps=steps)
    return report


def _flush(out: Console) -> None:
    try:
        out.file.flush()
    except (OSError, ValueError):
        pass


@click.command("watch")
@workspace_option
@click.option("--seed", type=int, default=None,
              help="Use this seed for every check (default: a fresh one each time).")
@friendly_errors
def watch_command(workspace: Path | None, seed: int | None) -> None:
    """Check an exercise again each time you save its file.

    Watches the workspace folder; saving exerciseN_<topic>.py clears the
    screen and shows the report for that exercise, and records the result as
    `actgrade check` does. Backups and editor temp files are ignored.
    Ctrl-C stops watching.
    """
    try:
        import watchfiles
    except ImportError:
        raise UsageProblem(f"watch mode needs the watchfiles package: {INSTALL_HINT}") from None
    from rich.markup import escape

    from actgrade import render
    from actgrade import workspace as workspaces

    folder = workspaces.resolve(workspace)
    present = [e for e in catalog.exercises() if (folder / e.filename).is_file()]
    if not present:
        raise UsageProblem(f"there are no exerciseN_<topic>.py files in {folder}. Create them with "
                           "`actgrade init DIR`, or pass --workspace with the folder that holds them.")
    out = render.console()
    checker = Checker(folder, seed)
    try:
        checker.warm_up()
        out.print(f"Watching {escape(str(folder))} ({len(present)} exercise files). Save one of them to check it; "
                  "Ctrl-C to stop.")
        if seed is not None:
            out.print(f"[dim]Every check uses seed {seed}.[/dim]")
        _flush(out)
        changes = watchfiles.watch(folder, watch_filter=lambda _change, path: exercise_for(path, folder) is not None,
                                   debounce=DEBOUNCE_MS, step=STEP_MS, recursive=False, raise_interrupt=True)
        watch_loop(changes, folder, checker, out)
    except KeyboardInterrupt:
        pass
    finally:
        checker.close()
    out.print("\nStopped watching. Goodbye!")
    _flush(out)
