"""`actgrade plot EXERCISE`: a PNG of your functions next to the reference.

Each exercise with a plot has `plot.py` in its folder of hidden tests
(`actgrade/checks/exerciseN_<topic>/plot.py`): its docstring says what it shows, its
`plot(learner, exercise, seed)` draws it with the helpers of `actgrade.drawing`. This module
is the command: it finds the plot, runs it against the learner's files in a sandbox and
writes the PNG.

matplotlib (the `[plots]` extra) is imported only when the command runs, and only its Agg
canvas is used: the command writes a file and never opens a window.
"""

from __future__ import annotations

import importlib
import importlib.util
import warnings
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import click

from actgrade import catalog
from actgrade.options import UsageProblem, exercise_argument, friendly_errors, workspace_option

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from actgrade.catalog import Exercise
    from actgrade.checks.core import Submission
    from actgrade.sandbox.runner import Outcome, Sandbox

INSTALL_HINT = 'pip install "actgrade[plots]"'


class Learner:
    """The learner's modules, called through the sandbox for a plot.

    Calls go through `checks.core.Submission`, the one wrapper around learner code, which
    turns a missing function, one not written yet, an exception, a hang or a crash into a
    failure. A plot does not stop at a failure: `call` returns None instead and notes in
    `problems` (one short line per function) why that part shows the reference alone.
    """

    def __init__(self, sandbox: Sandbox, exercise: Exercise) -> None:
        self.sandbox = sandbox
        self.exercise = exercise
        self.problems: list[str] = []
        self.not_written: list[str] = []
        self.details: list[str] = []
        self._modules: dict[str, Submission | None] = {}
        self._failed: set[tuple[str, str]] = set()

    def _submission(self, module: str) -> Submission | None:
        """The learner's `module` as a Submission, or None (noted) when it does not import."""
        if module not in self._modules:
            from actgrade.checks.core import Submission, import_failure_hint

            outcome = self.sandbox.import_module(module, timeout=60)
            item = catalog.find(module)
            if outcome.ok:
                self._modules[module] = Submission(self.sandbox, module, item.filename,
                                                   catalog.reference_module(item), self.sandbox.names(module))
            else:
                self._modules[module] = None
                self.problems.append(f"your {module}.py could not be imported")
                self.details.append(import_failure_hint(outcome, item).text)
        return self._modules[module]

    def call(self, name: str, *args: Any, module: str | None = None, timeout: float = 30.0,
             **kwargs: Any) -> Any:
        from actgrade.checks.core import CheckFailed, NotStarted

        module = module or self.exercise.module
        sub = self._submission(module)
        if sub is None or (module, name) in self._failed:
            return None
        if not sub.has(name):
            self._note(module, name, f"your {module}.py has no function `{name}`")
            return None
        sub.timeout = timeout
        try:
            return sub.call(name, *args, **kwargs).value
        except NotStarted:
            self._failed.add((module, name))
            self.not_written.append(self._named(name, module))
        except CheckFailed as failure:
            if sub.last is not None and not sub.last.ok:
                self._note(module, name, describe_failure(self._named(name, module), sub.last))
            else:  # the call worked but broke a rule (it changed its input)
                self._note(module, name, f"your {self._named(name, module)}: {failure.hints[0].text}")
        return None

    def summary(self) -> list[str]:
        """Why parts of the plot show the reference alone, one short line each."""
        lines = []
        if self.not_written:
            verb = "is" if len(self.not_written) == 1 else "are"
            lines.append(f"your {', '.join(self.not_written)} {verb} not written yet (NotImplementedError)")
        return lines + self.problems

    def _named(self, name: str, module: str) -> str:
        """`relu`, or `train` (exercise6_training.py) when it comes from another exercise's file."""
        return f"`{name}`" if module == self.exercise.module else f"`{name}` ({module}.py)"

    def reject(self, name: str, why: str, module: str | None = None) -> None:
        """The call worked but its value cannot be plotted."""
        module = module or self.exercise.module
        self._note(module, name, f"your {self._named(name, module)} {why}")

    def _note(self, module: str, name: str, text: str) -> None:
        if (module, name) not in self._failed:
            self._failed.add((module, name))
            self.problems.append(text)


