"""Grade a submitted nbgrader notebook from its source, never from its kernel.

nbgrader's own autograding runs every cell of a submission in a kernel, the
hidden tests included, so whatever the student's cells did to that kernel
(replacing the grader's functions, loading the reference solution) decides
the score. Here nothing of the submission runs in the grading process:

1. `graded_cells` finds the test cells and reads which check each one runs,
   with which seed, from its source. nbgrader has already restored that
   source from the gradebook (its `OverwriteCells` step), so the student
   cannot change it.
2. `learner_cells` takes every other code cell (the solution cells, cells the
   student added, the setup cell), in notebook order; `module_from_cells`
   keeps their definitions (imports, functions, classes, assignments) and
   leaves out what only runs something, as for a notebook graded in a kernel.
3. `grade_notebook` writes that module, with the reference solutions of the
   earlier exercises, to a temporary workspace, imports it in actgrade's
   isolated sandbox and runs each test cell's check with the assignment's seed,
   exactly as `actgrade check --seed` does with a file.
4. `cell_outputs` turns each verdict into the test cell's outputs: the verdict
   and hints as printed text and the score as the cell's value, which is what
   nbgrader's `SaveAutoGrades` reads (`nbgrader.utils.determine_grade`).

This module needs neither nbgrader nor a kernel; `actgrade.classroom.preprocessor`
plugs it into nbgrader.
"""

from __future__ import annotations

import ast
import atexit
from dataclasses import dataclass, field
from typing import Any

from actgrade import catalog
from actgrade.catalog import Exercise
from actgrade.notebook.cells import NotebookModule, module_from_cells
from actgrade.notebook.cells_graded import NotebookSession, PreparedSandbox
from actgrade.notebook.wording import format_result, notebook_wording, score_of, trim_output, wrap
from actgrade.notebook.workspaces import reference_workspace
from actgrade.report import CheckResult

# The function whose call, in the hidden part of a test cell, names the cell's check and seed.
GRADE_CALL = "grade_cell"
_LABEL_LENGTH = 40


@dataclass(frozen=True)
class GradedCell:
    """A test cell of a notebook: its position, and the check it grades."""

    index: int
    grade_id: str
    exercise: str
    check: str
    seed: int
    points: float


@dataclass
class Verdict:
    """One test cell's grading: the score, and what the cell shows."""

    earned: float
    points: float
    text: str  # what the cell prints: the verdict and hints
    passed: bool = False
    title: str = ""
    hints: list[tuple[str, str]] = field(default_factory=list)  # (label, text)
    printed: str = ""  # what the learner's code printed, for a failed check


def _nbgrader(cell: Any) -> dict:
    """A cell's nbgrader metadata ({} when it has none)."""
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def hidden_call(source: str) -> tuple[str, str, int] | None:
    """(exercise, check, seed) from the `grade_cell(...)` call in a test cell's source.

    Read with `ast`, never run; None when the source holds no such call with
    literal arguments.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name != GRADE_CALL or len(node.args) < 2:
            continue
        seed = next((k.value for k in node.keywords if k.arg == "seed"), None)
        try:
            exercise, check = ast.literal_eval(node.args[0]), ast.literal_eval(node.args[1])
            seed_value = ast.literal_eval(seed) if seed is not None else None
        except ValueError:
            continue
        if isinstance(exercise, str) and isinstance(check, str) and isinstance(seed_value, int):
            return exercise, check, seed_value
    return None


def is_graded_cell(cell: Any) -> bool:
    """Whether a cell is an actgrade test cell: an autograded code cell that calls `grade_cell`."""
    meta = _nbgrader(cell)
    return (cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")
            and hidden_call(cell.get("source", "")) is not None)


def graded_cells(nb: Any) -> list[GradedCell]:
    """The notebook's actgrade test cells, in order."""
    found = []
    for index, cell in enumerate(nb.get("cells", [])):
        if not is_graded_cell(cell):
            continue
        exercise, check, seed = hidden_call(cell["source"])
        meta = _nbgrader(cell)
        found.append(GradedCell(index, str(meta.get("grade_id", "")), exercise, check, seed,
                              float(meta.get("points", 0) or 0)))
    return found


def is_foreign_test_cell(cell: Any) -> bool:
    """An autograded code cell worth points that is not an actgrade test (an instructor's own)."""
    meta = _nbgrader(cell)
    return (cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")
            and float(meta.get("points", 0) or 0) > 0 and not is_graded_cell(cell))


def cell_label(source: str) -> str:
    """How a hint names a cell of a notebook read from its file: by its first line of code."""
    for line in source.splitlines():
        line = line.strip().replace("`", "'")
        if line and not line.startswith("#"):
            if len(line) > _LABEL_LENGTH:
                line = line[: _LABEL_LENGTH - 3].rstrip() + "..."
            return f"the cell starting `{line}`"
    return "a cell"


