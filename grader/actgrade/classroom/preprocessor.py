"""nbgrader preprocessors that grade from the submitted source, outside the kernel.

The `nbgrader_config.py` that `actgrade nbgrader` writes puts them in
nbgrader's pipelines; instructors keep using nbgrader's own commands.

- `ActgradeGrade` (autograde): grades the notebook's source in actgrade's
  isolated sandbox (`actgrade.classroom.autograde`) and writes each test cell's
  outputs: the verdict and hints as printed text, the score as the cell's
  value. It runs just before nbgrader's `SaveAutoGrades`, so whatever ran
  before it, nothing the student's kernel did can decide a score.
- `ActgradeKernel` (autograde): nbgrader's `Execute`, which runs only when
  `c.ActgradeGrade.run_kernel = True`, so that the student's own cells and the
  worked examples get outputs in the graded notebook; it never runs the test
  cells, whose outputs `ActgradeGrade` writes.
- `ActgradeOverwriteCells` (autograde, sanitizing): nbgrader's `OverwriteCells`,
  which restores every locked cell from the gradebook. A test cell always
  differs there (the release copy lacks its hidden part), and nbgrader warns
  about each one; this one puts the hidden part back first when the visible
  part is intact, so it warns only about cells a student really changed.
- `ActgradeClearHiddenTests` and `ActgradeFeedback` (generate_feedback): the
  hidden part stays out of the feedback, and each test cell shows its verdict,
  points and hints as wrapped HTML instead of printed text and a bare number.

This module imports nbgrader; nothing in actgrade's core imports it.
"""

from __future__ import annotations

import html
from typing import Any

from nbformat import NotebookNode, from_dict
from nbgrader import utils
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import ClearHiddenTests, Execute, NbGraderPreprocessor, OverwriteCells
from traitlets import Bool, Enum, List

from actgrade.classroom import autograde
from actgrade.notebook.selfstudy import inline_html

# nbconvert's HTML exporter configures this for every preprocessor; saying that it is
# configurable here keeps traitlets from warning that the option is not recognised.
_PRIORITY = ["text/html", "application/pdf", "text/latex", "image/svg+xml", "image/png", "image/jpeg", "text/plain"]
_GREEN, _RED, _GREY = "#1a7f37", "#cf222e", "#57606a"


class ActgradeGrade(NbGraderPreprocessor):
    """Grade a submitted notebook from its source in actgrade's sandbox; write the test cells' outputs."""

    run_kernel = Bool(
        False,
        help="Also run the notebook in a Jupyter kernel first (nbgrader's Execute, as ActgradeKernel), so "
             "that the student's cells and the worked examples have outputs in the graded notebook. The "
             "kernel never runs the test cells and never decides a score. Slower.",
    ).tag(config=True)

    isolation = Enum(
        ["auto", "strict", "basic"], "auto",
        help="Isolation of the sandbox that runs the student's code (see actgrade's README): 'strict' refuses "
             "to grade on a machine that cannot confine it; 'auto' uses the best the machine gives.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        """Grade every actgrade test cell of `nb` and replace its outputs with the verdict."""
        graded = autograde.grade_notebook(nb, isolation=self.isolation, keep_warm=True)
        verdicts = graded.verdicts
        if graded.isolation == "basic":
            self.log.warning("actgrade's sandbox ran with basic isolation only: the student's code could read "
                             "files this user can read. Grade a class on a machine with strict isolation.")
        for index, verdict in verdicts.items():
            cell = nb.cells[index]
            cell.outputs = [from_dict(output) for output in autograde.cell_outputs(verdict)]
            cell.execution_count = None
            cell.metadata["actgrade"] = autograde.verdict_metadata(verdict)
        if not self.run_kernel:
            for cell in nb.cells:
                if autograde.is_foreign_test_cell(cell):
                    self._refuse(cell)
        if verdicts:
            earned = sum(v.earned for v in verdicts.values())
            possible = sum(v.points for v in verdicts.values())
            self.log.info("actgrade graded %d test cells from the source: %g/%g points",
                          len(verdicts), earned, possible)
        return nb, resources

    def _refuse(self, cell: NotebookNode) -> None:
        """A test cell that is not actgrade's, while no kernel runs: 0 points, and say why."""
        grade_id = cell.metadata["nbgrader"].get("grade_id", "?")
        self.log.warning("Test cell %s is not an actgrade test and no kernel ran it: scored 0. "
                         "Set c.ActgradeGrade.run_kernel = True to run such cells.", grade_id)
        cell.outputs = [from_dict({
            "output_type": "error", "ename": "NotGraded", "traceback": [],
            "evalue": "This test cell is not an actgrade test, and no kernel ran it "
                      "(c.ActgradeGrade.run_kernel is False).",
        })]


class ActgradeKernel(Execute):
    """nbgrader's Execute, run only when `c.ActgradeGrade.run_kernel` is True; never runs test cells."""

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> tuple[NotebookNode, Any]:
        """Run the notebook in a kernel, or leave it as it is when the kernel is not wanted."""
        if not ActgradeGrade(parent=self).run_kernel:
            return nb, resources
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        """Run one cell, unless it is an actgrade test cell (graded from the source afterwards)."""
        if autograde.is_graded_cell(cell):
            return cell, resources
        return super().preprocess_cell(cell, resources, index)


class ActgradeOverwriteCells(OverwriteCells):
    """nbgrader's OverwriteCells, quiet about the hidden tests that every test cell lacks."""

    _delimiters: tuple[str, str] | None = None  # ClearHiddenTests' markers, as configured

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int) -> tuple[NotebookNode, dict]:
        """Put the hidden part back into an intact test cell, then let nbgrader check every cell."""
        self._restore_hidden_part(cell)
        return super().preprocess_cell(cell, resources, cell_index)

    def _restore_hidden_part(self, cell: NotebookNode) -> None:
        """The gradebook's source for a locked cell that is its release copy (hidden part removed)."""
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is None or not utils.is_locked(cell):
            return
        try:
            source_cell = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
        except MissingEntry:
            return
        if self._delimiters is None:
            clear = ClearHiddenTests(parent=self)
            self._delimiters = (clear.begin_test_delimeter, clear.end_test_delimeter)
        visible = without_region(source_cell.source, *self._delimiters)
        if (visible is not None and cell.cell_type == source_cell.cell_type
                and cell.source.strip() == visible.strip()):
            cell.source = source_cell.source


