"""The nbgrader course, graded by the real nbgrader, scores what `actgrade check` gives.

The end-to-end run (one module fixture; `pytest -s` prints its timings) builds
a course with every exercise that has hidden tests (`actgrade nbgrader`),
releases it (`nbgrader generate_assignment`), grades the students below
(`nbgrader autograde`: one run from the source alone, one with
`--ActgradeGrade.run_kernel=True` for the `kernel-` students), validates a
notebook (`nbgrader validate`), writes the feedback (`nbgrader
generate_feedback`) and exports the grades:

- solutions: every notebook filled in with the reference solution;
- mistakes: the same, with one function per notebook replaced by a realistic
  mistake from tests/mistakes/ (the first ordinary wrong answer that the hidden
  tests catch with the course's seed);
- untouched: the release notebooks as they are;
- reference: exercises 1 and 2 untouched, plus a cell that loads the reference
  solution through `actgrade.catalog.solutions_dir()` (by assignments in
  exercise 1, inside the functions in exercise 2);
- kernel-tamper: exercise 1 untouched, plus a cell that replaces
  `actgrade.notebook.grade_cell` in the kernel by a function that returns full marks;
- kernel-hang: exercise 1 whose relu_derivative never returns, exercise 4 solved.

Jupyter's config, data, runtime and IPython folders point into the test's
temporary folder, with a `python3` kernel for this interpreter, so no user
configuration or kernel is involved.

The first tests need neither nbgrader nor Jupyter: they check how the code
run in a notebook becomes the module the sandbox grades, and that grading one
check per cell gives exactly what grading the whole exercise gives.
"""

from __future__ import annotations

import ast
import csv
import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from actgrade import catalog, grading, notebook
from actgrade.notebook.cells import module_from_cells
from actgrade.notebook.selfstudy import report_html
from actgrade.notebook.wording import notebook_wording
from helpers import MISTAKES, directives, mistake_files, patched_workspace, solutions_workspace

SEED = 20250101
ASSIGNMENT = "activations"
# Students graded with `c.ActgradeGrade.run_kernel = True`: the kernel runs their cells first.
KERNEL_STUDENTS = ("kernel-hang", "kernel-tamper")
TAMPERING_CELL = "import actgrade.notebook\n\nactgrade.notebook.grade_cell = lambda *a, **k: k['points']\n"
# Loads the reference solution by assignments (they call a name imported from actgrade).
REFERENCE_BY_ASSIGNMENT = '''\
from actgrade import catalog
import runpy

_reference = runpy.run_path(str(catalog.solutions_dir() / "exercise1_relu.py"))
relu = _reference["relu"]
relu_derivative = _reference["relu_derivative"]
'''
# Loads the reference solution when the functions are called (in the sandbox, at grading time).
REFERENCE_BY_FUNCTION = '''\
from actgrade import catalog
import importlib.util


def _reference():
    path = catalog.solutions_dir() / "exercise2_sigmoid.py"
    spec = importlib.util.spec_from_file_location("reference_sigmoid", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sigmoid(x):
    return _reference().sigmoid(x)


def sigmoid_derivative(x):
    return _reference().sigmoid_derivative(x)
'''
# Mistakes that are ordinary wrong answers (not crashes, hangs or missing code).
UNSUITABLE = {"timeout", "error", "slow", "not-implemented", "nondeterministic"}
HANGING_RELU_DERIVATIVE = '''\
def relu_derivative(x):
    """1.0 where x > 0, else 0.0, one element at a time."""
    x = np.asarray(x, dtype=float)
    result = np.zeros_like(x)
    i = 0
    while i < result.size:
        result.flat[i] = 1.0 if x.flat[i] > 0 else 0.0
        # forgot: i += 1
    return result
'''


# -- without nbgrader: notebook code -> module -> checks ----------------------------------------

