"""Shared helpers for the project's tests: workspaces made of reference solutions with one
exercise replaced or patched, and the mistake files (see `actgrade.devtools`)."""

from __future__ import annotations

from pathlib import Path

from actgrade import devtools
from actgrade.devtools import directives, patched_workspace, solutions_workspace

__all__ = ["ROOT", "directives", "mistake_files", "patched_workspace", "solutions_workspace"]

ROOT = Path(__file__).resolve().parents[1]
MISTAKES = devtools.mistakes_dir(ROOT)


def mistake_files() -> list[Path]:
    return devtools.mistake_files(ROOT)
