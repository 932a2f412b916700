"""`actgrade grade`: a class graded in parallel, as a teacher runs it (a real process).

One module fixture grades four students on exercises 1 and 4 with seed 5:

- solutions: the reference solutions;
- mistake: the solutions, with a realistic mistake appended to exercise 1
  (tests/mistakes/exercise1_relu/derivative_one_at_zero.py);
- partial: exercise 1 solved, exercise 4 not submitted;
- broken: exercise 1 does not compile (tests/mistakes/exercise1_relu/syntax_error.py),
  exercise 4 solved.

The last tests need no class: they check, in this process, that a failure on
the grader's side costs one pair and never the run.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from actgrade import catalog, grading
from actgrade.classroom import pairs
from helpers import MISTAKES, patched_workspace, solutions_workspace

SEED = 5
STUDENTS = ("broken", "mistake", "partial", "solutions")
MAX = {"exercise1": 7.0, "exercise4": 15.0}
REPORT_KEYS = {"exercise", "title", "passed", "score", "max_score", "seed", "duration_s", "isolation", "checks"}
CHECK_KEYS = {"name", "passed", "points", "max_points", "message", "hints"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "actgrade", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("course")
    subs = root / "submissions"
    solutions_workspace(subs / "solutions")
    mistake = (MISTAKES / "exercise1_relu" / "derivative_one_at_zero.py").read_text(encoding="utf-8")
    patched_workspace(subs / "mistake", "exercise1_relu", mistake)
    (subs / "partial").mkdir()
    shutil.copyfile(catalog.solutions_dir() / "exercise1_relu.py", subs / "partial" / "exercise1_relu.py")
    broken = (MISTAKES / "exercise1_relu" / "syntax_error.py").read_text(encoding="utf-8")
    patched_workspace(subs / "broken", "exercise1_relu", broken)
    (subs / ".ipynb_checkpoints").mkdir()  # not a student
    (subs / "roster.txt").write_text("not a student either\n")

    result = run("grade", str(subs), "-e", "1", "-e", "4", "--jobs", "2", "--seed", str(SEED),
                 "--format", "csv,json,html,gradescope")
    assert result.returncode == 0, result.stdout + result.stderr
    out = root / "actgrade-results"  # the default: next to the submissions folder
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {"subs": subs, "out": out, "result": result, "rows": {row["student"]: row for row in rows},
            "header": list(rows[0]), "json": json.loads((out / "results.json").read_text(encoding="utf-8"))}


def test_grades_csv_has_a_row_per_student(course: dict) -> None:
    rows = course["rows"]
    assert course["header"] == ["student", "exercise1", "exercise4", "total", "max", "notes"]
    assert sorted(rows) == list(STUDENTS)
    assert all(row["max"] == "22" for row in rows.values())
    assert rows["solutions"] == {"student": "solutions", "exercise1": "7", "exercise4": "15",
                                "total": "22", "max": "22", "notes": ""}
    assert (rows["partial"]["exercise1"], rows["partial"]["exercise4"], rows["partial"]["total"]) == ("7", "0", "7")
    assert "exercise4: missing" in rows["partial"]["notes"]
    # A file that does not compile costs that exercise only.
    assert (rows["broken"]["exercise1"], rows["broken"]["exercise4"]) == ("0", "15")
    assert "exercise1: cannot be imported" in rows["broken"]["notes"]


def test_mistake_scores_what_actgrade_check_gives_with_the_same_seed(course: dict) -> None:
    check = run("check", "1", "--workspace", str(course["subs"] / "mistake"), "--seed", str(SEED), "--json")
    report = json.loads(check.stdout)
    assert 0 < report["score"] < report["max_score"] == MAX["exercise1"]
    row = course["rows"]["mistake"]
    assert float(row["exercise1"]) == report["score"]
    assert float(row["total"]) == report["score"] + MAX["exercise4"]
    graded = course["json"]["students"]["mistake"]["exercises"]["exercise1"]["report"]
    assert [c["points"] for c in graded["checks"]] == [c["points"] for c in report["checks"]]
    assert [h for c in graded["checks"] for h in c["hints"]] == [h for c in report["checks"] for h in c["hints"]]


def test_results_json_holds_every_report_in_the_contract_format(course: dict) -> None:
    data = course["json"]
    assert data["seed"] == SEED and data["max_score"] == 22.0
    assert [e["exercise"] for e in data["exercises"]] == ["exercise1", "exercise4"]
    assert {e["exercise"]: e["max_score"] for e in data["exercises"]} == MAX
    assert data["reference"] == {e: {"score": m, "max_score": m, "status": "graded"} for e, m in MAX.items()}
    assert sorted(data["students"]) == list(STUDENTS)
    for name, student in data["students"].items():
        assert set(student["exercises"]) == set(MAX)
        assert student["score"] == float(course["rows"][name]["total"])
        for exercise_id, entry in student["exercises"].items():
            report = entry["report"]
            assert set(report) == REPORT_KEYS
            assert report["exercise"] == exercise_id and report["seed"] == SEED
            assert report["max_score"] == MAX[exercise_id] and report["checks"]
            assert all(set(c) == CHECK_KEYS for c in report["checks"])
            assert all(c["hints"] for c in report["checks"] if not c["passed"])  # every failure explained
    missing = data["students"]["partial"]["exercises"]["exercise4"]
    assert (missing["status"], missing["note"], missing["report"]["score"]) == ("missing", "missing", 0.0)
    assert "exercise4_losses.py was not submitted" in missing["report"]["checks"][0]["hints"][0]["text"]
    broken = data["students"]["broken"]["exercises"]["exercise1"]
    assert broken["status"] == "graded"
    assert "SyntaxError" in broken["report"]["checks"][0]["hints"][0]["text"]
    assert data["students"]["solutions"]["exercises"]["exercise4"]["status"] == "graded"


def test_gradescope_results_per_student(course: dict) -> None:
    folder = course["out"] / "gradescope"
    assert sorted(p.name for p in folder.iterdir()) == list(STUDENTS)
    for name in STUDENTS:
        result = json.loads((folder / name / "results.json").read_text(encoding="utf-8"))
        assert result["score"] == float(course["rows"][name]["total"])
        assert f"seed {SEED}" in result["output"]
        tests = result["tests"]
        assert sum(t["max_score"] for t in tests) == 22.0
        assert sum(t["score"] for t in tests) == result["score"]
        for test in tests:
            assert {"name", "score", "max_score", "output", "status"} <= set(test)
            assert isinstance(test["output"], str) and test["output"]
            assert test["status"] == ("passed" if test["score"] == test["max_score"] else "failed")
    mistake = json.loads((folder / "mistake" / "results.json").read_text(encoding="utf-8"))
    failed = [t for t in mistake["tests"] if t["status"] == "failed"]
    assert failed and all(t["name"].startswith("exercise1 ") for t in failed)
    assert any("x >= 0" in t["output"] for t in failed)  # the hint, as the student reads it
    partial = json.loads((folder / "partial" / "results.json").read_text(encoding="utf-8"))
    assert all("was not submitted" in t["output"] for t in partial["tests"] if t["name"].startswith("exercise4"))


def test_progress_on_stderr_and_summary_on_stdout(course: dict) -> None:
    result = course["result"]
    assert f"with seed {SEED}" in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == len(STUDENTS) * 2 + 2  # plain lines when not on a terminal, reference included
    assert any("partial exercise4: 0/15 (missing)" in line for line in lines)
    assert "class mean" in result.stdout and f"--seed {SEED}" in result.stdout
    assert "8 submissions graded" in result.stdout
    assert "grades.csv" in result.stdout and "gradescope" in result.stdout and "report.html" in result.stdout


class PageStructure(HTMLParser):
    """What report.html is made of: sections, images, check rows, hint rows, anything it would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.images: list[str] = []
        self.fetched: list[str] = []
        self.check_rows = 0
        self.hints: list[dict] = []  # {"category", "text"} per hint row, text without markup
        self._in_hint: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "section":
            self.sections.append(found.get("id", ""))
        if tag == "img":
            self.images.append(found.get("src", ""))
        if tag in ("script", "link", "iframe") or (tag == "img" and not found.get("src", "").startswith("data:")):
            self.fetched.append(tag)
        if tag == "tr" and found.get("class") == "check":
            self.check_rows += 1
        if tag == "tr" and found.get("class") == "hint":
            self._in_hint = {"category": found.get("data-category"), "text": ""}
            self.hints.append(self._in_hint)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._in_hint = None

    def handle_data(self, data: str) -> None:
        if self._in_hint is not None:
            self._in_hint["text"] += data


