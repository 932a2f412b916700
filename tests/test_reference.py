"""Both directions of honesty: the reference passes every check, for any seed,
and an untouched stub fails with `not-implemented` only. Stubs are not stale."""

from __future__ import annotations

import pytest

from actgrade import authoring, catalog, grading

EXERCISES = [e.id for e in catalog.exercises()]
SEEDS = [0, 1, 2]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_passes_every_check(exercise_id: str, seed: int) -> None:
    exercise = catalog.find(exercise_id)
    report = grading.grade(exercise, catalog.solutions_dir(), seed=seed)
    failing = [(c.name, [h.text for h in c.hints]) for c in report.checks if not c.passed]
    assert report.passed and not failing, failing
    assert report.max_score > 0


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_stub_fails_with_not_implemented_only(exercise_id: str) -> None:
    exercise = catalog.find(exercise_id)
    report = grading.grade(exercise, catalog.stubs_dir(), seed=0)
    categories = {h.category for c in report.checks for h in c.hints}
    assert not report.passed and report.score == 0
    assert categories == {"not-implemented"}, [(c.name, [h.text for h in c.hints]) for c in report.checks]


def test_committed_stubs_are_up_to_date() -> None:
    for path, text in authoring.expected_stubs().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python -m actgrade.authoring"


def test_every_exercise_has_three_hint_levels() -> None:
    from actgrade import hints

    for exercise in catalog.exercises():
        for topic, levels in hints.topics_for(exercise).items():
            assert len(levels) == 3 and all(len(level) > 40 for level in levels), (exercise.id, topic)


def test_stub_generation_replaces_blocks() -> None:
    source = (
        "import numpy as np\n\n\ndef f(x):\n    \"\"\"Doc.\"\"\"\n    # BEGIN SOLUTION\n    return x\n"
        "    # END SOLUTION\n\n\n# BEGIN SOLUTION\n# STUB: ANSWER = None\nANSWER = 3\n# END SOLUTION\n"
    )
    stub = authoring.make_stub(source)
    assert "return x" not in stub and 'raise NotImplementedError("write f here")' in stub
    assert "ANSWER = None" in stub and "ANSWER = 3" not in stub
    with pytest.raises(authoring.MarkerError):
        authoring.make_stub("# BEGIN SOLUTION\nx = 1\n")