def without_region(source: str, begin: str, end: str) -> str | None:
    """`source` without the lines from one holding `begin` to one holding `end`
    (what the students received); None when it has no such region."""
    kept, inside, found = [], False, False
    for line in source.split("\n"):
        if begin in line:
            inside = found = True
        elif end in line:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept) if found and not inside else None


class ActgradeClearHiddenTests(ClearHiddenTests):
    """nbgrader's ClearHiddenTests, accepting the display option nbconvert gives every preprocessor."""

    display_data_priority = List(_PRIORITY).tag(config=True)


class ActgradeFeedback(NbGraderPreprocessor):
    """Show each graded test cell's verdict, points and hints as wrapped HTML in the feedback."""

    display_data_priority = List(_PRIORITY).tag(config=True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        """Replace a graded test cell's printed verdict and bare score by one readable block."""
        verdict = cell.get("metadata", {}).get("actgrade")
        if cell.cell_type != "code" or not isinstance(verdict, dict) or not utils.is_grade(cell):
            return cell, resources
        nbgrader = cell.metadata["nbgrader"]
        score = nbgrader.get("score")
        points = float(nbgrader.get("points", verdict.get("points", 0)))
        text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
        cell.outputs = [from_dict({
            "output_type": "display_data", "metadata": {},
            "data": {"text/html": verdict_html(verdict, score, points), "text/plain": text},
        })]
        return cell, resources


def verdict_html(verdict: dict, score: float | None, points: float) -> str:
    """One test cell's verdict for a browser: the mark, title and points, then the hints, all wrapped."""
    passed = bool(verdict.get("passed"))
    colour = _GREEN if passed else _RED
    shown = f"{float(score):g}/{points:g}" if score is not None else f"?/{points:g}"
    hints = "".join(
        f'<li style="margin:0.25em 0"><span style="color:{colour}">{html.escape(str(label))}:</span> '
        f"{inline_html(str(text))}</li>"
        for label, text in verdict.get("hints", []))
    printed = verdict.get("printed") or ""
    return (
        f'<div class="actgrade-verdict" style="white-space:normal;overflow-wrap:anywhere;'
        f'border-left:4px solid {colour};padding:0.2em 0.8em;line-height:1.45">'
        f'<p style="margin:0.2em 0"><b style="color:{colour}">{"PASS" if passed else "FAIL"}</b> '
        f'<b>{html.escape(str(verdict.get("title", "")))}</b> '
        f'<span style="color:{_GREY};white-space:nowrap">({shown} point{"" if points == 1 else "s"})</span></p>'
        + (f'<ul style="margin:0.2em 0;padding-left:1.4em;list-style:disc">{hints}</ul>' if hints else "")
        + (f'<details><summary>Your code printed</summary><pre style="white-space:pre-wrap">'
           f"{html.escape(printed)}</pre></details>" if printed else "")
        + "</div>"
    )
