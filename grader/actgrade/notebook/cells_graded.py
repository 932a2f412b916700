"""One check at a time, for the test cells of an nbgrader notebook: `self_check` on the visible
inputs, `grade_cell` with the assignment's seed. The checks of one code state share one
sandboxed child."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from actgrade.catalog import Exercise
    from actgrade.report import CheckResult
from actgrade.notebook.cells import NotebookModule, graded_module
from actgrade.notebook.wording import after_assertion_error, assertion_message, format_result, quiet, score_of, wrap
from actgrade.notebook.workspaces import digest, workspace_files

# The seed of the inputs of a test cell's visible line (and so of nbgrader's Validate).
# An assignment's hidden seed is never this one.
VISIBLE_SEED = 1


# -- one check at a time, for nbgrader test cells ----------------------------------------------

class PreparedSandbox:
    """An empty workspace folder and a sandbox for it, which may be started ahead of time:
    the child imports the workspace's files only when asked to import a module."""

    def __init__(self, isolation: str | None = None) -> None:
        from actgrade.sandbox.runner import Sandbox

        self.folder = tempfile.TemporaryDirectory(prefix="actgrade-notebook-")
        self.sandbox = Sandbox(Path(self.folder.name), isolation=isolation)
        self.isolation = isolation

    def write(self, files: dict[str, str]) -> None:
        """Put the workspace's files (name -> text) in the folder."""
        for name, text in files.items():
            (Path(self.folder.name) / name).write_text(text, encoding="utf-8")

    def close(self) -> None:
        """Stop the child and remove the folder."""
        self.sandbox.close()
        self.folder.cleanup()


class NotebookSession:
    """The sandboxed child and the check results of one code state of one exercise.

    `files` (name -> text) is the workspace the child imports (in `prepared`,
    a sandbox maybe started earlier, or a new one); checks run one at a time,
    in the order they are asked for, each with its own random stream, and each
    result is kept.
    """

    def __init__(self, exercise: Exercise, files: dict[str, str], module: NotebookModule, seed: int,
                 isolation: str | None = None, prepared: PreparedSandbox | None = None) -> None:
        from actgrade import grading

        self.exercise, self.module, self.seed = exercise, module, seed
        self.results: dict[str, CheckResult] = {}
        self.outputs: dict[str, str] = {}
        self._place = prepared or PreparedSandbox(isolation)
        self._place.write(files)
        self.sandbox = self._place.sandbox
        try:
            self.grading = grading.Session(exercise, self.sandbox, seed)
        except BaseException:
            self.close()
            raise
        self.checks = self.grading.checks

    def result(self, name: str) -> CheckResult:
        """The result of the check `name` (LookupError when the exercise has no such check)."""
        if name not in self.results:
            index = self.grading.index_of(name)
            before = self.sandbox.output(limit=1 << 30)
            self.results[name] = self.grading.run(index)
            after = self.sandbox.output(limit=1 << 30)
            self.outputs[name] = after[len(before):] if after.startswith(before) else ""
        return self.results[name]

    def close(self) -> None:
        """Stop the child and remove the workspace."""
        self._place.close()

    def __enter__(self) -> NotebookSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_SESSIONS: dict[tuple[str, int], tuple[str, NotebookSession]] = {}


def _session(exercise: Exercise, namespace: dict | None, seed: int) -> NotebookSession:
    """The session of the notebook's current code and this seed; a new one when the code changed."""
    module = graded_module(namespace)
    files = workspace_files(exercise, module)
    key = digest(exercise, files, seed)
    known = _SESSIONS.get((exercise.id, seed))
    if known is not None and known[0] == key:
        return known[1]
    if known is not None:
        _SESSIONS.pop((exercise.id, seed))
        known[1].close()
    session = NotebookSession(exercise, files, module, seed)
    _SESSIONS[exercise.id, seed] = (key, session)
    return session


@atexit.register
def _close_sessions() -> None:
    for _, session in list(_SESSIONS.values()):
        with contextlib.suppress(Exception):
            session.close()
    _SESSIONS.clear()


def _run_one(exercise: str, check: str, namespace: dict | None, seed: int
             ) -> tuple[CheckResult, Exercise, NotebookSession]:
    """Run one check on the code run in this kernel, writing nothing to stderr."""
    session = None
    try:
        with quiet():
            from actgrade import catalog

            item = catalog.find(exercise)
            session = _session(item, namespace, int(seed))
            return session.result(check), item, session
    except KeyboardInterrupt:  # nbgrader's cell timeout: leave no child behind
        for key, (_, known) in list(_SESSIONS.items()):
            if known is session:
                _SESSIONS.pop(key)
        if session is not None:
            session.close()
        raise


def grade_cell(exercise: str, check: str, namespace: dict | None = None, *, seed: int,
               points: float | None = None) -> float:
    """Run one hidden check on the notebook's code; print its verdict; return the score.

    The score is a plain float between 0 and `points` (the cell's points in
    the gradebook; by default the check's own points), which nbgrader reads as
    the cell's partial credit. Hints are printed on stdout, which nbgrader puts
    in the student's feedback; nothing is written to stderr. (An nbgrader course
    written by `actgrade nbgrader` grades from the submitted source instead, see
    `actgrade.classroom.autograde`; this runs when a source notebook is validated.)
    """
    try:
        result, item, session = _run_one(exercise, check, namespace, seed)
    except LookupError:
        print(f"This test ({check}) does not exist in the installed version of actgrade, "
              "so it cannot be graded. Please tell your instructor.")
        return 0.0
    except Exception as error:  # never a traceback: it could show the hidden test's source
        print(f"The grader could not run this test ({type(error).__name__}: {error}). "
              "Please tell your instructor.")
        return 0.0
    earned, cell_points = score_of(result, points)
    print(format_result(result, item, session.module, earned, cell_points, session.outputs.get(check, "")))
    return earned


@dataclass
class SelfCheck:
    """What the visible line of a test cell found: `passed`, and a short `message` for its assert."""

    passed: bool
    message: str = ""

    def __bool__(self) -> bool:
        return self.passed


def self_check(exercise: str, check: str, namespace: dict | None = None, *,
               seed: int = VISIBLE_SEED) -> SelfCheck:
    """Run one hidden check on this notebook's code with the visible inputs; print its verdict.

    The visible part of a generated test cell is
    `verdict = self_check(...)` then `assert verdict.passed, verdict.message`:
    the same check as the graded one, on the inputs of seed `seed` (never an
    assignment's seed), so running the cell, or nbgrader's Validate, reports a
    mistake the check catches, with its hint. While nbgrader autogrades a
    notebook in a kernel it does nothing and passes: the hidden inputs decide.
    """
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return SelfCheck(True)
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    try:
        result, item, session = _run_one(exercise, check, namespace, seed)
    except LookupError:
        problem = (f"This test ({check}) does not exist in the installed version of actgrade: "
                   "update actgrade, or tell your instructor.")
    except Exception as error:
        problem = f"actgrade could not run this test ({type(error).__name__}: {error})."
    else:
        print(format_result(result, item, session.module, output=session.outputs.get(check, ""), graded=False))
        if result.passed:
            return SelfCheck(True)
        return SelfCheck(False, assertion_message(result, item, session.module))
    print(wrap(problem))
    return SelfCheck(False, after_assertion_error(problem))
