"""The hidden tests run under pytest for instructors: `pytest --actgrade-workspace DIR`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from actgrade import catalog, grading
from helpers import ROOT, patched_workspace


def run_pytest(workspace: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--actgrade-workspace",
                           str(workspace), *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_every_check_is_an_item_and_the_reference_passes_them_all(tmp_path: Path) -> None:
    result = run_pytest(ROOT / "solutions", cwd=tmp_path)
    total = sum(len(grading.checks_for(e)) for e in catalog.exercises())
    assert result.returncode == 0, result.stdout[-2000:]
    assert f"{total} passed" in result.stdout


def test_a_mistake_fails_with_its_hint_and_k_selects_checks(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "mistakes" / "exercise2_sigmoid" / "naive_formula.py").read_text(encoding="utf-8")
    workspace = patched_workspace(tmp_path / "ws", "exercise2_sigmoid", source)
    result = run_pytest(workspace, "-k", "sigmoid_stable or (relu_values and not leaky)", cwd=tmp_path)
    assert result.returncode == 1
    assert "1 failed, 1 passed" in result.stdout  # relu_values of exercise 1 passes
    assert "exercise2_sigmoid.py::sigmoid_stable" in result.stdout
    assert "overflow: " in result.stdout and "Traceback" not in result.stdout


def test_without_the_option_the_plugin_collects_nothing(tmp_path: Path) -> None:
    (tmp_path / "exercise1_relu.py").write_text("def relu(x):\n    return x\n")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "no tests ran" in result.stdout
