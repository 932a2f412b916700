"""The `actgrade` command: parse, call, render. The work happens elsewhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from actgrade import __version__, catalog, progress, state
from actgrade import workspace as workspaces
from actgrade.options import (
    EXIT_FAILED,
    EXIT_PASSED,
    UsageProblem,
    exercise_argument,
    friendly_errors,
    isolation_option,
    require_isolation,
    workspace_option,
)
from actgrade.workspace import WorkspaceError


class LazyGroup(click.Group):
    """A command group whose heavier commands live in their own modules and are
    imported only when used, so `actgrade check` and `actgrade --help` start fast.

    Each lazy command's one-line help is written here, next to where it is found,
    so listing the commands imports none of them."""

    lazy_commands = {
        "watch": ("actgrade.watch", "watch_command", "Check an exercise again each time you save its file."),
        "plot": ("actgrade.plots", "plot_command", "Plot your EXERCISE functions against the reference (a PNG)."),
        "nbgrader": ("actgrade.classroom.nbgrader", "nbgrader_command",
                     "Write an nbgrader course in COURSE_DIR: source notebooks and nbgrader_config.py."),
        "grade": ("actgrade.classroom.batch", "grade_command",
                  "Grade a whole class on a Dask cluster: grades.csv, results.json, report.html."),
        "gradescope": ("actgrade.classroom.gradescope", "gradescope_command",
                       "Write a Gradescope autograder zip that grades with actgrade."),
        "dev": ("actgrade.devtools", "dev_command", "Tools for exercise authors, run in a clone of the repository."),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        available = [name for name, (module, _, _) in self.lazy_commands.items() if _module_exists(module)]
        return sorted([*super().list_commands(ctx), *available])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands:
            import importlib

            module, attribute, _ = self.lazy_commands[name]
            if _module_exists(module):
                return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy_commands:
                rows.append((name, self.lazy_commands[name][2]))
            else:
                command = super().get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


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
        status = progress.exercise_status(folder, exercise)
        done += status == "passed"
        rows.append((exercise.id, exercise.title, status, exercise.filename))
    render.print_progress(rows, done, len(rows))


@cli.command()
@exercise_argument
@workspace_option
@click.option("--seed", type=int, default=None, help="Replay a run: use the seed printed by an earlier check.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the report) and nothing else.")
@click.option("--all", "show_all", is_flag=True,
              help="Show every message of every check (by default later failures take one line each).")
@isolation_option
@friendly_errors
def check(exercise: str, workspace: Path | None, seed: int | None, as_json: bool, show_all: bool,
          isolation: str | None) -> None:
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
    progress.remember(folder, item, state.file_digest(path), report)
    if as_json:
        click.echo(json.dumps(report.to_json()))
        if report.learner_output.strip():
            click.echo("Your code printed:\n" + report.learner_output.rstrip(), err=True)
    else:
        from actgrade import render

        render.print_report(report, next_steps=render.next_steps(report, item, path), show_all=show_all)
    sys.exit(EXIT_PASSED if report.passed else EXIT_FAILED)


@cli.command()
@exercise_argument
@workspace_option
@click.option("--level", type=click.IntRange(1, 3), default=None,
              help="Show this level (1 nudge, 2 method, 3 the method step by step) instead of the next one.")
@click.option("--on", "on", default=None, metavar="FUNCTION",
              help="A hint on this function of the exercise instead of the one whose check failed last.")
@friendly_errors
def hint(exercise: str, workspace: Path | None, level: int | None, on: str | None) -> None:
    """Show the next hint for EXERCISE, on the function whose check failed last.

    Runs nothing: it reads the last report of `actgrade check` (or `watch`) kept in your workspace.
    Each call goes one level further (a nudge, the method, the method step by step); --level picks one.
    """
    from actgrade import hints

    item = catalog.find(exercise)
    topics = hints.topics_for(item)
    if on is not None and on not in topics:
        raise UsageProblem(f"{item.id} has hints on {', '.join(topics)}; not on {on!r}")
    folder = _state_folder(workspace)
    failure = state.last_failure(folder, item.id) if folder and on is None else None
    topic = on or hints.topic_for(item, failure["topic"] if failure else None)
    levels = topics[topic]
    chosen = level or (state.next_hint_level(folder, item.id, topic, len(levels)) if folder else 1)
    if failure:
        click.echo(f"Your last check of {item.id} (seed {failure.get('seed')}) failed first on: "
                   f"{failure.get('title', failure.get('check'))}.")
        path = folder / item.filename
        if failure.get("digest") and failure["digest"] != state.file_digest(path):
            click.echo(f"(You changed {item.filename} since: `actgrade check {item.id}` says whether it passes now.)")
    elif on is None and folder is not None and state.recorded_result(folder, item.id, state.file_digest(
            folder / item.filename)) is None:
        click.echo(f"(Run `actgrade check {item.id}` first: the hint then starts from the check that fails.)")
    click.echo(f"Hint {chosen}/{len(levels)} on `{topic}` ({item.id}, {item.title}):\n")
    click.echo(levels[chosen - 1])
    if chosen < len(levels) and level is None:
        click.echo(f"\nStill stuck? Run `actgrade hint {item.id}` again for a more detailed hint.")
    others = [name for name in topics if name != topic]
    if others and len(topics) > 1:
        click.echo(f"Hints on the other functions: actgrade hint {item.id} --on {others[0]}")


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
                   "passes, this command shows the reference.\n\nA hint instead (more with "
                   f"`actgrade hint {item.id}`):\n" + levels[0], err=True)
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
