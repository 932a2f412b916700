"""The building blocks every `actgrade` command shares: exit codes, the EXERCISE argument, the
--workspace and --isolation options, one-line errors instead of tracebacks.

Commands in their own modules (watch, plot, grade, nbgrader) import these from here, never
from `cli`, so the command-line module stays at the top of the import graph.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from actgrade.catalog import UnknownExercise
from actgrade.workspace import WorkspaceError

if TYPE_CHECKING:
    from actgrade.sandbox.runner import Sandbox

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


def require_isolation(sandbox: Sandbox) -> dict:
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
