"""Grading a submitted notebook from its source, and the test cells' visible check.

Fast tests, without a kernel or an nbgrader run: how a notebook's cells are
read (which cells are tests, which check and seed they name, which cells are
the learner's code), that grading from the source scores exactly what
`grading.grade` gives the same code, the visible self-check, the task text as
Markdown, and the pipelines the generated `nbgrader_config.py` sets.
tests/test_nbgrader.py runs all of it with the real nbgrader.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

from actgrade import catalog, grading, notebook
from actgrade.classroom import autograde
from actgrade.classroom.notebooks import task_markdown
from actgrade.notebook.cells import module_from_cells
from actgrade.notebook.wording import TEXT_WIDTH, notebook_wording
from helpers import solutions_workspace

SEED = 4321
NAIVE_SIGMOID = "def sigmoid(x):\n    return 1.0 / (1.0 + np.exp(-x))\n"


def _cell(source: str, cell_type: str = "code", **nbgrader) -> dict:
    cell = {"cell_type": cell_type, "source": source, "metadata": {}}
    if nbgrader:
        cell["metadata"]["nbgrader"] = nbgrader
    if cell_type == "code":
        cell["outputs"], cell["execution_count"] = [], None
    return cell


def _test_cell(check: str, points: float, seed: int = SEED, exercise: str = "exercise2") -> dict:
    source = (f"# Test: {check}\nfrom actgrade.notebook import self_check\n\n"
              f'verdict = self_check("{exercise}", "{check}", globals())\nassert verdict.passed, verdict.message\n'
              f"### BEGIN HIDDEN TESTS\nfrom actgrade.notebook import grade_cell\n\n"
              f'grade_cell("{exercise}", "{check}", globals(), seed={seed}, points={points!r})\n'
              "### END HIDDEN TESTS")
    return _cell(source, grade=True, grade_id=f"test_{check}", locked=True, points=points, solution=False)


def _submitted(answer: str) -> dict:
    """An exercise 2 notebook: the reference's code, with `answer` in a cell of its own, and its tests."""
    reference = (catalog.solutions_dir() / "exercise2_sigmoid.py").read_text(encoding="utf-8")
    checks = grading.checks_for(catalog.find("exercise2"))
    return {"cells": [
        _cell("# Exercise 2", "markdown", grade=False, grade_id="task", locked=True, solution=False),
        _cell(reference, grade=False, grade_id="sigmoid", locked=False, solution=True),
        _cell(answer),
        _cell(f"{notebook.EXAMPLES_HEADER} from the docstring\nassert sigmoid(0.0) == 0.5",
              grade=False, grade_id="examples_sigmoid", locked=True, solution=False),
        *[_test_cell(item.name, float(item.points)) for item in checks],
    ]}


def test_test_cells_name_their_check_and_seed_in_the_hidden_part() -> None:
    nb = _submitted("")
    found = autograde.graded_cells(nb)
    assert [c.check for c in found] == [c.name for c in grading.checks_for(catalog.find("exercise2"))]
    assert {(c.exercise, c.seed) for c in found} == {("exercise2", SEED)} and found[0].index == 4
    assert autograde.hidden_call("actgrade.notebook.grade_cell('exercise1', 'relu_values', seed=3)") == \
        ("exercise1", "relu_values", 3)
    for source in ("grade_cell('exercise1', 'relu_values', seed=SEED)", "grade_cell(name, 'x', seed=1)",
                   "grade_cell('exercise1', 'relu_values')", "self_check('exercise1', 'relu_values')", "def f(:"):
        assert autograde.hidden_call(source) is None, source
    foreign = _cell("assert relu(1.0) == 1.0", grade=True, grade_id="mine", locked=True, points=1, solution=False)
    assert autograde.is_foreign_test_cell(foreign) and not autograde.is_graded_cell(foreign)


def test_the_learners_code_is_every_cell_that_is_not_graded() -> None:
    nb = _submitted(NAIVE_SIGMOID)
    cells = autograde.learner_cells(nb)
    assert len(cells) == 3 and all("grade_cell" not in source for _, source in cells)
    assert cells[1][0] == "the cell starting `def sigmoid(x):`"
    module = module_from_cells(cells)
    assert "assert sigmoid(0.0)" not in module.text  # the worked examples are left out
    line = module.text.splitlines().index("    return 1.0 / (1.0 + np.exp(-x))") + 1
    assert module.where(line) == "line 2 of the cell starting `def sigmoid(x):`"
    assert autograde.cell_label("# a comment\n\nx = " + "1 + " * 30).endswith("...`")


def test_grading_from_the_source_scores_what_grading_the_file_gives(tmp_path: Path) -> None:
    nb = _submitted(NAIVE_SIGMOID)
    graded = autograde.grade_notebook(nb)
    workspace = solutions_workspace(tmp_path / "ws")
    module = module_from_cells(autograde.learner_cells(nb))
    (workspace / "exercise2_sigmoid.py").write_text(module.text, encoding="utf-8")
    report = grading.grade(catalog.find("exercise2"), workspace, seed=SEED)
    by_check = {c.check: graded.verdicts[c.index] for c in autograde.graded_cells(nb)}
    assert {name: v.earned for name, v in by_check.items()} == {c.name: c.points for c in report.checks}
    assert graded.isolation in ("strict", "basic")
    overflow = by_check["sigmoid_stable"]
    assert not overflow.passed and overflow.earned == 0 and overflow.hints[0][0] == "overflow"
    assert "line 2 of the cell starting `def sigmoid(x):`" in overflow.hints[0][1]
    outputs = autograde.cell_outputs(overflow)
    assert [o["output_type"] for o in outputs] == ["stream", "execute_result"]
    assert outputs[0]["text"].startswith("FAIL  ") and outputs[1]["data"]["text/plain"] == "0.0"
    assert max(len(line) for line in outputs[0]["text"].splitlines()) <= TEXT_WIDTH


