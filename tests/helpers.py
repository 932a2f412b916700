"""Shared helpers for the project's tests: workspaces made of reference
solutions with one exercise replaced or patched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from actgrade import catalog

MISTAKES = Path(__file__).parent / "mistakes"
_DIRECTIVE = re.compile(r"^#\s*(expect|expect-warning|check|seed|expect-words|reject-words|in)\s*:\s*(.+?)\s*$",
                        re.MULTILINE)


def solutions_workspace(target: Path) -> Path:
    """A folder holding a copy of every reference solution."""
    target.mkdir(parents=True, exist_ok=True)
    for path in catalog.solutions_dir().glob("exercise*_*.py"):
        shutil.copyfile(path, target / path.name)
    return target


def patched_workspace(target: Path, module: str, patch: str) -> Path:
    """Solutions everywhere; `module` is the solution with `patch` appended
    (later definitions win, so the patch replaces the functions it defines)."""
    solutions_workspace(target)
    path = target / f"{module}.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n# --- one mistake ---\n" + patch, encoding="utf-8")
    return target


def directives(source: str) -> dict[str, list[str]]:
    """`# expect: overflow` style lines at the top of a mistake file."""
    found: dict[str, list[str]] = {}
    for key, value in _DIRECTIVE.findall(source):
        found.setdefault(key, []).append(value)
    return found


def mistake_files() -> list[Path]:
    return sorted(MISTAKES.glob("exercise*_*/*.py"))