def test_only_definitions_of_the_cells_run_become_the_module() -> None:
    cells = [
        (1, "import numpy as np\nget_ipython().run_line_magic('matplotlib', 'inline')"),
        (2, "def relu(x):\n    for _ in range(1):\n        pass\n    return np.maximum(x, 0.0)\n"
            "print(relu(np.array([-1.0, 2.0])))\nresult = relu(np.array([3.0]))"),
        (3, "from actgrade.notebook import check\nreport = check('exercise1')\nALPHA = 0.5; print(ALPHA)\n"
            "while True:\n    pass"),
        (4, "get_ipython().run_cell_magic('time', '', 'def relu_derivative(x):\\n    return (x > 0) * 1.0\\n')"),
        (5, "try:\n    from exercise2_sigmoid import sigmoid\nexcept ImportError:\n    sigmoid = None\n"
            "s = sigmoid(np.zeros(2))\nf = lambda x: relu(x)\ny = _3"),
        (6, "def broken(:\n    pass"),
        (7, f"{notebook.EXAMPLES_HEADER}\nz = np.array([1.0])\nassert relu(z) == z"),
        (8, "# Test 1\nassert 'relu' in globals()\nfrom actgrade.notebook import grade_cell\n"
            "grade_cell('exercise1', 'relu_values', globals(), seed=1, points=2.0)"),
    ]
    module = module_from_cells(cells)
    tree = ast.parse(module.text)
    kept = [ast.unparse(stmt).splitlines()[0] for stmt in tree.body]
    assert kept == ["import numpy as np", "def relu(x):", "ALPHA = 0.5", "def relu_derivative(x):",
                    "try:", "f = lambda x: relu(x)"]
    line = module.text.splitlines().index("ALPHA = 0.5") + 1
    assert module.where(line) == "line 3 of cell [3]"
    exercise = catalog.find("exercise1")
    text = f"`relu(x)` raised ValueError: no at line {line} of exercise1_relu.py (`x`). Your file exercise1_relu.py"
    assert notebook_wording(text, exercise, module) == (
        "`relu(x)` raised ValueError: no at line 3 of cell [3] (`x`). Your notebook")


def _one_file_namespace(tmp_path: Path, exercise: catalog.Exercise, patch: str = "") -> dict:
    """Outside IPython the calling script's file stands in for the notebook's cells."""
    source = (catalog.solutions_dir() / exercise.filename).read_text(encoding="utf-8")
    path = tmp_path / f"notebook_of_{exercise.module}.py"
    path.write_text(source + "\n\n" + patch, encoding="utf-8")
    return {"__file__": str(path)}


@pytest.mark.parametrize("exercise_id", ["exercise1", "exercise4"])
def test_one_check_per_cell_scores_what_the_whole_grading_gives(tmp_path: Path, exercise_id: str) -> None:
    exercise = catalog.find(exercise_id)
    mistakes = [p for p in mistake_files() if p.parent.name == exercise.module and _suitable(p)]
    namespace = _one_file_namespace(tmp_path, exercise, mistakes[0].read_text(encoding="utf-8"))
    workspace = solutions_workspace(tmp_path / "ws")
    (workspace / exercise.filename).write_text(Path(namespace["__file__"]).read_text(), encoding="utf-8")
    whole = grading.grade(exercise, workspace, seed=SEED)
    assert not whole.passed
    for item in whole.checks:
        score = notebook.grade_cell(exercise.id, item.name, namespace, seed=SEED, points=item.max_points)
        assert type(score) is float and score == item.points, item.name


def test_self_study_check_prints_the_report_outside_jupyter(tmp_path: Path, capsys) -> None:
    exercise = catalog.find("exercise1")
    namespace = _one_file_namespace(tmp_path, exercise, "def relu(x):\n    return np.abs(x)\n")
    notebook.check("exercise1", namespace, seed=3)
    out = capsys.readouterr()
    assert "FAIL" in out.out and "absolute value" in out.out and "seed 3 (replay with seed=3)" in out.out
    report = notebook.run("exercise1", namespace, seed=3)
    assert not report.passed and "absolute value" in report_html(report)


# -- with nbgrader ------------------------------------------------------------------------------

def _suitable(path: Path) -> bool:
    wanted = directives(path.read_text(encoding="utf-8"))
    categories = set(wanted.get("expect", []) + wanted.get("expect-warning", []))
    return bool(wanted.get("expect")) and not categories & UNSUITABLE and "seed" not in wanted


