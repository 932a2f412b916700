"""One exercise, one home: every exercise is complete, and a new one is one solution file plus
one folder of hidden tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from actgrade import catalog
from helpers import ROOT

TOY_SOLUTION = '''"""Exercise 9: Tanh and its derivative

tanh squashes any number into (-1, 1).

- `tanh(x)`: the hyperbolic tangent of every element of x.
"""

import numpy as np


def tanh(x):
    """Return tanh of every element of x (an array of any shape)."""
    # BEGIN SOLUTION
    return np.tanh(x)
    # END SOLUTION
'''
TOY_CHECKS = '''"""Hidden tests of the toy exercise 9."""

import numpy as np

from actgrade.checks.core import Context, Submission, check, fail


@check(points=1)
def tanh_values(sub: Submission, ctx: Context) -> None:
    """tanh matches the reference on random inputs"""
    x = ctx.rng.normal(size=7)
    got = np.asarray(sub.tanh(x), dtype=float)
    if not np.allclose(got, ctx.ref.tanh(x)):
        fail("value", f"For x = {x.tolist()} your tanh gave {got.tolist()}.")
'''
TOY_HINTS = 'HINTS = ["tanh is in NumPy.", "np.tanh works on whole arrays.", "Return np.tanh(x)."]\n'
TOY_PLOT = '''"""Your tanh against the reference."""


def plot(learner, exercise, seed):
    raise NotImplementedError
'''


def test_dev_check_finds_every_exercise_complete() -> None:
    result = subprocess.run([sys.executable, "-m", "actgrade", "dev", "check", "--skip-mistakes"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(catalog.exercises())} exercises complete" in result.stdout


def _copy_of_the_tree(target: Path) -> Path:
    for part in ("grader", "solutions", "exercises"):
        shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "tests" / "mistakes", target / "tests" / "mistakes")
    return target


def test_a_ninth_exercise_is_one_solution_and_one_folder(tmp_path: Path) -> None:
    tree = _copy_of_the_tree(tmp_path / "tree")
    (tree / "solutions" / "exercise9_tanh.py").write_text(TOY_SOLUTION, encoding="utf-8")
    folder = tree / "grader" / "actgrade" / "checks" / "exercise9_tanh"
    folder.mkdir()
    for name, text in (("__init__.py", TOY_CHECKS), ("hints.py", TOY_HINTS), ("plot.py", TOY_PLOT)):
        (folder / name).write_text(text, encoding="utf-8")
    env = {**{k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"},
           "PYTHONPATH": str(tree / "grader"), "NO_COLOR": "1"}

    def actgrade(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "actgrade", *args], cwd=tree, env=env,
                              capture_output=True, text=True, timeout=300)

    made = subprocess.run([sys.executable, "-m", "actgrade.authoring"], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=120)
    assert "exercise9_tanh.py" in made.stdout, made.stdout + made.stderr
    listed = actgrade("list", "--workspace", "solutions")
    assert "exercise9" in listed.stdout and "Tanh and its derivative" in listed.stdout, listed.stderr
    graded = actgrade("check", "9", "--workspace", "solutions", "--json")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    report = json.loads(graded.stdout)
    assert report["exercise"] == "exercise9" and report["passed"] and report["score"] == 1
    stub = actgrade("check", "exercise9", "--workspace", "exercises", "--json")
    assert stub.returncode == 1 and json.loads(stub.stdout)["checks"][0]["hints"][0]["category"] == "not-implemented"
    hint = actgrade("hint", "9", "--level", "2")
    assert "np.tanh works on whole arrays." in hint.stdout

    incomplete = actgrade("dev", "check", "--skip-mistakes")
    assert incomplete.returncode == 1
    assert "exercise9: no mistake files" in incomplete.stdout
    mistake = tree / "tests" / "mistakes" / "exercise9_tanh" / "sine.py"
    mistake.parent.mkdir()
    mistake.write_text(textwrap.dedent('''\
        # expect: value
        import numpy as np


        def tanh(x):
            return np.sin(x)
        '''), encoding="utf-8")
    assert actgrade("dev", "check", "--skip-mistakes").returncode == 0


def test_the_catalog_finds_the_eight_exercises() -> None:
    """Many tests are parametrised over the catalog: if it found nothing, they would pass
    by running nothing."""
    assert [e.id for e in catalog.exercises()] == [f"exercise{n}" for n in range(1, 9)]
    assert all(e.has_checks for e in catalog.exercises())
    assert len(list((ROOT / "solutions").glob("exercise*_*.py"))) == 8
