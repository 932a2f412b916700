"""Which exercises exist, where their files are, and how learners name them.

The solutions folder is the source of truth: every `exerciseN_<topic>.py` in
it is an exercise, titled by the first line of its docstring. In a clone the
folders are the repository's `solutions/` and `exercises/`; in an installed
wheel they are shipped inside the package as `actgrade/_data/`.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_FILE_PATTERN = re.compile(r"^exercise(\d+)_([a-z_]+)\.py$")


class UnknownExercise(ValueError):
    """The learner named an exercise that does not exist."""


@dataclass(frozen=True)
class Exercise:
    number: int
    topic: str
    title: str

    @property
    def id(self) -> str:
        """The short name used in reports: `exercise3`."""
        return f"exercise{self.number}"

    @property
    def module(self) -> str:
        """The module (and file stem) name: `exercise3_softmax`."""
        return f"exercise{self.number}_{self.topic}"

    @property
    def filename(self) -> str:
        return f"{self.module}.py"

    @property
    def checks_module(self) -> str:
        return f"actgrade.checks.{self.module}"


def data_dir(kind: str) -> Path:
    """`solutions` or `exercises`: the shipped copy, else the repository's."""
    shipped = _PACKAGE / "_data" / kind
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parent.parent / kind


def solutions_dir() -> Path:
    return data_dir("solutions")


def stubs_dir() -> Path:
    return data_dir("exercises")


def _title_of(path: Path) -> str:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    first = docstring.strip().splitlines()[0] if docstring.strip() else path.stem
    # "Exercise 3: Softmax and its Jacobian" -> "Softmax and its Jacobian"
    return re.sub(r"^Exercise\s+\d+\s*[:.\-\u2014]\s*", "", first).strip()


@cache
def exercises() -> tuple[Exercise, ...]:
    """Every exercise, in order."""
    found = []
    for path in solutions_dir().glob("exercise*_*.py"):
        match = _FILE_PATTERN.match(path.name)
        if match:
            found.append(Exercise(int(match.group(1)), match.group(2), _title_of(path)))
    return tuple(sorted(found, key=lambda e: e.number))


def find(name: str) -> Exercise:
    """Accept `exercise3`, `3`, `softmax`, `exercise3_softmax` or the file name."""
    wanted = name.strip().lower().removesuffix(".py")
    for exercise in exercises():
        if wanted in {exercise.id, str(exercise.number), exercise.topic, exercise.module}:
            return exercise
    names = ", ".join(f"{e.id} ({e.topic})" for e in exercises())
    raise UnknownExercise(f"unknown exercise {name!r}. Choose one of: {names}.")