def _run(args: list[str], cwd: Path, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    return result


def _jupyter_env(root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "ACTGRADE_", "IPYTHON"))}
    for name in ("config", "data", "runtime", "ipython"):
        (root / name).mkdir(parents=True, exist_ok=True)
    env.update(JUPYTER_CONFIG_DIR=str(root / "config"), JUPYTER_DATA_DIR=str(root / "data"),
               JUPYTER_RUNTIME_DIR=str(root / "runtime"), IPYTHONDIR=str(root / "ipython"), NO_COLOR="1")
    # nbgrader runs the `alembic` command of its own environment.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    kernel = root / "data" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python",
    }), encoding="utf-8")
    return env


def _nbgrader_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _filled(release, source):
    """A copy of a release notebook with every solution cell answered by the reference."""
    import copy

    answers = {_nbgrader_id(cell): cell.source for cell in source.cells}
    filled = copy.deepcopy(release)
    for cell in filled.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            cell.source = "\n".join(line for line in answers[_nbgrader_id(cell)].splitlines()
                                    if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    return filled


def _with_mistake(nb, mistake: str):
    """Replace the cell of the function the mistake defines (or add a cell before the tests)."""
    from nbformat.v4 import new_code_cell

    text = "\n".join(line for line in mistake.splitlines()
                     if not re.match(r"#\s*(expect|expect-warning|check|seed)\s*:", line)).strip() + "\n"
    functions = [n.name for n in ast.parse(text).body if isinstance(n, ast.FunctionDef)]
    cells = {_nbgrader_id(cell): cell for cell in nb.cells}
    if len(functions) == 1 and functions[0] in cells:
        cells[functions[0]].source = text
    else:
        index = next(i for i, cell in enumerate(nb.cells) if _nbgrader_id(cell) == "tests_intro")
        nb.cells.insert(index, new_code_cell(text))
    return nb


def _with_cell(nb, code: str):
    """A copy of a notebook with one more code cell, just before the tests."""
    import copy

    from nbformat.v4 import new_code_cell

    changed = copy.deepcopy(nb)
    index = next(i for i, cell in enumerate(changed.cells) if _nbgrader_id(cell) == "tests_intro")
    changed.cells.insert(index, new_code_cell(code))
    return changed


def _code_of(nb) -> str:
    """The notebook's code as a file, built as the notebook grader builds it: every code cell
    but the examples and the tests, without the lines that only make sense in a kernel (the
    setup cell's `from actgrade.notebook import ...`, which a sandboxed file may not import)."""
    cells = [(None, cell.source) for cell in nb.cells
             if cell.cell_type == "code" and not cell.get("metadata", {}).get("nbgrader", {}).get("grade")]
    return module_from_cells(cells).text


def _mistake_for(exercise: catalog.Exercise, scratch: Path) -> Path:
    """The first ordinary mistake of tests/mistakes/ that fails a check with the course's
    seed for a reason other than speed (which depends on the machine's load)."""
    for path in (p for p in mistake_files() if p.parent.name == exercise.module and _suitable(p)):
        workspace = patched_workspace(scratch / exercise.module / path.stem, exercise.module,
                                      path.read_text(encoding="utf-8"))
        report = grading.grade(exercise, workspace, seed=SEED)
        if any(h.category != "slow" for c in report.checks if not c.passed for h in c.hints):
            return path
    raise AssertionError(f"no ordinary mistake for {exercise.module} in tests/mistakes/ fails with seed {SEED}")


def _graded_exercises() -> list[catalog.Exercise]:
    """Every exercise with hidden tests whose reference passes them with the course's seed."""
    from actgrade.classroom.course import select_exercises

    return [e for e in select_exercises([]) if grading.grade(e, catalog.solutions_dir(), seed=SEED).passed]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    pytest.importorskip("nbgrader")
    pytest.importorskip("ipykernel")
    nbformat = pytest.importorskip("nbformat")

    started = time.perf_counter()
    root = tmp_path_factory.mktemp("nbgrader")
    env = _jupyter_env(root / "jupyter")
    course_dir = root / "course"
    exercises = _graded_exercises()
    assert any(e.id == "exercise1" for e in exercises) and any(e.id == "exercise4" for e in exercises)
    timings: dict[str, float] = {}

    def timed(label: str, args: list[str], cwd: Path = course_dir) -> subprocess.CompletedProcess:
        t0 = time.perf_counter()
        result = _run(args, cwd, env)
        timings[label] = time.perf_counter() - t0
        return result

    nbgrader = [sys.executable, "-m", "nbgrader"]
    timed("actgrade nbgrader", [sys.executable, "-m", "actgrade", "nbgrader", str(course_dir), "--seed", str(SEED),
                                "--timeout", "5", "--exercises", ",".join(e.id for e in exercises)], cwd=root)
    timed("nbgrader generate_assignment", [*nbgrader, "generate_assignment", ASSIGNMENT])

    source_dir, release_dir = course_dir / "source" / ASSIGNMENT, course_dir / "release" / ASSIGNMENT
    mistakes_used: dict[str, str] = {}
    submitted: dict[tuple[str, str], object] = {}
    for exercise in exercises:
        name = f"{exercise.module}.ipynb"
        release = nbformat.read(str(release_dir / name), as_version=4)
        source = nbformat.read(str(source_dir / name), as_version=4)
        solved = _filled(release, source)
        mistake = _mistake_for(exercise, root / "candidates")
        mistakes_used[exercise.id] = mistake.stem
        submitted["solutions", exercise.id] = solved
        submitted["untouched", exercise.id] = release
        submitted["mistakes", exercise.id] = _with_mistake(_filled(release, source),
                                                           mistake.read_text(encoding="utf-8"))
        if exercise.id == "exercise1":
            submitted["kernel-hang", exercise.id] = _with_mistake(_filled(release, source), HANGING_RELU_DERIVATIVE)
            submitted["kernel-tamper", exercise.id] = _with_cell(release, TAMPERING_CELL)
            submitted["reference", exercise.id] = _with_cell(release, REFERENCE_BY_ASSIGNMENT)
        elif exercise.id == "exercise2":
            submitted["reference", exercise.id] = _with_cell(release, REFERENCE_BY_FUNCTION)
            overflowing = (MISTAKES / exercise.module / "naive_formula.py").read_text(encoding="utf-8")
            validated = root / "validate" / name
            validated.parent.mkdir()
            nbformat.write(_with_mistake(_filled(release, source), overflowing), str(validated))
        elif exercise.id == "exercise4":
            submitted["kernel-hang", exercise.id] = solved
    for (student, exercise_id), nb in submitted.items():
        folder = course_dir / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(folder / f"{catalog.find(exercise_id).module}.ipynb"))

    # One autograde run for the class from the source alone, one for the students whose
    # kernel runs too; the logs (milliseconds since start) time each submission.
    logged = ["--Application.log_format=%(relativeCreated)d %(message)s", "--ActgradeGrade.isolation=strict"]
    logs = {"autograde": timed("nbgrader autograde", [
        *nbgrader, "autograde", ASSIGNMENT, f"--CourseDirectory.student_id_exclude={','.join(KERNEL_STUDENTS)}",
        *logged]).stderr}
    logs["autograde, kernel"] = timed("nbgrader autograde, run_kernel", [
        *nbgrader, "autograde", ASSIGNMENT, "--student", "kernel-*", "--ActgradeGrade.run_kernel=True",
        *logged]).stderr
    per_student = {**_seconds_per_student(logs["autograde"]), **_seconds_per_student(logs["autograde, kernel"])}
    validate = subprocess.run([*nbgrader, "validate", str(root / "validate" / "exercise2_sigmoid.ipynb")],
                              cwd=course_dir, env=env, capture_output=True, text=True, timeout=600)
    logs["validate"] = validate.stdout + validate.stderr
    logs["feedback"] = timed("nbgrader generate_feedback", [*nbgrader, "generate_feedback", ASSIGNMENT]).stderr
    timed("nbgrader export", [*nbgrader, "export"])

    # What `actgrade check` gives the same code, with the same seed (for the untouched
    # notebooks the same grading in this process: they only save time).
    t0 = time.perf_counter()
    reports: dict[tuple[str, str], dict] = {}
    for (student, exercise_id), nb in submitted.items():
        if student == "solutions":
            continue
        exercise = catalog.find(exercise_id)
        workspace = solutions_workspace(root / "workspaces" / student / exercise.id)
        (workspace / exercise.filename).write_text(_code_of(nb), encoding="utf-8")
        if student == "untouched":
            reports[student, exercise_id] = grading.grade(exercise, workspace, seed=SEED).to_json()
            continue
        result = subprocess.run([sys.executable, "-m", "actgrade", "check", exercise.id, "--workspace", str(workspace),
                                 "--seed", str(SEED), "--json"], env=env, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode in (0, 1), result.stderr
        reports[student, exercise_id] = json.loads(result.stdout)
    timings["actgrade check, same code"] = time.perf_counter() - t0

    from nbgrader.api import Gradebook

    cells: dict[tuple[str, str], dict[str, tuple[float, float]]] = {}
    printed: dict[tuple[str, str], dict[str, str]] = {}
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}", course_id=course_dir.name) as gradebook:
        for student, exercise_id in submitted:
            module = catalog.find(exercise_id).module
            found = gradebook.find_submission_notebook(module, ASSIGNMENT, student)
            cells[student, exercise_id] = {g.name: (g.score, g.max_score) for g in found.grades}
            graded = nbformat.read(str(course_dir / "autograded" / student / ASSIGNMENT / f"{module}.ipynb"),
                                   as_version=4)
            printed[student, exercise_id] = {
                _nbgrader_id(cell): "".join(o.get("text", "") for o in cell.outputs) for cell in graded.cells
                if cell.cell_type == "code"}
    with open(course_dir / "grades.csv", newline="") as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}

    timings["total"] = time.perf_counter() - started
    print(f"\nnbgrader end to end, {len(exercises)} notebooks "
          f"({', '.join(e.id for e in exercises)}), mistakes: {mistakes_used}")
    for label, seconds in timings.items():
        print(f"  {label:40s} {seconds:6.1f} s")
    for student, seconds in per_student.items():
        notebooks = sum(1 for who, _ in submitted if who == student)
        print(f"  autograde of {student!r:13s} {notebooks} notebook(s) {seconds:6.1f} s "
              f"({seconds / notebooks:.1f} s per notebook)")
    return {
        "dir": course_dir, "exercises": exercises, "submitted": submitted, "reports": reports, "cells": cells,
        "printed": printed, "grades": grades, "nbformat": nbformat, "timings": timings, "logs": logs,
    }


