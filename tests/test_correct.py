"""Correct answers written in other ways than the reference get full marks, on any seed and
however busy the machine is.

Each file in tests/correct/<exercise module>/ is a correct implementation in a common NumPy
idiom (np.heaviside, np.where with whole arrays, a masked copy, np.clip, the abs trick, ...),
patched over the reference solution like the files of tests/mistakes/.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from actgrade import catalog, grading
from actgrade.sandbox.runner import Sandbox
from helpers import directives, mistake_files, patched_workspace, solutions_workspace

CORRECT = sorted((Path(__file__).parent / "correct").glob("*/*.py"))
SPEED_CHECK = "vectorised_speed"
LOAD_SEEDS = (1, 2, 3, 4, 5)


def test_there_are_correct_variants_for_every_speed_check() -> None:
    with_speed = {e.module for e in catalog.exercises()
                  if any(c.name == SPEED_CHECK for c in grading.checks_for(e))}
    assert with_speed and with_speed <= {p.parent.name for p in CORRECT}


@pytest.mark.parametrize("path", CORRECT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_correct_variant_gets_full_marks(path: Path, tmp_path: Path) -> None:
    exercise = catalog.find(path.parent.name)
    workspace = patched_workspace(tmp_path / "ws", exercise.module, path.read_text(encoding="utf-8"))
    report = grading.grade(exercise, workspace, seed=12345)
    summary = [(c.name, c.passed, [(h.category, h.text[:200]) for h in c.hints]) for c in report.checks]
    assert report.passed and report.score == report.max_score, summary
    assert not any(h.category == "slow" for c in report.checks for h in c.hints), summary


def _speed_cases(tmp_path: Path) -> list[tuple[str, catalog.Exercise, Path, bool]]:
    """(label, exercise, workspace, should pass) for every file the speed check must judge."""
    cases = []
    for exercise in catalog.exercises():
        if any(c.name == SPEED_CHECK for c in grading.checks_for(exercise)):
            cases.append((f"{exercise.module}/reference", exercise,
                          solutions_workspace(tmp_path / exercise.module / "reference"), True))
    for path in CORRECT:
        cases.append((f"{path.parent.name}/{path.stem}", catalog.find(path.parent.name),
                      patched_workspace(tmp_path / path.parent.name / path.stem, path.parent.name,
                                        path.read_text(encoding="utf-8")), True))
    for path in mistake_files():
        source = path.read_text(encoding="utf-8")
        if SPEED_CHECK in directives(source).get("check", []):
            cases.append((f"{path.parent.name}/{path.stem}", catalog.find(path.parent.name),
                          patched_workspace(tmp_path / path.parent.name / path.stem, path.parent.name, source),
                          False))
    return cases


@pytest.fixture
def both_cores_busy():
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def test_speed_verdicts_do_not_change_while_both_cores_are_busy(tmp_path: Path, both_cores_busy) -> None:
    """Every correct variant and reference passes the speed check and every element loop fails it,
    on five seeds, while two busy loops compete for both cores."""
    cases = _speed_cases(tmp_path)
    assert sum(not ok for *_, ok in cases) >= 8  # the loop variants are there
    changed = []
    for label, exercise, workspace, should_pass in cases:
        with Sandbox(workspace) as sandbox:
            session = grading.Session(exercise, sandbox, LOAD_SEEDS[0])
            index = session.index_of(SPEED_CHECK)
            for seed in LOAD_SEEDS:
                session.seed = seed
                result = session.run(index)
                if result.passed != should_pass:
                    changed.append((label, seed, [h.text[:200] for h in result.hints]))
    assert changed == []
