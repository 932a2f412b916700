"""The workspace the sandbox imports for a notebook: the module built from the cells plus the
earlier exercises it may import; and the reference copies an nbgrader notebook's setup cell
puts on the kernel's path."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from actgrade.catalog import Exercise
from actgrade.notebook.cells import NotebookModule

# -- the workspace the sandbox imports ---------------------------------------------------------

def workspace_files(exercise: Exercise, module: NotebookModule) -> dict[str, str]:
    """File name -> text: the learner's module plus the earlier exercises it may import.

    An exercise module the kernel has imported is copied from where the kernel
    found it; the other earlier exercises come from the reference solutions.
    """
    from actgrade import catalog

    files = {exercise.filename: module.text}
    for other in catalog.exercises():
        if other.number == exercise.number:
            continue
        loaded = sys.modules.get(other.module)
        path = getattr(loaded, "__file__", None)
        if path and str(path).endswith(".py") and os.path.isfile(path):
            files[other.filename] = Path(path).read_text(encoding="utf-8")
        elif other.number < exercise.number:
            files[other.filename] = (catalog.solutions_dir() / other.filename).read_text(encoding="utf-8")
    return files


def reference_workspace(exercise: Exercise, module: NotebookModule) -> dict[str, str]:
    """File name -> text: the learner's module, and the reference solutions of the
    exercises before it (what a notebook of an nbgrader course is graded with)."""
    from actgrade import catalog

    files = {exercise.filename: module.text}
    for other in catalog.exercises():
        if other.number < exercise.number:
            files[other.filename] = (catalog.solutions_dir() / other.filename).read_text(encoding="utf-8")
    return files


def digest(exercise: Exercise, files: dict[str, str], seed: int) -> str:
    digest = hashlib.sha256(f"{exercise.module}\0{seed}".encode())
    for name in sorted(files):
        digest.update(f"\0{name}\0{files[name]}".encode())
    return digest.hexdigest()


def write_workspace(files: dict[str, str]) -> tempfile.TemporaryDirectory:
    folder = tempfile.TemporaryDirectory(prefix="actgrade-notebook-")
    for name, text in files.items():
        (Path(folder.name) / name).write_text(text, encoding="utf-8")
    return folder


_EARLIER: dict[int, Path] = {}


def provide_earlier_exercises(exercise: str) -> None:
    """Make the reference versions of the exercises before `exercise` importable.

    Used by the setup cell of a generated nbgrader notebook, so that
    `from exercise2_sigmoid import sigmoid` works in the kernel and the
    notebook is graded on its own: a mistake in an earlier exercise does not
    cost points here. The copies live in a temporary folder put first on
    `sys.path`; the exercise itself is not among them.
    """
    import importlib

    from actgrade import catalog

    item = catalog.find(exercise)
    folder = _EARLIER.get(item.number)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="actgrade-earlier-"))
        atexit.register(shutil.rmtree, folder, True)
        for other in catalog.exercises():
            if other.number < item.number:
                shutil.copyfile(catalog.solutions_dir() / other.filename, folder / other.filename)
        _EARLIER[item.number] = folder
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