def _seconds_per_student(log: str) -> dict[str, float]:
    """From `autograde`'s log lines "<ms> Creating/updating student with ID 'x'": each student's share."""
    marks = [(int(ms), text) for ms, text in re.findall(r"^(\d+) (.*)$", log, re.MULTILINE)]
    starts = [(ms, m.group(1)) for ms, text in marks if (m := re.match(r"Creating/updating student with ID '([^']+)'",
                                                                        text))]
    end = marks[-1][0] if marks else 0
    return {student: ((starts[i + 1][0] if i + 1 < len(starts) else end) - ms) / 1000
            for i, (ms, student) in enumerate(starts)}


def test_solutions_student_gets_full_marks(course) -> None:
    row = course["grades"]["solutions"]
    assert float(row["score"]) == float(row["max_score"]) > 0
    for exercise in course["exercises"]:
        for name, (score, max_score) in course["cells"]["solutions", exercise.id].items():
            assert score == max_score, (exercise.id, name)


def test_every_notebook_scores_what_actgrade_check_gives_the_same_code(course) -> None:
    """Cell by cell. A speed check measures time, so on a busy machine it can fail in one
    run and pass in the other, in either grader: there (hint `slow`), the scores may differ."""
    for (student, exercise_id), report in course["reports"].items():
        graded = course["cells"][student, exercise_id]
        assert {name for name, (_, points) in graded.items() if points} == {
            f"test_{c['name']}" for c in report["checks"]}, (student, exercise_id)
        for check in report["checks"]:
            cell = f"test_{check['name']}"
            if graded[cell] == (check["points"], check["max_points"]):
                continue
            timing = "slow" in {h["category"] for h in check["hints"]} or "\n  slow: " in \
                course["printed"][student, exercise_id][cell]
            assert timing, (student, exercise_id, check, graded[cell], course["printed"][student, exercise_id][cell])


