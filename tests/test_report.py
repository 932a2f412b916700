"""The terminal report a beginner reads: the first failing check in full, later failures one line
each, notes once everything passes; `--all` and JSON keep every message."""

from __future__ import annotations

import io
import json

from rich.console import Console

from actgrade import render
from actgrade.report import CheckResult, Hint, Report


def _report(*checks: CheckResult, import_failed: bool = False) -> Report:
    report = Report("exercise4", "Output layers and losses", seed=7, checks=list(checks))
    report.import_failed = import_failed
    return report


def _text(report: Report, show_all: bool = False) -> str:
    buffer = io.StringIO()
    render.print_report(report, out=Console(file=buffer, width=200, no_color=True), show_all=show_all)
    return buffer.getvalue()


def _check(name: str, passed: bool, *hints: Hint) -> CheckResult:
    points = 1.0 if passed else 0.0
    return CheckResult(name, f"title of {name}", passed, points, 1.0, "m", list(hints))


FIRST = Hint("value", "FIRST CAUSE: the loss is the sum, not the mean.")
LATER = Hint("gradient", "LATER CAUSE: the gradient disagrees with the loss.")
NOTE = Hint("saturation", "A LESSON on saturation.")


def test_first_failure_in_full_later_ones_in_one_line() -> None:
    report = _report(_check("a", True, NOTE), _check("b", False, FIRST), _check("c", False, LATER),
                     _check("d", False, FIRST))
    text = _text(report)
    assert "FIRST CAUSE" in text and "LATER CAUSE" not in text and "A LESSON" not in text
    assert "title of c (0/1): gradient" in text
    assert "title of d (0/1): the same problem as above" in text
    assert text.count("FIRST CAUSE") == 1
    assert "2 more failing checks in one line each and 1 note on passing checks" in text and "--all" in text


def test_all_shows_every_message_and_json_keeps_them() -> None:
    report = _report(_check("a", True, NOTE), _check("b", False, FIRST), _check("c", False, LATER))
    text = _text(report, show_all=True)
    assert "FIRST CAUSE" in text and "LATER CAUSE" in text and "A LESSON" in text and "--all" not in text
    hints = [h["text"] for c in json.loads(json.dumps(report.to_json()))["checks"] for h in c["hints"]]
    assert hints == [NOTE.text, FIRST.text, LATER.text]


def test_notes_are_the_lesson_once_everything_passes() -> None:
    text = _text(_report(_check("a", True, NOTE), _check("b", True)))
    assert "note (saturation): A LESSON" in text and "--all" not in text


def test_a_file_that_cannot_be_read_is_reported_once() -> None:
    broken = Hint("error", "exercise4_losses.py, line 3: SyntaxError: '(' was never closed.")
    report = _report(*(_check(name, False, broken) for name in "abcde"), import_failed=True)
    text = _text(report)
    assert text.count("SyntaxError") == 1 and "None of the 5 checks could run" in text
    assert _text(report, show_all=True).count("SyntaxError") == 1  # identical messages: one cause, one message