def test_report_html_shows_the_class_at_a_glance(course: dict) -> None:
    page = PageStructure()
    page.feed((course["out"] / "report.html").read_text(encoding="utf-8"))
    assert page.sections == ["scores", "checks", "hints"]
    assert len(page.images) == 2 and all(src.startswith("data:image/png;base64,") for src in page.images)
    assert all(len(base64.b64decode(src.split(",", 1)[1])) > 1000 for src in page.images)  # real pictures
    assert not page.fetched  # self-contained: nothing to load from anywhere
    reports = [e["report"] for s in course["json"]["students"].values() for e in s["exercises"].values()]
    checks = {(r["exercise"], c["name"]) for r in reports for c in r["checks"]}
    assert page.check_rows == len(checks)
    # Every student who got a hint is counted under its category, with a message one of them read.
    categories = {}
    for name, student in course["json"]["students"].items():
        for exercise_id, entry in student["exercises"].items():
            for check in entry["report"]["checks"]:
                for hint in check["hints"] if not check["passed"] else []:
                    categories.setdefault((exercise_id, hint["category"]), {}).setdefault(name, hint["text"])
    assert len(page.hints) == len(categories)
    texts = {text for by_student in categories.values() for text in by_student.values()}
    for row in page.hints:
        count = int(row["text"].split(" student")[0])
        assert count in {len(s) for (_, c), s in categories.items() if c == row["category"]}
        assert any(text[:200] in row["text"] for text in texts)
    missing = [row for row in page.hints if row["category"] == "not-implemented"]
    assert missing and "1 student" in missing[0]["text"] and "not written yet" in missing[0]["text"]


