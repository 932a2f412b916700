"""`actgrade watch`: check an exercise again each time its file is saved.

The loop is split so that it can be tested without a file watcher:

- `exercise_for` maps one changed path to the exercise it holds (or None for
  backups, editor temp files, the `.actgrade/` state folder, anything else);
- `watch_loop` takes any iterable of change sets (what `watchfiles.watch`
  yields: sets of `(change, path)` pairs) and re-checks, reports and records
  each saved exercise whose content changed, until the iterable ends or a stop
  event is set;
- `Checker` grades one exercise at a time, always with the session's one seed,
  and keeps a sandbox child already started (NumPy imported) for the next
  save, so a re-check does not wait for a Python start-up;
- `starting_exercise` picks the exercise checked as soon as watching starts:
  the one whose file was saved last.

Only click and the standard library are imported here at the top: `actgrade
--help` imports this module. watchfiles, NumPy and the grader load when the
command runs.
"""

from __future__ import annotations

import threading
import time
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


def starting_exercise(folder: Path) -> Exercise | None:
    """The exercise being worked on: of the files that differ from their fresh stub, the one saved
    last; when every file is still a stub, the first exercise."""
    present = [e for e in catalog.exercises() if (Path(folder) / e.filename).is_file()]
    if not present:
        return None
    started = [e for e in present if not _is_fresh_stub(Path(folder) / e.filename, e)]
    if not started:
        return present[0]
    return max(started, key=lambda e: ((Path(folder) / e.filename).stat().st_mtime_ns, e.number))


def _is_fresh_stub(path: Path, exercise: Exercise) -> bool:
    stub = catalog.stubs_dir() / exercise.filename
    try:
        return stub.is_file() and path.read_bytes() == stub.read_bytes()
    except OSError:
        return False


def saved_since(folder: Path, moment: float, checker: Checker) -> list[Exercise]:
    """The exercises whose files were saved after `moment` (a time.time()) with new content."""
    found = []
    for exercise in catalog.exercises():
        path = Path(folder) / exercise.filename
        try:
            saved = path.stat().st_mtime
        except OSError:
            continue
        if saved >= moment and not checker.unchanged(exercise):
            found.append(exercise)
    return found


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
        if seed is None:
            from actgrade.grading import new_seed

            seed = new_seed()
        self.seed = seed  # one seed for the whole session: a re-check sees the same inputs
        self._spare: Sandbox | None = None
        self._checked: dict[str, str] = {}  # exercise id -> digest of the file content last checked

    def unchanged(self, exercise: Exercise) -> bool:
        """True when the file holds exactly what was checked last (an editor that saves twice, a touch)."""
        from actgrade import state

        return self._checked.get(exercise.id) == state.file_digest(self.folder / exercise.filename)

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
        from actgrade import grading, state

        self.prepare()
        sandbox, self._spare = self._spare, None
        digest = state.file_digest(self.folder / exercise.filename)
        try:
            report = grading.grade(exercise, self.folder, seed=self.seed, sandbox=sandbox)
        finally:
            sandbox.close()
        self._checked[exercise.id] = digest
        return report

    def close(self) -> None:
        spare, self._spare = self._spare, None
        if spare is not None:
            spare.close()


def watch_loop(change_sets: Iterable[Iterable[tuple[Any, str]]], folder: Path, checker: Checker,
               out: Console, stop: threading.Event | None = None, show_all: bool = False) -> int:
    """Re-check every exercise saved in each change set; return how many checks ran.

    A file whose content is what was checked last is not checked again. Stops when
    `change_sets` ends or `stop` is set (checked before each set).
    """
    checks = 0
    for changes in change_sets:
        if stop is not None and stop.is_set():
            break
        exercises = [e for e in changed_exercises(changes, folder) if not checker.unchanged(e)]
        if not exercises:
            continue
        checks += check_and_show(exercises, folder, checker, out, stop, show_all)
    return checks