def learner_cells(nb: Any) -> list[tuple[str, str]]:
    """Every code cell that is not autograded, as (label, source), in notebook order."""
    return [(cell_label(cell.get("source", "")), cell.get("source", "")) for cell in nb.get("cells", [])
            if cell.get("cell_type") == "code" and not _nbgrader(cell).get("grade")]


@dataclass
class GradedNotebook:
    """The verdicts of a notebook's test cells (cell index -> verdict), and how the code was confined."""

    verdicts: dict[int, Verdict] = field(default_factory=dict)
    isolation: str = "none"  # the sandbox's level, "strict" or "basic" ("none": nothing ran)


# A sandbox started while nbgrader records the previous notebook, per isolation mode: the
# child has imported NumPy and confined itself before the next notebook's files arrive.
_SPARE: dict[str | None, PreparedSandbox] = {}


def _sandbox(isolation: str | None) -> PreparedSandbox:
    """The sandbox started for this notebook ahead of time, or a new one."""
    return _SPARE.pop(isolation, None) or PreparedSandbox(isolation)


def keep_a_sandbox_ready(isolation: str | None) -> None:
    """Start a sandbox for the next notebook now, while the caller does other work."""
    if isolation not in _SPARE:
        spare = PreparedSandbox(isolation)
        spare.sandbox.start()
        _SPARE[isolation] = spare


@atexit.register
def _close_spares() -> None:
    """Stop the sandbox kept for a next notebook that never came."""
    while _SPARE:
        _SPARE.popitem()[1].close()


def grade_notebook(nb: Any, isolation: str | None = None, keep_warm: bool = False) -> GradedNotebook:
    """Grade every test cell of a submitted notebook.

    One sandboxed child per exercise and seed (normally one per notebook)
    imports the module built from the notebook's source and runs the checks
    in the order of the cells. Raises when the sandbox cannot start (nothing
    could be graded: the caller must not record a score). With `keep_warm`,
    a sandbox for the next notebook starts once this one is graded.
    """
    tests = graded_cells(nb)
    module = module_from_cells(learner_cells(nb))
    graded = GradedNotebook()
    verdicts = graded.verdicts
    groups: dict[tuple[str, int], list[GradedCell]] = {}
    for test in tests:
        groups.setdefault((test.exercise, test.seed), []).append(test)
    for (exercise_id, seed), group in groups.items():
        try:
            exercise = catalog.find(exercise_id)
        except LookupError:
            verdicts.update({t.index: _missing(t) for t in group})
            continue
        files = reference_workspace(exercise, module)
        with NotebookSession(exercise, files, module, seed, prepared=_sandbox(isolation)) as session:
            for test in group:
                try:
                    result = session.result(test.check)
                except LookupError:
                    verdicts[test.index] = _missing(test)
                    continue
                verdicts[test.index] = verdict_of(result, exercise, session.module, test.points,
                                                  session.outputs.get(test.check, ""))
            level = session.sandbox.isolation.get("level", "none")
            graded.isolation = level if graded.isolation in ("none", "strict") else graded.isolation
    if keep_warm:
        keep_a_sandbox_ready(isolation)
    return graded


def verdict_of(result: CheckResult, exercise: Exercise, module: NotebookModule, points: float,
               printed: str = "") -> Verdict:
    """A check's result as the verdict of a test cell worth `points`."""
    from actgrade.report import hint_label

    earned, points = score_of(result, points)
    hints = [(hint_label(h.category), notebook_wording(h.text, exercise, module,
                                                                                      graded=True))
             for h in result.hints]
    text = format_result(result, exercise, module, earned, points, printed)
    return Verdict(earned, points, text, result.passed, result.title, hints,
                   "" if result.passed else trim_output(printed).strip())


def _missing(test: GradedCell) -> Verdict:
    """The verdict of a test cell whose check this version of actgrade does not have: 0 points."""
    text = (f"This test ({test.exercise}, {test.check}) does not exist in the installed version of actgrade, "
            "so it could not be graded. Please tell your instructor.")
    return Verdict(0.0, test.points, wrap(text), False, test.check, [("error", text)])


def cell_outputs(verdict: Verdict) -> list[dict]:
    """A test cell's outputs: the verdict as printed text, then the score as the cell's value."""
    return [
        {"output_type": "stream", "name": "stdout", "text": verdict.text + "\n"},
        {"output_type": "execute_result", "execution_count": None, "metadata": {},
         "data": {"text/plain": repr(float(verdict.earned))}},
    ]


def verdict_metadata(verdict: Verdict) -> dict:
    """What the feedback page needs to show a test cell's verdict (kept in the cell's metadata)."""
    return {"passed": verdict.passed, "title": verdict.title, "points": verdict.points,
            "hints": [list(hint) for hint in verdict.hints], "printed": verdict.printed}
