"""Verdicts that do not depend on luck or load: seeds keyed by check name."""

from __future__ import annotations

from dataclasses import replace

from actgrade import catalog, grading
from actgrade.checks.core import Check
from actgrade.sandbox.runner import Sandbox


def _initial_states(checks: list[Check], seed: int) -> dict[str, object]:
    """The random state each check starts from, when `checks` run in this order."""
    exercise = catalog.find("exercise1")
    states: dict[str, object] = {}

    def recording(item: Check) -> Check:
        def run(sub, ctx) -> None:
            states[item.name] = ctx.rng.bit_generator.state["state"]["state"]

        return replace(item, run=run)

    with Sandbox(catalog.solutions_dir()) as sandbox:
        session = grading.Session(exercise, sandbox, seed)
        session.checks = [recording(item) for item in checks]
        for index in range(len(session.checks)):
            session.run(index)
    return states


def test_inserting_a_check_leaves_the_others_inputs_unchanged() -> None:
    original = grading.checks_for(catalog.find("exercise1"))
    assert len(original) >= 3
    extra = Check("a_new_check", "a check added later", 1.0, lambda sub, ctx: None)
    before = _initial_states(original, seed=1234)
    after = _initial_states([extra, *original[::-1]], seed=1234)  # added first, and the rest reordered
    assert set(after) == set(before) | {"a_new_check"}
    assert {name: after[name] for name in before} == before
    assert len(set(before.values())) == len(before)  # and every check has a stream of its own
    assert _initial_states(original, seed=1235) != before
