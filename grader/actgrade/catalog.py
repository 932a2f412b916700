"""Which exercises exist, where their files are, and how learners name them.

The solutions folder is the source of truth: every `exerciseN_<topic>.py` in
it is an exercise, titled by the first line of its docstring. Its hidden
tests, hints and plot live in the folder `actgrade/checks/exerciseN_<topic>/`:
an exercise is one solution file plus one folder. In a clone the solutions
and stubs are the repository's `solutions/` and `exercises/`; in an installed
wheel they are shipped inside the package as `actgrade/_data/`.
"""

from __future__ import annotations

import ast
import builtins
import importlib.util
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

_PACKAGE = Path(__file__).resolve().parent
_FILE_PATTERN = re.compile(r"^exercise(\d+)_([a-z_]+)\.py$")


class UnknownExercise(ValueError):
    """The learner named an exercise that does not exist."""


class NoHiddenTests(ValueError):
    """The exercise exists but has no folder of hidden tests, so it cannot be graded."""


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
        """The package of its hidden tests, hints and plot: `actgrade.checks.exercise3_softmax`."""
        return f"actgrade.checks.{self.module}"

    @property
    def has_checks(self) -> bool:
        return (_PACKAGE / "checks" / self.module / "__init__.py").is_file()


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


_OPENING = re.compile(r'^\s*(?:[rRuU])?("""|\'\'\')\s*(.+?)\s*$', re.MULTILINE)


def _title_of(path: Path) -> str:
    """The first line of the module docstring, read from the file's first lines (parsing the
    whole file for it on every command would cost more than the command itself)."""
    with path.open(encoding="utf-8") as handle:
        head = handle.read(400)
    match = _OPENING.match(head)
    first = match.group(2).rstrip('"\'').strip() if match else ""
    if not first:
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


def graded(names: Sequence[str] = ()) -> list[Exercise]:
    """The exercises named (any spelling; `1,4` and repeated names work), or every exercise that
    has hidden tests. Raises `UnknownExercise` or `NoHiddenTests`."""
    wanted = [part for value in names for part in value.replace(",", " ").split()]
    if not wanted:
        return [e for e in exercises() if e.has_checks]
    chosen: list[Exercise] = []
    for name in wanted:
        item = find(name)
        if not item.has_checks:
            raise NoHiddenTests(f"{item.id} has no hidden tests yet (no folder actgrade/checks/{item.module}), "
                                "so it cannot be graded")
        if item not in chosen:
            chosen.append(item)
    return sorted(chosen, key=lambda e: e.number)


# -- the reference solutions, imported in the grader's own process -------------------------------

_REFERENCES: dict[str, ModuleType] = {}
EXERCISE_MODULE = re.compile(r"^exercise\d+_[a-z_]+$")  # an exercise's module name


def reference_module(exercise: Exercise) -> ModuleType:
    """The reference solution of `exercise` (trusted code), imported once per process.

    It is loaded under the private name `actgrade.reference.<module>` without touching
    `sys.path` or the plain module names, so a notebook kernel's own `exercise2_sigmoid` and
    the reference never mix. A solution's `from exercise5_backprop import ...` is answered
    with the reference of that exercise.
    """
    if exercise.module in _REFERENCES:
        return _REFERENCES[exercise.module]
    path = solutions_dir() / exercise.filename
    spec = importlib.util.spec_from_file_location(f"actgrade.reference.{exercise.module}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    module.__builtins__ = {**vars(builtins), "__import__": _importing_references}
    _REFERENCES[exercise.module] = sys.modules[spec.name] = module  # (dataclasses look modules up)
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del _REFERENCES[exercise.module], sys.modules[spec.name]
        raise
    return module


def _importing_references(name: str, globals: dict | None = None, locals: dict | None = None,
                          fromlist: Sequence[str] = (), level: int = 0) -> ModuleType:
    """`__import__` for reference solutions: another exercise's module is its reference."""
    if level == 0 and EXERCISE_MODULE.match(name):
        return reference_module(find(name))
    return builtins.__import__(name, globals, locals, fromlist, level)
