"""The whole report in a notebook, for self-study: `check("exercise3")` shows it, as HTML in
Jupyter and as text elsewhere; `run(...)` returns it."""

from __future__ import annotations

import html
import io
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from actgrade.report import CheckResult, Report
from actgrade.notebook.cells import graded_module
from actgrade.notebook.wording import notebook_wording, quiet, trim_output
from actgrade.notebook.workspaces import workspace_files, write_workspace

# -- the whole report, for self-study ----------------------------------------------------------

def run(exercise: str, namespace: dict | None = None, seed: int | None = None) -> Report:
    """Grade `exercise` on the cells run in this kernel and return the Report."""
    from actgrade import catalog, grading
    from actgrade.checks.core import Hint

    if namespace is None:
        namespace = sys._getframe(1).f_globals
    item = catalog.find(exercise)
    module = graded_module(namespace)
    folder = write_workspace(workspace_files(item, module))
    try:
        with quiet():
            report = grading.grade(item, Path(folder.name), seed=seed)
    finally:
        folder.cleanup()

    def reword(result: CheckResult) -> CheckResult:
        hints = [Hint(h.category, notebook_wording(h.text, item, module)) for h in result.hints]
        if not result.passed:  # first the cause the learner must fix in the notebook itself
            hints = [Hint("error", text) for text in module.stopped] + hints
        return replace(result, message=notebook_wording(result.message, item, module), hints=hints)

    return replace(report, checks=[reword(c) for c in report.checks])


def check(exercise: str, namespace: dict | None = None, seed: int | None = None) -> None:
    """Run every hidden check of `exercise` on this notebook's code and show the report.

    In Jupyter the report is HTML; in a terminal IPython or a script it is text.
    `seed` replays the random inputs of an earlier run (the report shows its seed).
    During nbgrader autograding this does nothing: the test cells grade the notebook.
    """
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        print("actgrade: skipped while nbgrader grades this notebook (the test cells do the grading).")
        return
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    view = ReportView(run(exercise, namespace, seed))
    ipython = sys.modules.get("IPython")
    if ipython is not None and ipython.get_ipython() is not None:
        from IPython.display import display

        display(view)
    else:
        print(view.text())


class ReportView:
    """A report that Jupyter shows as HTML and everything else as text."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def text(self) -> str:
        from rich.console import Console

        from actgrade import render

        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=False, force_jupyter=False, no_color=True, highlight=False,
                          soft_wrap=True, width=100)
        render.print_report(self.report, out=console)
        return buffer.getvalue().replace("(replay with --seed ", "(replay with seed=")

    def __repr__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())

    def _repr_html_(self) -> str:
        return report_html(self.report)


def inline_html(text: str) -> str:
    """Escape for HTML; `code` spans become <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def report_html(report: Report) -> str:
    from actgrade.report import hint_label

    green, red, amber, grey = "#1a7f37", "#cf222e", "#9a6700", "#57606a"
    rows = []
    for item in report.checks:
        colour = green if item.passed else red
        mark = "PASS" if item.passed else "FAIL"
        hints = "".join(
            f'<li><span style="color:{amber if item.passed else red}">'
            f"{html.escape(hint_label(h.category))}:</span> {inline_html(h.text)}</li>"
            for h in item.hints
        )
        rows.append(
            f'<li style="margin:0.3em 0"><b style="color:{colour}">{mark}</b> {html.escape(item.title)} '
            f'<span style="color:{grey}">({item.points:g}/{item.max_points:g})</span>'
            + (f'<ul style="margin:0.2em 0">{hints}</ul>' if hints else "") + "</li>"
        )
    verdict = (f'<b style="color:{green}">all checks passed</b>' if report.passed
               else f'<b style="color:{red}">not passed yet</b>')
    printed = ""
    if report.learner_output.strip():
        printed = (f"<details><summary>Your code printed</summary><pre>"
                   f"{html.escape(trim_output(report.learner_output))}</pre></details>")
    return (
        f'<div class="actgrade-report"><p><b>{html.escape(report.exercise)}: {html.escape(report.title)}</b> '
        f'<span style="color:{grey}">seed {report.seed} (replay with seed={report.seed})</span></p>'
        f'<ul style="list-style:none;padding-left:0.5em">{"".join(rows)}</ul>{printed}'
        f"<p>Score {report.score:g}/{report.max_score:g}: {verdict} "
        f'<span style="color:{grey}">({report.duration_s:.2f} s)</span></p></div>'
    )