def test_each_mistake_costs_points_and_untouched_notebooks_score_zero(course) -> None:
    for exercise in course["exercises"]:
        mistaken = course["cells"]["mistakes", exercise.id]
        assert 0 <= sum(s for s, _ in mistaken.values()) < sum(m for _, m in mistaken.values()), exercise.id
        untouched = course["cells"]["untouched", exercise.id]
        assert all(score == 0 for score, _ in untouched.values()), exercise.id


def _uses(source: str) -> set[str]:
    """The learner names a test cell says it uses (its `# Uses your:` comment, maybe wrapped)."""
    lines = source.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("# Uses your:"):
            text = line[len("# Uses your:"):]
            for more in lines[index + 1:]:
                if not more.startswith("#   "):
                    break
                text += " " + more[1:]
            return {name.strip() for name in text.split(",")}
    return set()


def _autograded(course, student: str, exercise_id: str):
    module = catalog.find(exercise_id).module
    return course["nbformat"].read(str(course["dir"] / "autograded" / student / ASSIGNMENT / f"{module}.ipynb"),
                                   as_version=4)


def test_a_hang_costs_only_the_cells_that_run_the_hanging_code(course) -> None:
    by_id = {_nbgrader_id(cell): cell for cell in _autograded(course, "kernel-hang", "exercise1").cells}
    interrupted = [o for o in by_id["examples_relu_derivative"].outputs if o.output_type == "error"]
    assert interrupted, "the kernel should have run the worked examples and stopped them at the cell time limit"
    scores = course["cells"]["kernel-hang", "exercise1"]
    for cell_id, cell in by_id.items():
        if cell_id.startswith("test_"):
            assert any(o.output_type == "execute_result" for o in cell.outputs), cell_id
            if "relu_derivative" not in _uses(cell.source):
                assert scores[cell_id][0] == scores[cell_id][1] > 0, cell_id
            else:
                assert scores[cell_id][0] == 0, cell_id
    solved = course["cells"]["kernel-hang", "exercise4"]
    assert all(score == max_score for score, max_score in solved.values())