def describe_failure(name: str, outcome: Outcome) -> str:
    """One line: why the learner's function `name` (already quoted) gave nothing to plot."""
    if outcome.problem == "timeout":
        return f"your {name} did not finish ({outcome.detail})"
    if outcome.problem:
        return f"your {name} stopped the process ({outcome.detail})"
    exc = outcome.exception or {}
    if exc.get("not_implemented"):
        return f"your {name} is not written yet (it raises NotImplementedError)"
    message = str(exc.get("message") or "").splitlines()[0][:120] if exc.get("message") else ""
    return f"your {name} raised {exc.get('type', 'an exception')}" + (f": {message}" if message else "")


def plot_module(exercise: Exercise) -> ModuleType | None:
    """The exercise's `plot.py`, or None when it has no plot."""
    name = f"{exercise.checks_module}.plot"
    try:
        found = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name) if found else None


def plotted() -> list[tuple[Exercise, str]]:
    """Every exercise that has a plot, with the first line of what it shows."""
    found = []
    for exercise in catalog.exercises():
        module = plot_module(exercise)
        if module is not None:
            found.append((exercise, (module.__doc__ or "").strip().splitlines()[0]))
    return found


def build_figure(exercise: Exercise, folder: Path, seed: int = 0) -> tuple[Figure, list[str], list[str]]:
    """The figure for `exercise` on the learner's files in `folder`, and the
    problems (short, then detailed) that left parts of it to the reference."""
    from actgrade.sandbox.runner import Sandbox

    builder = plot_module(exercise)
    assert builder is not None
    with Sandbox(folder, timeout=60) as sandbox:
        sandbox.start()  # the child imports NumPy while matplotlib loads here
        learner = Learner(sandbox, exercise)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            figure = builder.plot(learner, exercise, seed)
    return figure, learner.summary(), learner.details


def save_png(figure: Figure, output: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    figure.savefig(output, format="png")


class PlotCommand(click.Command):
    """`plot`, whose help lists what each exercise's plot shows (read from the plots themselves)."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_help_text(ctx, formatter)
        with formatter.section("Plots"):
            formatter.write_dl([(exercise.id, shows) for exercise, shows in plotted()])


@click.command("plot", cls=PlotCommand)
@exercise_argument
@workspace_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The PNG file to write. Default: exerciseN_<topic>.png in the current folder.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the data and of the networks' initial weights (exercises 5-8).")
@friendly_errors
def plot_command(exercise: str, workspace: Path | None, output: Path | None, seed: int) -> None:
    """Plot your EXERCISE functions against the reference (a PNG).

    Needs matplotlib (pip install "actgrade[plots]"). Opens no window.
    """
    from actgrade import workspace as workspaces

    item = catalog.find(exercise)
    if plot_module(item) is None:
        raise UsageProblem(f"there is no plot for {item.id} ({item.title}); plots exist for "
                           + ", ".join(e.id for e, _ in plotted()) + ".")
    try:
        import matplotlib
    except ImportError:
        raise UsageProblem(f"plots need matplotlib, which is not installed: {INSTALL_HINT}") from None
    matplotlib.use("Agg", force=True)  # a file, never a window
    folder = workspaces.resolve(workspace)
    workspaces.exercise_file(folder, item)
    output = output if output is not None else Path(f"{item.module}.png")
    if not output.parent.resolve().is_dir():
        raise UsageProblem(f"cannot write {output}: the folder {output.parent} does not exist")
    figure, problems, details = build_figure(item, folder, seed)
    try:
        save_png(figure, output)
    except OSError as error:
        raise UsageProblem(f"cannot write {output}: {error.strerror or error}") from None
    for problem in problems:
        click.echo(f"Note: {problem}; the plot shows the reference alone there.", err=True)
    for detail in details:
        click.echo(f"      {detail}", err=True)
    click.echo(f"Wrote {output}" + (" (reference only where noted above)." if problems else "."))
