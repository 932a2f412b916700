"""The hidden tests as pytest items, for instructors who write and debug checks with pytest.

    pytest --actgrade-workspace DIR [-k relu_values] [--actgrade-seed N]

collects every check of every exercise whose file is in DIR as one pytest item named
`exerciseN_<topic>.py::<check>`, runs it exactly as `actgrade check` does (the learner's code
in the sandbox, the same seed for every check), and reports a failure with the hint texts as
its message. Without `--actgrade-workspace` the plugin adds nothing. It is registered through
the `pytest11` entry point, so it is there wherever actgrade is installed; `actgrade check`
itself never imports pytest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actgrade import catalog

DEFAULT_SEED = 12345


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("actgrade", "actgrade hidden tests")
    group.addoption("--actgrade-workspace", metavar="DIR", default=None,
                    help="Collect the hidden checks of every exercise file in DIR as test items.")
    group.addoption("--actgrade-seed", metavar="N", type=int, default=DEFAULT_SEED,
                    help=f"The seed of the checks' inputs (default {DEFAULT_SEED}), as `actgrade check --seed`.")


def pytest_configure(config: pytest.Config) -> None:
    workspace = config.getoption("actgrade_workspace")
    if workspace and config.args_source != pytest.Config.ArgsSource.ARGS:
        config.args = [str(Path(workspace))]  # collect the workspace, not the project's testpaths


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    workspace = parent.config.getoption("actgrade_workspace")
    if not workspace or file_path.parent.resolve() != Path(workspace).resolve():
        return None
    try:
        exercise = catalog.find(file_path.name)
    except catalog.UnknownExercise:
        return None
    if not exercise.has_checks:
        return None
    return ExerciseFile.from_parent(parent, path=file_path, exercise=exercise)


class ExerciseFile(pytest.File):
    """A learner's exercise file: one item per hidden check, sharing one sandbox."""

    def __init__(self, *, exercise: catalog.Exercise, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.exercise = exercise
        self._grading: Any = None

    def collect(self) -> Iterator[CheckItem]:
        from actgrade import grading

        for index, item in enumerate(grading.checks_for(self.exercise)):
            yield CheckItem.from_parent(self, name=item.name, index=index)

    def grading_session(self) -> Any:
        """The grading session (the learner's module imported in a sandbox), opened once."""
        if self._grading is None:
            from actgrade import grading
            from actgrade.sandbox.runner import Sandbox

            sandbox = Sandbox(self.path.parent)
            self.addfinalizer(sandbox.close)
            self._grading = grading.Session(self.exercise, sandbox, self.config.getoption("actgrade_seed"))
        return self._grading


class CheckFailure(Exception):
    """A hidden check failed; its message is the hints the learner would read."""


class CheckItem(pytest.Item):
    def __init__(self, *, index: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.index = index

    def runtest(self) -> None:
        result = self.parent.grading_session().run(self.index)
        if not result.passed:
            raise CheckFailure("\n".join(f"{h.category}: {h.text}" for h in result.hints) or result.message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CheckFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.parent.exercise.id}: {self.name}"