def check_and_show(exercises: list[Exercise], folder: Path, checker: Checker, out: Console,
                   stop: threading.Event | None = None, show_all: bool = False) -> int:
    """Clear the screen, check and show each exercise, then say what is watched."""
    from rich.markup import escape

    new_screen(out)
    checks = 0
    for exercise in exercises:
        if stop is not None and stop.is_set():
            break
        show_check(exercise, folder, checker, out, show_all)
        checks += 1
    out.print(f"\n[dim]Watching {escape(str(folder))} for saves (every check uses seed {checker.seed}). "
              "Ctrl-C to stop.[/dim]")
    _flush(out)
    checker.prepare()
    return checks


# Clear the screen, move to its top left corner, and drop the scrollback, as `clear` does: with the
# screen alone cleared, many terminals keep the old reports just above, which reads as appended.
CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"


def new_screen(out: Console) -> None:
    """A fresh screen for the next report: cleared on a terminal, a dated rule anywhere else (a pipe,
    a log, a console that does not understand clearing)."""
    if out.is_terminal and not out.is_dumb_terminal and not out.legacy_windows:
        _flush(out)
        out.file.write(CLEAR_SCREEN)
    elif out.is_terminal:
        out.clear()
    else:
        out.rule(f"checked at {time.strftime('%H:%M:%S')}", style="dim")


def show_check(exercise: Exercise, folder: Path, checker: Checker, out: Console,
               show_all: bool = False) -> Report | None:
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
    render.print_report(report, out=out, next_steps=steps, show_all=show_all)
    return report


def _flush(out: Console) -> None:
    try:
        out.file.flush()
    except (OSError, ValueError):
        pass


@click.command("watch")
@workspace_option
@click.option("--seed", type=int, default=None,
              help="Use this seed for every check (default: one new seed for the whole session).")
@click.option("--all", "show_all", is_flag=True,
              help="Show every message of every check (by default later failures take one line each).")
@friendly_errors
def watch_command(workspace: Path | None, seed: int | None, show_all: bool) -> None:
    """Check an exercise again each time you save its file.

    Checks the exercise you saved last at once, then watches the workspace folder: saving
    exerciseN_<topic>.py clears the screen and shows the report for that exercise, and records the
    result as `actgrade check` does. Every check of a session uses the same seed, so the inputs do
    not change between saves. Backups and editor temp files are ignored. Ctrl-C stops watching.
    """
    try:
        import watchfiles
    except ImportError:
        raise UsageProblem(f"watch mode needs the watchfiles package: {INSTALL_HINT}") from None
    from rich.markup import escape

    from actgrade import render
    from actgrade import workspace as workspaces

    folder = workspaces.resolve(workspace)
    first = starting_exercise(folder)
    if first is None:
        raise UsageProblem(f"there are no exerciseN_<topic>.py files in {folder}. Create them with "
                           "`actgrade init DIR`, or pass --workspace with the folder that holds them.")
    out = render.console()
    checker = Checker(folder, seed)
    try:
        checker.warm_up()
        out.print(f"Watching {escape(str(folder))}: checking {first.filename} now, then each exercise file "
                  f"you save. Every check uses seed {checker.seed}; Ctrl-C to stop.")
        _flush(out)
        changes = watchfiles.watch(folder, watch_filter=lambda _change, path: exercise_for(path, folder) is not None,
                                   debounce=DEBOUNCE_MS, step=STEP_MS, recursive=False, raise_interrupt=True)
        started = time.time()
        check_and_show([first], folder, checker, out, show_all=show_all)
        # The watcher starts with the loop: a file saved during the first check is checked now.
        missed = saved_since(folder, started, checker)
        if missed:
            check_and_show(missed, folder, checker, out, show_all=show_all)
        watch_loop(changes, folder, checker, out, show_all=show_all)
    except KeyboardInterrupt:
        pass
    finally:
        checker.close()
    out.print("\nStopped watching. Goodbye!")
    _flush(out)