def test_tampering_with_the_kernel_scores_nothing(course) -> None:
    """The tampering cell ran in the kernel (run_kernel = True), and changed nothing."""
    cells = _autograded(course, "kernel-tamper", "exercise1").cells
    tampering = next(cell for cell in cells if "grade_cell = lambda" in cell.source)
    assert tampering.execution_count and not [o for o in tampering.outputs if o.output_type == "error"]
    scores = course["cells"]["kernel-tamper", "exercise1"]
    assert scores and all(score == 0 for score, _ in scores.values()), scores


def test_loading_the_reference_solution_scores_nothing(course, tmp_path: Path) -> None:
    """Both ways of loading the reference work in an ordinary process, so only the grading stops them."""
    import numpy as np

    scope: dict = {}
    exec(compile(REFERENCE_BY_FUNCTION, "<cell>", "exec"), scope)
    assert scope["sigmoid"](np.array([0.0])).tolist() == [0.5]
    for exercise_id in ("exercise1", "exercise2"):
        scores = course["cells"]["reference", exercise_id]
        assert scores and all(score == 0 for score, _ in scores.values()), (exercise_id, scores)


def test_validate_reports_a_failing_test_with_its_hint(course) -> None:
    """`nbgrader validate` on a sigmoid that overflows: the test fails, and says why."""
    text = " ".join(course["logs"]["validate"].split())
    assert "VALIDATION FAILED" in text, text[-3000:]
    assert "overflow encountered in exp" in text and "np.exp(-np.abs(x))" in text, text[-3000:]


def test_autograde_and_feedback_say_nothing_about_intact_cells(course) -> None:
    """No warning that a test cell's checksum changed (the release lacks its hidden part), none
    about options nbconvert gives every preprocessor."""
    for log in (course["logs"]["autograde"], course["logs"]["autograde, kernel"]):
        assert "has changed" not in log, log[-3000:]
    assert "not recognized" not in course["logs"]["feedback"], course["logs"]["feedback"][-3000:]


