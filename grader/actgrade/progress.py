"""A learner's progress through the exercises: the status of each one, and the record of
results that lets `actgrade list` skip files that did not change since their last check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from actgrade import catalog, state
from actgrade.catalog import Exercise

if TYPE_CHECKING:
    from actgrade.report import Report


def exercise_status(folder: Path, exercise: Exercise) -> str:
    """not started / failing (score) / passed / missing, re-checking only changed files."""
    path = folder / exercise.filename
    if not path.is_file():
        return "missing"
    stub = catalog.stubs_dir() / exercise.filename
    if stub.is_file() and path.read_bytes() == stub.read_bytes():
        return "not started"
    digest = state.file_digest(path)
    result = state.recorded_result(folder, exercise.id, digest)
    if result is None:
        from actgrade import grading  # NumPy and the checks: only when a file changed

        report = grading.grade(exercise, folder)
        remember(folder, exercise, digest, report)
        result = {"passed": report.passed, "score": report.score, "max_score": report.max_score}
        if report.not_started:
            return "not started"
    if result["passed"]:
        return "passed"
    return f"failing ({result['score']:g}/{result['max_score']:g})"


def remember(folder: Path, exercise: Exercise, digest: str, report: Report) -> None:
    """Record a check's result for `list` and `hint`, and the exercise as passed once it is."""
    state.record_result(folder, exercise.id, digest, report.passed, report.score, report.max_score,
                        first_failure(report))
    if report.passed:
        state.mark_passed(folder, exercise.id)


def first_failure(report: Report) -> dict | None:
    """What `actgrade hint` needs to know about the first failing check of a report."""
    failing = next((c for c in report.checks if not c.passed), None)
    if failing is None:
        return None
    hint = failing.hints[0] if failing.hints else None
    return {"check": failing.name, "title": failing.title, "topic": failing.topic, "seed": report.seed,
            "category": hint.category if hint else "", "text": hint.text if hint else failing.message}
