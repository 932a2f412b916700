"""A plain wheel carries the stubs and solutions, so `actgrade init` and
`--workspace solutions` work for a learner who never cloned the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, timeout=300)
    wheel = next(out.glob("actgrade-*.whl"))
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run_from(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    code = "import sys; sys.path.insert(0, sys.argv.pop(1)); from actgrade.cli import main; main()"
    env = {k: v for k, v in os.environ.items() if k not in ("ACTGRADE_WORKSPACE", "PYTHONPATH")}
    return subprocess.run([sys.executable, "-c", code, str(site), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_wheel_ships_stubs_and_solutions(unpacked_wheel: Path, tmp_path: Path) -> None:
    data = unpacked_wheel / "actgrade" / "_data"
    assert sorted(p.name for p in (data / "exercises").glob("exercise*.py")) == \
        sorted(p.name for p in (ROOT / "exercises").glob("exercise*.py"))
    result = run_from(unpacked_wheel, "init", "work", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    stub_text = (ROOT / "exercises" / "exercise1_relu.py").read_text()
    assert (tmp_path / "work" / "exercise1_relu.py").read_text() == stub_text
    stub = run_from(unpacked_wheel, "check", "1", "--json", cwd=tmp_path / "work")
    assert stub.returncode == 1 and '"not-implemented"' in stub.stdout
    solutions = run_from(unpacked_wheel, "check", "1", "--workspace", "solutions", cwd=tmp_path)
    assert solutions.returncode == 0, solutions.stdout + solutions.stderr
