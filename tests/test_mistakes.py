"""Every hidden check must fail for a realistic wrong implementation.

Each file in tests/mistakes/<exercise module>/ holds one mistake: a few functions that replace
the reference's, and directives at the top saying which hint it must get (see
`actgrade.devtools`, which `actgrade dev check` runs too). The reference solutions themselves
pass every check (test_reference.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actgrade import devtools
from helpers import mistake_files


@pytest.mark.parametrize("path", mistake_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_mistake_gets_its_hint(path: Path) -> None:
    assert devtools.mistake_problems(path) == []


def test_there_are_mistake_files_for_every_exercise() -> None:
    from actgrade import catalog

    assert {p.parent.name for p in mistake_files()} == {e.module for e in catalog.exercises()}
    assert len(mistake_files()) >= 10 * len(catalog.exercises())
