"""Every hidden check must fail for a realistic wrong implementation.

Each file in tests/mistakes/<exercise module>/ holds one mistake: a few
functions that replace the reference's, and directives at the top:

    # expect: overflow          a failing check must carry this hint category
    # expect-warning: dead-relu a check (passing or not) must carry this category
    # check: sigmoid_values     the named check must be among the failing ones
    # seed: 7                   grade with this seed (default 12345)

The reference solutions themselves pass every check (test_reference.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actgrade import catalog, grading
from helpers import directives, mistake_files, patched_workspace


@pytest.mark.parametrize("path", mistake_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_mistake_gets_its_hint(path: Path, tmp_path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    wanted = directives(source)
    assert wanted.get("expect") or wanted.get("expect-warning"), f"{path} has no '# expect:' line"
    exercise = catalog.find(path.parent.name)
    workspace = patched_workspace(tmp_path / "ws", exercise.module, source)
    seed = int(wanted.get("seed", ["12345"])[0])
    report = grading.grade(exercise, workspace, seed=seed)

    failing = [c for c in report.checks if not c.passed]
    failing_categories = {h.category for c in failing for h in c.hints}
    all_categories = {h.category for c in report.checks for h in c.hints}
    summary = [(c.name, c.passed, [(h.category, h.text[:150]) for h in c.hints]) for c in report.checks]
    for category in wanted.get("expect", []):
        assert not report.passed, summary
        assert category in failing_categories, summary
    for category in wanted.get("expect-warning", []):
        assert category in all_categories, summary
    for name in wanted.get("check", []):
        assert name in {c.name for c in failing}, summary
    for check in failing:
        assert check.hints, f"failing check {check.name} carries no hint"
