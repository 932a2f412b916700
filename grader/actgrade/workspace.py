"""Where the learner's files are, and how to create or restore them."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from actgrade import catalog
from actgrade.catalog import Exercise

ENV_VARIABLE = "ACTGRADE_WORKSPACE"


class WorkspaceError(ValueError):
    """A missing workspace folder or exercise file, said in one sentence."""


def resolve(option: str | os.PathLike | None = None) -> Path:
    """The workspace folder: --workspace, else $ACTGRADE_WORKSPACE, else
    ./exercises when it exists, else the current folder.

    `solutions` names the shipped reference solutions when no such folder
    exists here, so `--workspace solutions` works from anywhere.
    """
    chosen = option if option is not None else os.environ.get(ENV_VARIABLE) or None
    if chosen is None:
        default = Path("exercises")
        return default.resolve() if default.is_dir() else Path.cwd()
    path = Path(chosen).expanduser()
    if not path.exists() and str(chosen) == "solutions":
        return catalog.solutions_dir()
    if not path.is_dir():
        raise WorkspaceError(
            f"workspace folder {str(chosen)!r} does not exist. "
            "Create one with `actgrade init DIR`, or pass --workspace with the folder "
            "that holds your exerciseN_<topic>.py files."
        )
    return path.resolve()


def exercise_file(workspace: Path, exercise: Exercise) -> Path:
    """The learner's file for `exercise`, or a WorkspaceError that says what to do."""
    path = workspace / exercise.filename
    if not path.is_file():
        raise WorkspaceError(
            f"{exercise.filename} is not in {workspace}. "
            f"Run `actgrade init` to create the exercise files, or `actgrade reset {exercise.id}` "
            "to restore this one, or pass --workspace with the right folder."
        )
    return path


def init(directory: Path) -> list[Path]:
    """Copy every stub into `directory`; existing files are left untouched."""
    directory.mkdir(parents=True, exist_ok=True)
    created = []
    for exercise in catalog.exercises():
        target = directory / exercise.filename
        if not target.exists():
            shutil.copyfile(catalog.stubs_dir() / exercise.filename, target)
            created.append(target)
    return created


def reset(workspace: Path, exercise: Exercise) -> tuple[Path, Path | None]:
    """Restore one stub; the learner's version is kept as a timestamped backup."""
    target = workspace / exercise.filename
    backup = None
    if target.exists():
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = workspace / f"{exercise.module}.backup-{stamp}.py"
        counter = 1
        while backup.exists():
            backup = workspace / f"{exercise.module}.backup-{stamp}-{counter}.py"
            counter += 1
        shutil.copyfile(target, backup)
    shutil.copyfile(catalog.stubs_dir() / exercise.filename, target)
    return target, backup
