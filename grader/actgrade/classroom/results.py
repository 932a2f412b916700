"""The results of a class run as files: grades.csv (one row per student), results.json (every report)
and Gradescope's results.json per student."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actgrade import __version__
from actgrade.catalog import Exercise
from actgrade.classroom.pairs import PairResult
from actgrade.numbers import points_text
from actgrade.options import UsageProblem

# -- output ---------------------------------------------------------------------------------------

FORMATS = ("csv", "json", "html", "gradescope")
DEFAULT_FORMATS = ("csv", "json", "html")


def parse_formats(values: Sequence[str]) -> list[str]:
    wanted = [part.lower() for value in values for part in value.replace(",", " ").split()]
    for name in wanted:
        if name not in FORMATS:
            raise UsageProblem(f"unknown format {name!r}. Choose from: {', '.join(FORMATS)}.")
    return [name for name in FORMATS if name in (wanted or DEFAULT_FORMATS)]


@dataclass
class ClassResults:
    seed: int
    exercises: list[Exercise]
    students: list[str]
    results: dict[tuple[str, str], PairResult]  # (student, exercise id) -> result
    reference: dict[str, PairResult] = field(default_factory=dict)

    def maximum(self, exercise: Exercise) -> float:
        """The points of an exercise (the largest max_score any report gives it)."""
        values = [r.max_score for (_, e), r in self.results.items() if e == exercise.id]
        values += [r.max_score for e, r in self.reference.items() if e == exercise.id]
        return max(values or [0.0])

    def total(self, student: str) -> float:
        return round(sum(self.results[student, e.id].score for e in self.exercises), 6)

    def total_max(self) -> float:
        return round(sum(self.maximum(e) for e in self.exercises), 6)

    def notes(self, student: str) -> str:
        return "; ".join(f"{e.id}: {self.results[student, e.id].note}" for e in self.exercises
                         if self.results[student, e.id].note)

    def internal_errors(self) -> list[tuple[str, str]]:
        return [(s, e) for (s, e), r in self.results.items() if r.status == "internal-error"]


def spreadsheet_safe(text: str) -> str:
    """A cell no spreadsheet runs as a formula: a student folder named `=2+3` stays text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def grades_csv(data: ClassResults) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *(e.id for e in data.exercises), "total", "max", "notes"])
    total_max = points_text(data.total_max())
    for student in data.students:
        scores = (points_text(data.results[student, e.id].score) for e in data.exercises)
        writer.writerow([spreadsheet_safe(student), *scores,
                         points_text(data.total(student)), total_max, spreadsheet_safe(data.notes(student))])
    return buffer.getvalue()


def results_json(data: ClassResults, submissions: Path) -> dict:
    return {
        "actgrade_version": __version__,
        "seed": data.seed,
        "submissions_dir": str(submissions.resolve()),
        "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "exercises": [{"exercise": e.id, "title": e.title, "file": e.filename, "max_score": data.maximum(e)}
                      for e in data.exercises],
        "max_score": data.total_max(),
        "reference": {e: {"score": r.score, "max_score": r.max_score, "status": r.status}
                      for e, r in data.reference.items()} or None,
        "students": {
            student: {
                "score": data.total(student),
                "max_score": data.total_max(),
                "exercises": {e.id: data.results[student, e.id].to_json() for e in data.exercises},
            }
            for student in data.students
        },
    }


def gradescope_json(data: ClassResults, student: str) -> dict:
    """One student's results in Gradescope's autograder format (results.json)."""
    tests, lines, seconds = [], [], 0.0
    for exercise in data.exercises:
        result = data.results[student, exercise.id]
        report = result.report
        seconds += float(report.get("duration_s", 0.0))
        line = f"{exercise.id} ({exercise.title}): {points_text(result.score)}/{points_text(data.maximum(exercise))}"
        lines.append(line + (f"  [{result.note}]" if result.note else ""))
        checks = report.get("checks", [])
        for index, check in enumerate(checks, start=1):
            title = result.titles[index - 1] if index <= len(result.titles) else check["name"]
            hints = [f"{h['category']}: {h['text']}" for h in check.get("hints", [])]
            tests.append({
                "name": f"{exercise.id} {exercise.title}: {title}",
                "number": f"{exercise.number}.{index}",
                "score": check["points"],
                "max_score": check["max_points"],
                "status": "passed" if check["passed"] else "failed",
                "output": "\n\n".join(hints) or check.get("message", ""),
                "visibility": "visible",
            })
        if not checks:  # an internal error before the checks were known
            tests.append({"name": f"{exercise.id} {exercise.title}", "number": f"{exercise.number}",
                          "score": 0.0, "max_score": data.maximum(exercise), "status": "failed",
                          "output": result.note, "visibility": "visible"})
    output = (f"Graded by actgrade {__version__} with seed {data.seed} (the same inputs for every student).\n"
              + "\n".join(lines) + f"\nTotal: {points_text(data.total(student))}/{points_text(data.total_max())}")
    return {
        "score": data.total(student),
        "execution_time": int(round(seconds)),
        "output": output,
        "output_format": "text",
        "test_output_format": "text",
        "visibility": "visible",  # the hints are the feedback: students see them at once
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def write_results(data: ClassResults, out: Path, formats: Sequence[str], submissions: Path) -> list[str]:
    written = []
    if "csv" in formats:
        _write(out / "grades.csv", grades_csv(data))
        written.append(str(out / "grades.csv"))
    if "json" in formats:
        _write(out / "results.json", json.dumps(results_json(data, submissions), indent=1) + "\n")
        written.append(str(out / "results.json"))
    if "html" in formats:
        from actgrade.classroom.class_report import render

        _write(out / "report.html", render(data))
        written.append(str(out / "report.html"))
    if "gradescope" in formats:
        for student in data.students:
            _write(out / "gradescope" / student / "results.json",
                   json.dumps(gradescope_json(data, student), indent=1) + "\n")
        written.append(f"{out / 'gradescope'}{os.sep}<student>{os.sep}results.json ({len(data.students)} files)")
    return written
