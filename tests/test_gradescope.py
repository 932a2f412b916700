"""`actgrade gradescope`: the autograder bundle, run as Gradescope runs it.

The bundle's `run_autograder` runs in a simulated root (a temp folder standing for
`/autograder`: the bundle unpacked in `source/`, the student's files in `submission/`), with this
Python standing for the one `setup.sh` installs, on three submissions of exercises 1 and 5: a
correct one, one with a mistake (in a subfolder, as a zip upload gives it) and one whose `relu`
never returns. Each must leave a results.json Gradescope accepts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from actgrade import __version__
from helpers import MISTAKES, patched_workspace, solutions_workspace

SEED = 11
MAX = {"exercise1": 7.0, "exercise5": 15.0}
TEST_KEYS = {"name", "number", "score", "max_score", "status", "output", "visibility"}


def make_root(base: Path, bundle: Path) -> Path:
    root = base / "autograder"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    (root / "submission").mkdir(parents=True)
    return root


def copy_files(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("exercise*_*.py"):  # all of them: exercise 5 imports the earlier ones
        (target / path.name).write_bytes(path.read_bytes())


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("gradescope")
    bundle = base / "autograder.zip"
    made = subprocess.run([sys.executable, "-m", "actgrade", "gradescope", str(bundle), "-e", "1,5", "--seed",
                           str(SEED)], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    work = base / "work"
    mistake = (MISTAKES / "exercise1_relu" / "derivative_one_at_zero.py").read_text(encoding="utf-8")
    hang = "def relu(x):\n    while True:\n        pass\n"
    sources = {
        "correct": (solutions_workspace(work / "correct"), ""),
        "mistaken": (patched_workspace(work / "mistaken", "exercise1_relu", mistake), "my-work"),
        "hanging": (patched_workspace(work / "hanging", "exercise1_relu", hang), ""),
    }
    runs = {}
    for name, (workspace, subfolder) in sources.items():  # the three at once, as three containers would
        root = make_root(base / name, bundle)
        copy_files(workspace, root / "submission" / subfolder)
        env = {**os.environ, "ACTGRADE_AUTOGRADER_ROOT": str(root), "ACTGRADE_PYTHON": sys.executable}
        runs[name] = (root, subprocess.Popen(["bash", str(root / "source" / "run_autograder")], cwd=root / "source",
                                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = {}
    for name, (root, process) in runs.items():
        _, stderr = process.communicate(timeout=240)
        assert process.returncode == 0, stderr
        results[name] = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    return {"bundle": bundle, "made": made, "results": results}


def test_the_bundle_holds_gradescopes_two_scripts(graded: dict) -> None:
    with zipfile.ZipFile(graded["bundle"]) as archive:
        assert sorted(archive.namelist()) == ["run_autograder", "setup.sh"]
        assert all(info.external_attr >> 16 & 0o111 for info in archive.infolist())  # executable
        setup = archive.read("setup.sh").decode()
        run = archive.read("run_autograder").decode()
    assert f'pip install --quiet "actgrade=={__version__}"' in setup
    assert "/autograder" in run and "results/results.json" in run and f"--seed {SEED}" in run
    assert f"with seed {SEED}" in graded["made"].stdout


def check_format(result: dict) -> None:
    assert result["visibility"] == "visible" and isinstance(result["output"], str)
    assert isinstance(result["execution_time"], int)
    tests = result["tests"]
    assert tests and all(set(t) == TEST_KEYS for t in tests)
    assert all(t["visibility"] == "visible" and t["output"] for t in tests)
    assert sum(t["max_score"] for t in tests) == sum(MAX.values())
    assert sum(t["score"] for t in tests) == result["score"]
    assert all(t["status"] == ("passed" if t["score"] == t["max_score"] else "failed") for t in tests)


def test_a_correct_submission_gets_full_marks(graded: dict) -> None:
    result = graded["results"]["correct"]
    check_format(result)
    assert result["score"] == sum(MAX.values())
    assert f"seed {SEED}" in result["output"]


def test_a_mistake_costs_its_checks_and_the_hint_is_the_feedback(graded: dict) -> None:
    result = graded["results"]["mistaken"]
    check_format(result)
    failed = [t for t in result["tests"] if t["status"] == "failed" and t["name"].startswith("exercise1 ")]
    assert failed and any("x >= 0" in t["output"] for t in failed)
    assert 0 < result["score"] < sum(MAX.values())


def test_a_hanging_submission_costs_one_time_limit(graded: dict) -> None:
    result = graded["results"]["hanging"]
    check_format(result)
    assert result["execution_time"] <= 20  # one 10 s limit for relu, not one per exercise that uses it
    relu = [t for t in result["tests"] if t["status"] == "failed" and t["name"].startswith("exercise1 ")]
    assert relu and all(t["output"].startswith("timeout:") for t in relu)
    later = [t for t in result["tests"] if t["status"] == "failed" and t["name"].startswith("exercise5 ")]
    assert later and all("uses `relu` from exercise1_relu.py" in t["output"] for t in later)
    assert 0 < result["score"] < sum(MAX.values())
