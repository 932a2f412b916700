"""Every hidden check must fail for a realistic wrong implementation.

Each file in tests/mistakes/<exercise module>/ holds one mistake: a few
functions that replace the reference's, and directives at the top:

    # expect: overflow          a failing check must carry this hint category
    # expect-warning: dead-relu a check (passing or not) must carry this category
    # check: sigmoid_values     the named check must be among the failing ones
    # seed: 7                   grade with this seed (default 12345)
    # expect-words: np.outer; flattens
    #                           phrases the hints of the first named check (else of the first
    #                           failing check) must contain: the words that name the real cause
    # reject-words: keepdims    phrases they must not contain: a wrong diagnosis that once came
    # in: exercise2_sigmoid     the mistake is in this earlier exercise's file; the folder's
    #                           exercise is graded (its hint must say which exercise to fix)

The reference solutions themselves pass every check (test_reference.py). No hint of any report
names a check (learners never see check names) or speaks of "the seed question".
"""

from __future__ import annotations

import re
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
    patched = wanted.get("in", [exercise.module])[0]
    workspace = patched_workspace(tmp_path / "ws", patched, source)
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
    named = [c for c in failing if c.name in wanted.get("check", [])[:1]] or failing[:1]
    told = " ".join(h.text for c in named for h in c.hints)
    for phrases in wanted.get("expect-words", []):
        for phrase in phrases.split(";"):
            assert phrase.strip() in told, (phrase.strip(), told)
    for phrases in wanted.get("reject-words", []):
        for phrase in phrases.split(";"):
            assert phrase.strip() not in told, (phrase.strip(), told)
    check_names = {c.name for c in report.checks}
    for check in report.checks:
        for hint in check.hints:
            assert not check_names & set(re.findall(r"\w+", hint.text)), (check.name, hint.text)
            assert "seed question" not in hint.text.lower(), (check.name, hint.text)
