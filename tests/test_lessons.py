"""What the learner reads teaches without solving: no line of an answer in a stub or a hint, a
hint for every function, no grader-internal names, and `actgrade hint` starting from the check
that failed last."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from actgrade import authoring, catalog, grading, hints
from helpers import patched_workspace

EXERCISES = catalog.exercises()
# Words that mean nothing to a learner: the project's name for the question the exercises answer
# reads as "the random seed's question".
INSIDE_WORDS = ("seed question",)


def _solution(exercise: catalog.Exercise) -> str:
    return (catalog.solutions_dir() / exercise.filename).read_text(encoding="utf-8")


def _learner_functions(exercise: catalog.Exercise) -> list[str]:
    """The public functions whose body is an answer, and the answer constants."""
    tree = ast.parse(_solution(exercise))
    names = [node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]
    constants = [target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
                 if isinstance(target, ast.Name) and target.id.startswith("ANSWER_")]
    return names + constants


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_no_line_of_an_answer_appears_in_its_stub(exercise: catalog.Exercise) -> None:
    source = _solution(exercise)
    assert authoring.answer_lines(source), "the detector finds no answer line at all"
    stub = (catalog.stubs_dir() / exercise.filename).read_text(encoding="utf-8")
    assert authoring.answer_leaks(source, stub) == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_no_line_of_an_answer_appears_in_a_hint(exercise: catalog.Exercise) -> None:
    source = _solution(exercise)
    for topic, levels in hints.topics_for(exercise).items():
        for number, text in enumerate(levels, start=1):
            assert authoring.answer_leaks(source, text) == [], f"{topic}, level {number}"


def test_the_detector_sees_a_copied_line_through_its_layout() -> None:
    source = _solution(catalog.find("2"))
    sneaky = "Tip: np.where( x>=0 , 1 / (1+e),\n    e / (1 + e) ) does it."
    assert authoring.answer_leaks(source, sneaky) == ["np.where(x>=0,1/(1+e),e/(1+e))"]
    assert authoring.answer_leaks(source, "1 / (1 + exp(-x)) where x >= 0") == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_function_has_three_hint_levels_and_no_inside_words(exercise: catalog.Exercise) -> None:
    topics = hints.topics_for(exercise)
    assert set(_learner_functions(exercise)) <= set(topics), sorted(topics)
    check_names = {item.name for item in grading.checks_for(exercise)}
    stub = (catalog.stubs_dir() / exercise.filename).read_text(encoding="utf-8")
    for topic, levels in topics.items():
        assert len(levels) == 3 and all(len(level) > 40 for level in levels), topic
        for text in [*levels, stub]:
            assert not any(word in text.lower() for word in INSIDE_WORDS), topic
            assert not check_names & set(re.findall(r"\w+", text)), (topic, check_names & set(re.findall(r"\w+", text)))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "actgrade", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_hint_starts_from_the_check_that_failed_last(tmp_path: Path) -> None:
    patch = "def relu_derivative(x):\n    return (np.asarray(x) >= 0).astype(float)\n"
    workspace = patched_workspace(tmp_path / "ws", "exercise1_relu", patch)
    before = _run("hint", "1", "-w", str(workspace), cwd=tmp_path).stdout
    assert "on `relu`" in before and "Run `actgrade check exercise1` first" in before, before
    assert _run("check", "1", "-w", str(workspace), "--seed", "4", cwd=tmp_path).returncode == 1
    first = _run("hint", "1", "-w", str(workspace), cwd=tmp_path).stdout
    assert "failed first on: relu_derivative" in first and "Hint 1/3 on `relu_derivative`" in first, first
    second = _run("hint", "1", "-w", str(workspace), cwd=tmp_path).stdout
    assert "Hint 2/3 on `relu_derivative`" in second, second
    other = _run("hint", "1", "-w", str(workspace), "--on", "relu", cwd=tmp_path).stdout
    assert "Hint 2/3 on `relu`" in other, other  # each function keeps its own level (1 was shown first)
    with open(workspace / "exercise1_relu.py", "a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    changed = _run("hint", "1", "-w", str(workspace), cwd=tmp_path).stdout
    assert "You changed exercise1_relu.py since" in changed and "Hint 3/3 on `relu_derivative`" in changed
    unknown = _run("hint", "1", "-w", str(workspace), "--on", "sigmoid", cwd=tmp_path)
    assert unknown.returncode == 2 and "relu_derivative" in unknown.stderr