@pytest.mark.parametrize("args, message", [
    (["no-such-folder"], "does not exist"),
    (["{subs}", "-e", "99"], "unknown exercise '99'"),
    (["{subs}", "--exercises", "relu,nope"], "unknown exercise 'nope'"),
    (["{subs}", "--format", "csv,xml"], "unknown format 'xml'"),
    (["{subs}/solutions"], "holds exercise files itself"),
])
def test_usage_errors_exit_2_with_one_line(course: dict, tmp_path: Path, args: list[str], message: str) -> None:
    result = run("grade", *(a.format(subs=course["subs"]) for a in args), "--out", str(tmp_path / "out"),
                 cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("actgrade: ")
    assert message in result.stderr
    assert not (tmp_path / "out").exists()  # nothing graded, nothing written


# -- failures on the grader's side, in this process -----------------------------------------------

def test_a_grader_exception_is_an_internal_error_of_that_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_grade(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in a check")

    monkeypatch.setattr(grading, "grade", broken_grade)
    workspace = solutions_workspace(tmp_path / "ws")
    result = pairs.grade_pair(pairs.Pair("alice", str(workspace), "exercise1", SEED))
    assert result.status == "internal-error" and "RuntimeError: a bug in a check" in result.note
    assert (result.score, result.max_score) == (0.0, MAX["exercise1"])
    assert {h["category"] for c in result.report["checks"] for h in c["hints"]} == {"error"}


def test_student_files_may_sit_in_an_exercises_folder(tmp_path: Path) -> None:
    solutions_workspace(tmp_path / "bob" / "exercises")
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "exercise1_relu.py").write_text("")
    found = pairs.find_students(tmp_path, tmp_path.parent / "results")
    assert found == [("alice", tmp_path / "alice"), ("bob", tmp_path / "bob" / "exercises")]


# -- the same class on a real Dask cluster --------------------------------------------------------

@pytest.fixture
def dask_cluster(tmp_path: Path):
    """A Dask scheduler and two single-threaded workers on localhost, as separate processes."""
    from distributed import Client

    info = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", "0", "--no-dashboard", "--scheduler-file", str(info)], **quiet)
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file", str(info), "--nthreads", "1",
              "--no-nanny", "--no-dashboard", "--local-directory", str(tmp_path)]
    workers = [subprocess.Popen(worker, **quiet) for _ in range(2)]
    try:
        with Client(scheduler_file=str(info), timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
            yield client.scheduler.address
    finally:
        for process in workers:  # single processes (no nanny): nothing of theirs outlives them
            process.kill()
        scheduler.terminate()
        for process in [*workers, scheduler]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_real_cluster_gives_the_same_grades_as_the_local_run(course: dict, dask_cluster: str,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "remote"
    result = run("grade", str(course["subs"]), "-e", "1", "-e", "4", "--seed", str(SEED), "--scheduler", dask_cluster,
                 "--out", str(out), "--format", "csv,json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"on the Dask cluster at {dask_cluster}" in result.stderr
    assert "with 2 workers" in result.stdout
    local = (course["out"] / "grades.csv").read_text(encoding="utf-8")
    assert (out / "grades.csv").read_text(encoding="utf-8") == local
    remote = json.loads((out / "results.json").read_text(encoding="utf-8"))
    for student, data in course["json"]["students"].items():
        for exercise, entry in data["exercises"].items():
            there = remote["students"][student]["exercises"][exercise]
            assert there["status"] == entry["status"]
            assert [(c["name"], c["points"]) for c in there["report"]["checks"]] == \
                [(c["name"], c["points"]) for c in entry["report"]["checks"]]


def test_an_unreachable_scheduler_is_a_usage_error(course: dict, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "2s")  # Dask's own setting
    result = run("grade", str(course["subs"]), "-e", "1", "--scheduler", "tcp://127.0.0.1:9", "--out",
                 str(tmp_path / "out"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "could not reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