def test_feedback_shows_the_hints_and_hides_the_hidden_tests(course) -> None:
    """The untouched notebooks get the `not written yet` hint; `actgrade check` on the
    same code as a file stops earlier, at the release's top-level `raise` lines."""
    for exercise in course["exercises"]:
        for student in ("mistakes", "untouched", "solutions"):
            page = course["dir"] / "feedback" / student / ASSIGNMENT / f"{exercise.module}.html"
            text = page.read_text(encoding="utf-8")
            assert "grade_cell" not in text and "HIDDEN TESTS" not in text, page
            tests = [c for c in course["cells"][student, exercise.id]]
            assert text.count('class="actgrade-verdict"') == len(tests) > 0, page
            assert "Out[" not in text and "examples_" not in text, page  # no bare scores, no 0-point cells
            visible = _comparable(html.unescape(re.sub(r"<[^>]+>", " ", text)))
            assert "check again" not in visible and "actgrade hint" not in visible, page
            if student == "untouched":
                assert "not written yet" in visible, page
            if student != "mistakes":
                continue
            report = course["reports"][student, exercise.id]
            cells = course["cells"][student, exercise.id]
            # The hints' `code` spans are <code> elements there.
            rendered = _comparable(html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</?code>", "`", text))))
            for check in report["checks"]:
                score, points = cells[f"test_{check['name']}"]
                if check["passed"] or score == points:  # passed, here or there (a speed check)
                    continue
                hint = notebook_wording(check["hints"][0]["text"], exercise, graded=True)
                assert _comparable(hint) in rendered, (student, exercise.id, check["name"])


def test_task_text_renders_as_written(course) -> None:
    """A wrapped line of exercise 2's task that starts with `+` stays in its paragraph."""
    page = (course["dir"] / "feedback" / "solutions" / ASSIGNMENT / "exercise2_sigmoid.html").read_text()
    assert "softmax hidden + linear output: same result?)" in " ".join(page.split())
    assert not re.search(r"<li>\s*linear output", page)


def test_feedback_verdicts_fit_the_page(course, tmp_path: Path) -> None:
    """In a browser (headless Chromium), no verdict block is wider than the page: nothing to scroll."""
    import shutil

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no Chromium to render the feedback with")
    page = course["dir"] / "feedback" / "mistakes" / ASSIGNMENT / "exercise2_sigmoid.html"
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _OVERFLOW_PROBE + "</body>"),
                     encoding="utf-8")
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,800",
                          "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120).stdout
    counted, overflowing = re.search(r'data-verdicts="(\d+)"', dom), re.search(r'data-overflowing="([^"]*)"', dom)
    assert counted and overflowing, dom[-2000:]
    assert int(counted.group(1)) == len(course["cells"]["mistakes", "exercise2"])
    assert overflowing.group(1) == "", overflowing.group(1)


# Counts the verdict blocks, and lists those (or their output area) that scroll sideways.
_OVERFLOW_PROBE = """<script>
const verdicts = Array.from(document.querySelectorAll(".actgrade-verdict"));
const wide = verdicts.filter(v => [v, v.closest(".output_subarea")].some(
    e => e && e.scrollWidth > e.clientWidth + 1)).map(v => v.innerText.slice(0, 40));
document.body.setAttribute("data-verdicts", String(verdicts.length));
document.body.setAttribute("data-overflowing", wide.join("|"));
</script>"""


def _comparable(text: str) -> str:
    """Whitespace collapsed, and line numbers left out: the file's `line 40` is the
    notebook's `line 3 of cell [7]`, or `line 3 of the cell starting `def relu(x):``."""
    return re.sub(r"line \d+ of (cell \[\d+\]|your notebook|the cell starting `[^`]*`)", "line _",
                  " ".join(text.split()))


def test_release_notebooks_contain_no_solution(course) -> None:
    nbformat = course["nbformat"]
    for exercise in course["exercises"]:
        solution = (catalog.solutions_dir() / exercise.filename).read_text(encoding="utf-8").splitlines()
        answer, given, inside = set(), set(), False
        for line in solution:
            if line.strip() in ("# BEGIN SOLUTION", "# END SOLUTION"):
                inside = line.strip() == "# BEGIN SOLUTION"
            elif len(line.strip()) >= 16 and not line.strip().startswith("#"):
                (answer if inside else given).add(line.strip())
        answer -= given  # a docstring may show a line of the answer on purpose
        release = nbformat.read(str(course["dir"] / "release" / ASSIGNMENT / f"{exercise.module}.ipynb"),
                                as_version=4)
        text = "\n".join(cell.source for cell in release.cells)
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "grade_cell" not in text
        code = {line.strip() for cell in release.cells if cell.cell_type == "code"
                for line in cell.source.splitlines()}
        assert not answer & code, (exercise.id, sorted(answer & code)[:3])
