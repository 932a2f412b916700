"""Build an nbgrader course from the exercises: source notebooks and config.

This module writes the course (`build_course`, the generated `nbgrader_config.py`);
`classroom.notebooks` builds each notebook and `classroom.pieces` reads the solution
file. One source notebook per exercise, generated from `solutions/exerciseN_<topic>.py`
(the single source of the exercise) and from its hidden checks:

1. a read-only markdown cell with the task (the module docstring), and one
   that says how the notebook is worked on and graded;
2. a read-only setup cell with the file's imports and constants; when the
   exercise imports earlier ones, it first loads their reference versions
   (`actgrade.notebook.provide_earlier_exercises`), so the notebook is graded
   on its own;
3. one solution cell per function (or module-level answer block), with the
   solution between nbgrader's `### BEGIN SOLUTION` / `### END SOLUTION`, and
   after each function a read-only cell (not graded) that tries it on the
   worked examples of its docstring (expected values computed from the
   reference);
4. one autograded test cell per hidden check, worth the check's points. Its
   visible part runs the same check on visible inputs
   (`actgrade.notebook.self_check`, seed `VISIBLE_SEED`) and fails with the
   hint when the check fails, so running the cell, and nbgrader's Validate,
   tell the truth. Its hidden part names the check and the assignment's seed
   (`grade_cell(...)`).

Grading never runs in the student's kernel: the generated `nbgrader_config.py`
puts `actgrade.classroom.preprocessor.ActgradeGrade` in nbgrader's autograde
pipeline, which reads each test cell's check and seed from its hidden part
(restored from the gradebook by nbgrader) and grades the submitted source in
actgrade's sandbox. While nbgrader autogrades in a kernel anyway (a config
without that step), the visible part does nothing and `grade_cell` grades.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from actgrade import catalog
from actgrade.catalog import Exercise
from actgrade.classroom.notebooks import CheckInfo, record_checks, source_notebook
from actgrade.classroom.pieces import CourseError
from actgrade.notebook import VISIBLE_SEED

DEFAULT_ASSIGNMENT = "activations"
DEFAULT_CELL_TIMEOUT = 30

# -- the course ---------------------------------------------------------------------------------

CONFIG_MARKER = "# nbgrader configuration written by `actgrade nbgrader`"

CONFIG_TEMPLATE = '''\
{marker}.
# Edit freely: actgrade rewrites this file only when run with --force.

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from actgrade.classroom.preprocessor import (
    ActgradeClearHiddenTests,
    ActgradeFeedback,
    ActgradeGrade,
    ActgradeKernel,
    ActgradeOverwriteCells,
)

c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = {course_id!r}

# -- nbgrader autograde: from the submitted source, never from the student's kernel ------------
# nbgrader's default steps, in its order, with three of ours. ActgradeGrade reads each test
# cell's check and seed from its hidden part (restored from the gradebook), grades the code of
# the notebook's other cells in actgrade's sandbox (a separate, confined, time- and memory-
# limited process) and writes each test cell's outputs: verdict and hints as printed text, the
# score as the cell's value, which SaveAutoGrades records. It runs last before SaveAutoGrades,
# so nothing that ran in a kernel before it can decide a score.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    ActgradeOverwriteCells,  # nbgrader's OverwriteCells, without a warning for every intact test cell
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    ActgradeKernel,  # nbgrader's Execute, only when run_kernel is True; never runs the test cells
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    ActgradeGrade,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# False: no kernel at all (fast); in the graded notebooks only the test cells have outputs.
# True: first run the notebook in the kernel below, so that the student's cells and the worked
# examples have outputs too (slower; the test cells do not run there, and the scores are the same).
c.ActgradeGrade.run_kernel = False
# "strict" refuses to grade on a machine that cannot confine the student's code (Linux with
# Landlock and seccomp); "auto" uses the best the machine gives, and warns when that is "basic".
c.ActgradeGrade.isolation = "auto"

# -- the kernel: nbgrader validate (and autograde with run_kernel = True) ------------------------
# A Python that has actgrade installed.
c.Execute.kernel_name = "python3"
# "Minimal" tracebacks: a failing test cell shows "AssertionError: <what went wrong and a hint>",
# not the source lines around it.
c.Execute.extra_arguments = [
    "--HistoryManager.hist_file=:memory:",
    "--InteractiveShell.xmode=Minimal",
]

# Time limits per cell, in seconds. A test cell runs its check on the visible inputs, and every
# call into the student's code has its own limit inside the sandbox; the cell limit only backs
# that up. The other cells (the student's own, the worked examples) get the usual limit: code
# that hangs costs that cell (interrupted), not the run.
TEST_CELL_TIMEOUT = {test_timeout}
OTHER_CELL_TIMEOUT = {timeout}


def cell_timeout(cell):
    nbgrader = cell.get("metadata", {{}}).get("nbgrader", {{}})
    test = nbgrader.get("grade", False) and nbgrader.get("points", 0) > 0
    return TEST_CELL_TIMEOUT if test else OTHER_CELL_TIMEOUT


c.Execute.timeout = OTHER_CELL_TIMEOUT
c.Execute.timeout_func = cell_timeout
c.Execute.interrupt_on_timeout = True

# -- nbgrader generate_feedback ----------------------------------------------------------------
# The hidden part of the test cells stays out (by default nbgrader's feedback shows it), and each
# test cell shows its verdict, points and hints as one readable block.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ActgradeClearHiddenTests,
    ActgradeFeedback,
    CSSHTMLHeaderPreprocessor,
]
'''


@dataclass
class Written:
    exercise: Exercise
    path: Path
    tests: int
    points: float
    failing_reference: list[str]  # checks the reference fails with the hidden seed
    failing_visible: list[str] = field(default_factory=list)  # ... and with the visible one


def choose_seed(seed: int | None) -> int:
    """The assignment's hidden seed: `seed`, or a new random one; never the visible tests' seed."""
    if seed is None:
        while (seed := secrets.randbelow(2**31)) == VISIBLE_SEED:
            pass
        return seed
    if int(seed) == VISIBLE_SEED:
        raise CourseError(f"seed {seed} is the seed of the tests' visible inputs, so the hidden inputs "
                          "would be visible: choose another seed")
    return int(seed)


def default_test_timeout(checks: list[CheckInfo]) -> int:
    """Room for the import (30 s), a hang in the check (its call limit) and the rest."""
    longest = max([c.timeout or 10.0 for c in checks] or [10.0])
    return int(max(120, 30 + 3 * longest))


def select_exercises(names: list[str]) -> list[Exercise]:
    """The exercises named (any spelling), or every exercise that has hidden checks."""
    try:
        return catalog.graded(names)
    except catalog.NoHiddenTests as error:
        raise CourseError(str(error)) from None


def build_course(course_dir: Path, exercises: list[Exercise], assignment: str = DEFAULT_ASSIGNMENT,
                 seed: int | None = None, course_id: str | None = None, timeout: int = DEFAULT_CELL_TIMEOUT,
                 test_timeout: int | None = None, force: bool = False) -> tuple[list[Written], Path | None, int]:
    """Write `source/<assignment>/*.ipynb` and (unless present) `nbgrader_config.py`.

    Returns the notebooks written, the config path (None when an existing
    config was kept) and the seed.
    """
    import nbformat

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", assignment):
        raise CourseError(f"assignment name {assignment!r}: use letters, digits, '_', '-' or '.'")
    if not exercises:
        raise CourseError("no exercise to put in the course")
    seed = choose_seed(seed)
    folder = course_dir / "source" / assignment
    targets = [folder / f"{e.module}.ipynb" for e in exercises]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise CourseError(f"{existing[0]} already exists; pass --force to overwrite the source notebooks "
                          "(then run `nbgrader generate_assignment --force` again)")

    written, all_checks = [], []
    for exercise, target in zip(exercises, targets, strict=True):
        checks = record_checks(exercise, seed)
        visible = record_checks(exercise, VISIBLE_SEED)
        all_checks += checks
        notebook = source_notebook(exercise, seed, checks)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, str(target))
        written.append(Written(exercise, target, len(checks), sum(c.points for c in checks),
                               [c.name for c in checks if not c.reference_passed],
                               [c.name for c in visible if not c.reference_passed]))

    config = course_dir / "nbgrader_config.py"
    keep = config.exists() and not force
    if not keep:
        config.write_text(CONFIG_TEMPLATE.format(
            marker=CONFIG_MARKER,
            course_id=course_id or course_dir.resolve().name,
            test_timeout=int(test_timeout or default_test_timeout(all_checks)),
            timeout=int(timeout),
        ), encoding="utf-8")
    return written, None if keep else config, seed