def test_a_missing_check_scores_zero_and_says_so() -> None:
    nb = {"cells": [_cell("def relu(x):\n    return x\n"), _test_cell("no_such_check", 2.0, exercise="exercise1")]}
    verdict = autograde.grade_notebook(nb).verdicts[1]
    assert verdict.earned == 0 and "does not exist in the installed version" in verdict.text


def test_the_visible_check_fails_with_the_hint_and_stays_quiet_while_autograding(tmp_path: Path, capsys,
                                                                                  monkeypatch) -> None:
    source = (catalog.solutions_dir() / "exercise2_sigmoid.py").read_text(encoding="utf-8")
    path = tmp_path / "notebook_of_exercise2.py"
    path.write_text(source + "\n\n" + NAIVE_SIGMOID, encoding="utf-8")
    namespace = {"__file__": str(path)}
    verdict = notebook.self_check("exercise2", "sigmoid_stable", namespace)
    printed = capsys.readouterr().out
    assert not verdict and "overflow" in verdict.message and "np.exp(-np.abs(x))" in verdict.message
    first, *rest = verdict.message.splitlines()
    assert len("AssertionError: " + first) <= TEXT_WIDTH
    assert all(len(line) <= TEXT_WIDTH for line in rest)
    assert printed.startswith("FAIL  ") and "example inputs" in printed
    assert notebook.self_check("exercise2", "sigmoid_values", namespace).passed
    capsys.readouterr()
    monkeypatch.setitem(os.environ, "NBGRADER_EXECUTION", "autograde")
    assert notebook.self_check("exercise2", "sigmoid_stable", namespace).passed
    assert capsys.readouterr().out == ""


def test_graded_hints_give_no_advice_to_run_the_check_again() -> None:
    exercise = catalog.find("exercise1")
    text = ("`relu` is not written yet: it still raises NotImplementedError. Replace the `raise "
            "NotImplementedError` line in exercise1_relu.py with your code, then run the check again. "
            "`actgrade hint` gives a first nudge.")
    assert notebook_wording(text, exercise, graded=True).endswith("line in your notebook with your code.")
    assert notebook_wording(text, exercise).endswith("with your code, then run this cell again.")


def test_task_text_renders_as_written() -> None:
    """A wrapped line that starts with `+` stays in its paragraph; the docstrings' lists stay lists."""
    mistune = pytest.importorskip("mistune")
    for exercise in catalog.exercises():
        doc = ast.get_docstring(ast.parse((catalog.solutions_dir() / exercise.filename).read_text()))
        rendered = mistune.html(task_markdown(doc))
        items = re.findall(r"<li>\s*(.{0,30})", rendered)
        assert not any(item.startswith(("linear output", "\\")) for item in items), exercise.id
        written = [line for line in doc.splitlines() if re.match(r"^([-*]|\d+\.) ", line)]
        assert len(items) == len(written), (exercise.id, items, written)
    assert "softmax hidden\n\\+ linear output" in task_markdown(
        ast.get_docstring(ast.parse((catalog.solutions_dir() / "exercise2_sigmoid.py").read_text())))


def test_the_config_puts_actgrade_in_nbgraders_default_pipelines(tmp_path: Path) -> None:
    """nbgrader's own steps, in its order: Execute replaced by ActgradeKernel, ActgradeGrade last
    before SaveAutoGrades, OverwriteCells by ActgradeOverwriteCells."""
    pytest.importorskip("nbgrader")
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import Execute, OverwriteCells, SaveAutoGrades
    from traitlets.config.loader import PyFileConfigLoader

    from actgrade.classroom import course, preprocessor

    config_file = tmp_path / "nbgrader_config.py"
    config_file.write_text(course.CONFIG_TEMPLATE.format(marker=course.CONFIG_MARKER, course_id="c",
                                                         test_timeout=120, timeout=30), encoding="utf-8")
    config = PyFileConfigLoader(config_file.name, path=str(tmp_path)).load_config()
    default = list(Autograde.class_traits()["autograde_preprocessors"].default())
    expected = [preprocessor.ActgradeKernel if step is Execute else step for step in default]
    expected.insert(expected.index(SaveAutoGrades), preprocessor.ActgradeGrade)
    assert config.Autograde.autograde_preprocessors == expected
    sanitize = [preprocessor.ActgradeOverwriteCells if step is OverwriteCells else step
                for step in Autograde.class_traits()["sanitize_preprocessors"].default()]
    assert config.Autograde.sanitize_preprocessors == sanitize
    assert config.ActgradeGrade.run_kernel is False
    assert issubclass(preprocessor.ActgradeKernel, Execute) and issubclass(preprocessor.ActgradeOverwriteCells,
                                                                            OverwriteCells)


def test_the_release_copy_of_a_test_cell_is_its_source_without_the_hidden_part() -> None:
    pytest.importorskip("nbgrader")
    from actgrade.classroom.preprocessor import without_region

    source = _test_cell("sigmoid_stable", 2.0)["source"]
    visible = without_region(source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    assert visible is not None and "grade_cell" not in visible and "self_check" in visible
    assert without_region("x = 1", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS") is None


def test_the_hidden_seed_is_never_the_visible_one() -> None:
    from actgrade.classroom.course import CourseError, choose_seed

    with pytest.raises(CourseError, match="visible inputs"):
        choose_seed(notebook.VISIBLE_SEED)
    assert choose_seed(7) == 7 and choose_seed(None) != notebook.VISIBLE_SEED
