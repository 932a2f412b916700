"""The `actgrade` command: parse, call, render. The work happens elsewhere."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from actgrade import __version__, catalog, state
from actgrade import workspace as workspaces
from actgrade.catalog import Exercise, UnknownExercise
from actgrade.workspace import WorkspaceError

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

EXERCISE_HELP = "An exercise: exercise3, 3 or softmax."
WORKSPACE_HELP = (
    "Folder that holds your exerciseN_<topic>.py files. Default: $ACTGRADE_WORKSPACE, "
    "else ./exercises if it exists, else the current folder. `solutions` grades the reference."
)


class UsageProblem(click.ClickException):
    """A mistake in how actgrade was called: one line on stderr, exit status 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"actgrade: {self.format_message()}", err=True)


def friendly_errors(func: Callable) -> Callable:
    """Turn expected problems into one-line messages, and anything else into
    an 'internal error' line instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (UnknownExercise, WorkspaceError) as error:
            raise UsageProblem(str(error)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:  # never a traceback in front of a learner
            click.echo(f"actgrade: internal error: {type(error).__name__}: {error}. "
                       "Please report this, with the command you ran.", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def exercise_argument(func: Callable) -> Callable:
    return click.argument("exercise", metavar="EXERCISE")(func)


def workspace_option(func: Callable) -> Callable:
    return click.option("--workspace", "-w", type=click.Path(file_okay=False, path_type=Path),
                        default=None, help=WORKSPACE_HELP)(func)


ISOLATION_HELP = (
    "How strongly your code is confined: auto (default: the strongest this machine offers, with a "
    "warning when that is less than strict), strict (refuse to run without it) or basic. "
    "Default: $ACTGRADE_ISOLATION, else auto."
)
_warned_weak_isolation = False


def isolation_option(func: Callable) -> Callable:
    return click.option("--isolation", type=click.Choice(["auto", "strict", "basic"]), default=None,
                        help=ISOLATION_HELP)(func)


def require_isolation(sandbox) -> dict:
    """Wait for the child to confine itself; refuse (exit 2) when strict was asked and is missing,
    warn once on stderr when auto got less than strict."""
    global _warned_weak_isolation
    from actgrade.sandbox.runner import IsolationUnavailable, SandboxUnavailable

    try:
        isolation = sandbox.ensure_isolation()
    except IsolationUnavailable as error:
        raise UsageProblem(str(error)) from None
    except SandboxUnavailable as error:
        raise click.ClickException(f"{error}. Nothing was graded; try again, and report it if it persists.") \
            from None
    if isolation["level"] != "strict" and sandbox.mode == "auto" and not _warned_weak_isolation:
        _warned_weak_isolation = True
        click.echo("actgrade: warning: learner code runs with basic isolation only (missing: "
                   + ", ".join(isolation["missing"]) + "). Fine for your own code; see the README before "
                   "grading other people's.", err=True)
    return isolation


class LazyGroup(click.Group):
    """A command group whose heavier commands live in their own modules and are
    imported only when used, so `actgrade check` starts fast."""

    lazy_commands = {
        "watch": ("actgrade.watch", "watch_command"),
        "plot": ("actgrade.plots", "plot_command"),
        "nbgrader": ("actgrade.classroom.nbgrader", "nbgrader_command"),
        "grade": ("actgrade.classroom.batch", "grade_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        available = [name for name, (module, _) in self.lazy_commands.items() if _module_exists(module)]
        return sorted([*super().list_commands(ctx), *available])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands:
            import importlib

            module, attribute = self.lazy_commands[name]
            if _module_exists(module):
                return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


def _module_exists(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actgrade")
def cli() -> None:
    """Auto-graded NumPy exercises on activation functions and their gradients.

    \b
    The learner's loop:
      actgrade init my-work        create your exercise files
      actgrade check exercise1     run the hidden tests, read the hints
      actgrade hint exercise1      stuck? one more hint each time
      actgrade list                your progress

    EXERCISE can be written exercise3, 3 or softmax.
    Exit status of `check`: 0 all passed, 1 some check failed, 2 usage error.
    """


@cli.command("list")
@workspace_option
@friendly_errors
def list_command(workspace: Path | None) -> None:
    """Every exercise with its title and your status, and your progress."""
    from actgrade import render

    folder = workspaces.resolve(workspace)
    rows, done = [], 0
    for exercise in catalog.exercises():
        status = exercise_status(folder, exercise)
        done += status == "passed"
        rows.append((exercise.id, exercise.title, status, exercise.filename))
    render.print_progress(rows, done, len(rows))


def exercise_status(folder: Path, exercise: Exercise) -> str:
    """not started / failing (score) / passed / missing, re-checking only changed files."""
    from actgrade import grading

    path = folder / exercise.filename
    if not path.is_file():
        return "missing"
    stub = catalog.stubs_dir() / exercise.filename
    if stub.is_file() and path.read_bytes() == stub.read_bytes():
        return "not started"
    digest = state.file_digest(path)
    result = state.recorded_result(folder, exercise.id, digest)
    if result is None:
        report = grading.grade(exercise, folder)
        remember(folder, exercise, digest, report)
        result = {"passed": report.passed, "score": report.score, "max_score": report.max_score}
        if report.not_started:
            return "not started"
    if result["passed"]:
        return "passed"
    return f"failing ({result['score']:g}/{result['max_score']:g})"


def remember(folder: Path, exercise: Exercise, digest: str, report) -> None:
    state.record_result(folder, exercise.id, digest, report.passed, report.score, report.max_score)
    if report.passed:
        state.mark_passed(folder, exercise.id)


@cli.command()
@exercise_argument
@workspace_option
@click.option("--seed", type=int, default=None, help="Replay a run: use the seed printed by an earlier check.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the report) and nothing else.")
@isolation_option
@friendly_errors
def check(exercise: str, workspace: Path | None, seed: int | None, as_json: bool, isolation: str | None) -> None:
    """Run the hidden tests of EXERCISE on your file and explain what went wrong."""
    from actgrade.sandbox.runner import Sandbox

    item = catalog.find(exercise)
    folder = workspaces.resolve(workspace)
    path = workspaces.exercise_file(folder, item)
    with Sandbox(folder, isolation=isolation) as sandbox:
        sandbox.start()  # the child imports NumPy while the grader does the same
        from actgrade import grading

        require_isolation(sandbox)

        report = grading.grade(item, folder, seed=seed, sandbox=sandbox)
    remember(folder, item, state.file_digest(path), report)
    if as_json:
        click.echo(json.dumps(report.to_json()))
        if report.learner_output.strip():
            click.echo("Your code printed:\n" + report.learner_output.rstrip(), err=True)
    else:
        from actgrade import render

        render.print_report(report, next_steps=render.next_steps(report, item, path))
    sys.exit(EXIT_PASSED if report.passed else EXIT_FAILED)


@cli.command()
@exercise_argument
@workspace_option
@click.option("--level", type=click.IntRange(1, 3), default=None,
              help="Show this level (1 nudge, 2 method, 3 nearly the answer) instead of the next one.")
@friendly_errors
def hint(exercise: str, workspace: Path | None, level: int | None) -> None:
    """Show the next hint for EXERCISE (a nudge first, nearly the answer last).

    Runs nothing. Each call shows the next of three levels; --level picks one.
    """
    from actgrade import hints

    item = catalog.find(exercise)
    levels = hints.hints_for(item)
    folder = _state_folder(workspace)
    chosen = level or (state.next_hint_level(folder, item.id, len(levels)) if folder else 1)
    click.echo(f"Hint {chosen}/{len(levels)} for {item.id} ({item.title}):\n")
    click.echo(levels[chosen - 1])
    if chosen < len(levels) and level is None:
        click.echo(f"\nStill stuck? Run `actgrade hint {item.id}` again for a more detailed hint.")


def _state_folder(option: Path | None) -> Path | None:
    try:
        return workspaces.resolve(option)
    except WorkspaceError:
        return None


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("exercises"))
@friendly_errors
def init(directory: Path) -> None:
    """Create a workspace DIRECTORY (default ./exercises) with every exercise stub.

    Files that already exist are never overwritten.
    """
    if directory.exists() and not directory.is_dir():
        raise UsageProblem(f"{directory} exists and is not a folder")
    created = workspaces.init(directory)
    kept = len(catalog.exercises()) - len(created)
    click.echo(f"Created {len(created)} exercise file(s) in {directory}" +
               (f" ({kept} already there, left untouched)." if kept else "."))
    click.echo(f"Start with: cd {directory} && actgrade check exercise1")


@cli.command()
@exercise_argument
@workspace_option
@friendly_errors
def reset(exercise: str, workspace: Path | None) -> None:
    """Restore the stub of EXERCISE; your version is kept as a backup file."""
    item = catalog.find(exercise)
    folder = workspaces.resolve(workspace)
    if folder.resolve() == catalog.solutions_dir().resolve():
        raise UsageProblem("refusing to reset the reference solutions")
    target, backup = workspaces.reset(folder, item)
    if backup:
        click.echo(f"Your version was saved as {backup.name}.")
    click.echo(f"Restored a fresh {target.name}.")


@cli.command()
@exercise_argument
@workspace_option
@friendly_errors
def solution(exercise: str, workspace: Path | None) -> None:
    """Show the reference solution of EXERCISE, once you have passed it."""
    from actgrade import hints

    item = catalog.find(exercise)
    folder = workspaces.resolve(workspace)
    if not state.ever_passed(folder, item.id):
        levels = hints.hints_for(item)
        click.echo(f"{item.id} is not passed yet, so its solution stays hidden: working it out is "
                   f"where the learning happens. Run `actgrade check {item.id}`; once every check "
                   "passes, this command shows the reference.\n\nA hint instead:\n" + levels[0], err=True)
        sys.exit(EXIT_FAILED)
    source = (catalog.solutions_dir() / item.filename).read_text(encoding="utf-8")
    from actgrade import render

    out = render.console()
    if out.is_terminal:
        from rich.syntax import Syntax

        out.print(Syntax(source, "python", line_numbers=True))
    else:
        click.echo(source)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="actgrade")


if __name__ == "__main__":
    main()
