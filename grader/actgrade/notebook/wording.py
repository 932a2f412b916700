"""How a check's result reads in a notebook: the verdict, the hints reworded for cells instead
of files, wrapped to a width no viewer scrolls."""

from __future__ import annotations

import contextlib
import io
import re
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from actgrade.catalog import Exercise
    from actgrade.report import CheckResult
from actgrade.notebook.cells import NotebookModule

_OUTPUT_LIMIT = 1500
# Width of the text a test cell prints: no viewer scrolls sideways, and nbgrader's
# validate (which cuts lines at 87 characters, its indent included) shows it whole.
TEXT_WIDTH = 80
# Advice in the checks' hints that only makes sense at the command line, or before grading.
_HINT_COMMAND_ADVICE = " `actgrade hint` gives a first nudge."
_RUN_AGAIN_ADVICE = ", then run the check again."


def assertion_message(result: CheckResult, exercise: Exercise, module: NotebookModule | None) -> str:
    """The check's title and first hint, wrapped to follow `AssertionError: ` on a narrow screen."""
    from actgrade.report import hint_label

    text = f"{result.title}."
    if result.hints:
        hint = result.hints[0]
        text += f" {hint_label(hint.category)}: {notebook_wording(hint.text, exercise, module)}"
    return after_assertion_error(text)


def after_assertion_error(text: str) -> str:
    """`text` wrapped so that, after `AssertionError: `, no line is wider than `TEXT_WIDTH`."""
    prefix = " " * len("AssertionError: ")
    return wrap(text, prefix)[len(prefix):]


def wrap(text: str, first: str = "", rest: str = "") -> str:
    """`text` wrapped to `TEXT_WIDTH`, its first line indented by `first`, the others by `rest`."""
    return textwrap.fill(text, width=TEXT_WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def format_result(result: CheckResult, exercise: Exercise, module: NotebookModule | None,
                  earned: float | None = None, points: float | None = None, output: str = "",
                  graded: bool = True) -> str:
    """The text a test cell prints: the verdict, then every hint, wrapped to `TEXT_WIDTH`.

    Graded (the default), the first line gives the points earned; otherwise it
    says the inputs were the visible ones.
    """
    from actgrade.report import hint_label

    mark = "PASS" if result.passed else "FAIL"
    if graded:
        earned, points = score_of(result, points) if earned is None else (earned, points or result.max_points)
        where = f"({earned:g}/{points:g} point{'' if points == 1 else 's'})"
    else:
        where = "(on the example inputs; grading uses other inputs)"
    lines = [wrap(f"{mark}  {result.title}  {where}", "", "      ")]
    for hint in result.hints:
        label = hint_label(hint.category)
        lines.append(wrap(f"{label}: {notebook_wording(hint.text, exercise, module, graded=graded)}",
                           "  ", "    "))
    if output.strip() and not result.passed:
        lines.append("  Your code printed:")
        lines.extend("    " + line for line in trim_output(output).rstrip().splitlines())
    return "\n".join(lines)


def trim_output(text: str, limit: int = _OUTPUT_LIMIT) -> str:
    """What the learner's code printed, its middle cut out when it is longer than `limit`."""
    if len(text) <= limit:
        return text
    return text[: limit // 2] + "\n[... output trimmed ...]\n" + text[-limit // 2:]


def notebook_wording(text: str, exercise: Exercise, module: NotebookModule | None = None,
                     graded: bool = False) -> str:
    """A hint written for a file, reworded for a notebook: `line 12 of
    exercise1_relu.py` becomes `line 3 of cell [5]`, `your file ...` becomes
    `your notebook`. Advice meant for the command line goes; in `graded`
    feedback, so does advice to run the check again."""
    name = exercise.filename
    if module is not None:
        text = re.sub(rf"line (\d+) of {re.escape(name)}", lambda m: module.where(int(m.group(1))), text)
    text = text.replace(f"Your file {name}", "Your notebook").replace(f"your file {name}", "your notebook")
    text = text.replace(_HINT_COMMAND_ADVICE, "")
    text = text.replace(_RUN_AGAIN_ADVICE, "." if graded else ", then run this cell again.")
    return text.replace(name, "your notebook")


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No text on stderr from the grader's own work (warnings included): in an
    nbgrader test cell any stderr output scores the cell 0, even when the check
    passed. Warning filters and NumPy's error state stay as they are, as in
    `actgrade check`, so no check can behave differently here."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def score_of(result: CheckResult, points: float | None = None) -> tuple[float, float]:
    """(earned, cell points): the check's share of `points` (by default the check's own points)."""
    cell_points = float(result.max_points if points is None else points)
    share = 1.0 if result.passed else (result.points / result.max_points if result.max_points else 0.0)
    return float(min(max(cell_points * share, 0.0), cell_points)), cell_points
