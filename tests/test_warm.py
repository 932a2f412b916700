"""Warm sandboxes: children forked from the worker's template are confined exactly as fresh ones,
hold nothing of the grader, and grade the same.

The grader process here holds what learner code must never see (hidden tests and reference
solutions loaded, a secret in its environment); the learner functions below report what a warm
child can see and do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from actgrade import catalog, grading
from actgrade.sandbox import confine
from actgrade.sandbox.guards import child_environment
from actgrade.sandbox.runner import Sandbox
from actgrade.sandbox.warm import WarmLauncher

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or confine.landlock_abi() < 6,
                                reason="warm children and strict isolation need Linux with Landlock 6+")

SECRET = "warm-template-secret-4711"
PROBE = '''
import os, signal, sys
import numpy as np


def seen():
    return {"modules": sorted(sys.modules), "environment": dict(os.environ), "cwd": os.getcwd(),
            "random": float(np.random.random())}


def attempt(what):
    try:
        if what == "read-reference":
            open(SOLUTION).read()
        elif what == "fork":
            pid = os.fork()
            if pid == 0:
                os._exit(0)
        elif what == "kill-parent":
            os.kill(os.getppid(), signal.SIGKILL)
        elif what == "kill-grader":
            os.kill(GRADER, signal.SIGSTOP)
        return "done"
    except OSError as error:
        return type(error).__name__
'''


@pytest.fixture
def launcher():
    warm = WarmLauncher()
    yield warm
    warm.close()


def probe_workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "student"
    folder.mkdir()
    solution = catalog.solutions_dir() / "exercise1_relu.py"
    (folder / "probe.py").write_text(f"SOLUTION = {str(solution)!r}\nGRADER = {os.getpid()}\n" + PROBE)
    return folder


def warm_sandbox(folder: Path, launcher: WarmLauncher) -> Sandbox:
    sandbox = Sandbox(folder, isolation="strict")
    sandbox.launcher = launcher
    sandbox.ensure_isolation()
    assert sandbox.import_module("probe").ok
    return sandbox


def test_a_warm_child_holds_nothing_of_the_grader(tmp_path: Path, launcher: WarmLauncher,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_TOKEN", SECRET)
    grading.checks_for(catalog.find("1"))  # the grader now holds the hidden tests ...
    catalog.reference_module(catalog.find("1"))  # ... and a reference solution
    with warm_sandbox(probe_workspace(tmp_path), launcher) as sandbox:
        assert sandbox._process.launcher is launcher  # forked from the template, not a fresh interpreter
        seen = sandbox.call("probe", "seen").value
        work = str(sandbox._work)
    grader_modules = [m for m in seen["modules"] if m.startswith("actgrade.") and not m.startswith("actgrade.sandbox")]
    assert not grader_modules  # only the package's version line and the sandbox's own modules
    assert "actgrade.sandbox.runner" not in seen["modules"]
    assert seen["environment"] == child_environment(Path(work))
    assert SECRET not in repr(seen) and seen["cwd"] == work


def test_a_warm_child_is_confined_as_strictly_as_a_fresh_one(tmp_path: Path, launcher: WarmLauncher) -> None:
    folder = probe_workspace(tmp_path)
    with warm_sandbox(folder, launcher) as sandbox:
        assert sandbox.isolation["level"] == "strict", sandbox.isolation
        results = {what: sandbox.call("probe", "attempt", (what,)).value
                   for what in ("read-reference", "fork", "kill-parent", "kill-grader")}
    assert results == {"read-reference": "PermissionError", "fork": "PermissionError",
                       "kill-parent": "PermissionError", "kill-grader": "PermissionError"}
    with warm_sandbox(folder, launcher) as again:  # the template is unharmed and serves the next one
        first = again.call("probe", "seen").value["random"]
    with warm_sandbox(folder, launcher) as third:
        assert third.call("probe", "seen").value["random"] != first  # each child its own random state


def test_warm_children_grade_as_fresh_ones(launcher: WarmLauncher) -> None:
    for exercise in (catalog.find("1"), catalog.find("3")):
        fresh = grading.grade(exercise, catalog.solutions_dir(), seed=21)
        sandbox = Sandbox(catalog.solutions_dir())
        sandbox.launcher = launcher
        with sandbox:
            warm = grading.grade(exercise, catalog.solutions_dir(), seed=21, sandbox=sandbox)
        assert warm.to_json()["checks"] == fresh.to_json()["checks"]
        assert warm.isolation == fresh.isolation


def test_a_warm_child_dies_with_its_grader(tmp_path: Path) -> None:
    folder = tmp_path / "spinner"
    folder.mkdir()
    (folder / "spin.py").write_text("def spin():\n    while True:\n        pass\n")
    grader = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        from actgrade.sandbox.runner import Sandbox
        from actgrade.sandbox.warm import WarmLauncher
        sandbox = Sandbox({str(folder)!r}, timeout=600)
        sandbox.launcher = WarmLauncher()
        sandbox.import_module("spin", timeout=60)
        print(sandbox._process.pid, sandbox.launcher._process.pid, flush=True)
        sandbox.call("spin", "spin", timeout=600)
        """)], stdout=subprocess.PIPE, text=True)
    child, template = (int(pid) for pid in grader.stdout.readline().split())
    time.sleep(0.3)
    grader.kill()
    grader.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (_alive(child) or _alive(template)):
        time.sleep(0.05)
    assert not _alive(child) and not _alive(template)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
