"""`actgrade watch`: the loop on its own, and the real command reacting to a save."""

from __future__ import annotations

import io
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rich.console import Console

from actgrade import catalog, state
from actgrade.watch import CLEAR_SCREEN, Checker, changed_exercises, exercise_for, starting_exercise, watch_loop
from helpers import solutions_workspace


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
    env.update({"NO_COLOR": "1", **extra})
    return env


def test_changed_file_names_map_to_exercises(tmp_path: Path) -> None:
    (tmp_path / "exercise1_relu.py").write_text("")
    (tmp_path / "exercise3_softmax.py").write_text("")
    assert exercise_for(tmp_path / "exercise3_softmax.py", tmp_path) == catalog.find("3")
    ignored = [
        "exercise1_relu.backup-20250101-120000.py",  # `actgrade reset` keeps these
        "exercise1_relu.backup-20250101-120000-1.py",
        ".exercise1_relu.py.swp", "exercise1_relu.py~", "#exercise1_relu.py#", ".#exercise1_relu.py",
        "exercise1_relu.py.tmp", "exercise1_sigmoid.py", "exercise99_nothing.py", "notes.py",
        ".actgrade/state.json",
    ]
    for name in ignored:
        assert exercise_for(tmp_path / name, tmp_path) is None, name
    assert exercise_for(tmp_path / "sub" / "exercise1_relu.py", tmp_path) is None
    changes = {(2, str(tmp_path / "exercise3_softmax.py")), (1, str(tmp_path / "exercise1_relu.py")),
               (2, str(tmp_path / "exercise1_relu.py")), (3, str(tmp_path / "exercise2_sigmoid.py"))}
    # exercise2's file does not exist (deleted): nothing to check
    assert [e.id for e in changed_exercises(changes, tmp_path)] == ["exercise1", "exercise3"]


def test_loop_checks_each_saved_exercise_and_records_it(tmp_path: Path) -> None:
    workspace = solutions_workspace(tmp_path / "ws")
    saved = str(workspace / "exercise1_relu.py")
    change_sets = [
        {(2, str(workspace / "exercise1_relu.backup-20250101-120000.py"))},
        {(2, str(workspace / ".actgrade" / "state.json"))},
        {(2, saved), (1, saved)},
    ]
    buffer = io.StringIO()
    checker = Checker(workspace, seed=5)
    try:
        checks = watch_loop(change_sets, workspace, checker, Console(file=buffer, width=120))
    finally:
        checker.close()
    text = buffer.getvalue()
    assert checks == 1
    assert text.count("exercise1: ") == 1 and "seed 5" in text and "all checks passed" in text, text
    assert "actgrade solution exercise1" in text
    assert state.ever_passed(workspace, "exercise1")
    assert state.recorded_result(workspace, "exercise1", state.file_digest(workspace / "exercise1_relu.py"))


def test_one_seed_per_session_a_cleared_screen_and_no_check_of_unchanged_content(tmp_path: Path) -> None:
    workspace = solutions_workspace(tmp_path / "ws")
    path = workspace / "exercise1_relu.py"
    saved = {(2, str(path))}

    def change_sets():
        yield saved
        yield saved  # the editor wrote the same bytes again: nothing new to check
        path.write_text(path.read_text() + "\n# edited\n")
        yield saved

    buffer = io.StringIO()
    checker = Checker(workspace)  # no --seed: the session picks one
    try:
        checks = watch_loop(change_sets(), workspace, checker,
                            Console(file=buffer, width=120, force_terminal=True, color_system=None))
    finally:
        checker.close()
    text = buffer.getvalue()
    assert checks == 2, text
    assert text.count(CLEAR_SCREEN) == 2
    seeds = {int(found) for found in re.findall(r"seed (\d+) \(replay", text)}
    assert seeds == {checker.seed}, text  # the same inputs at every save of the session


def test_the_first_check_is_of_the_file_saved_last(tmp_path: Path) -> None:
    init = subprocess.run([sys.executable, "-m", "actgrade", "init", str(tmp_path / "ws")], capture_output=True,
                          text=True, env=_env(), timeout=120)
    assert init.returncode == 0, init.stderr
    workspace = tmp_path / "ws"
    assert starting_exercise(workspace) == catalog.find("1")  # every file a fresh stub: the first exercise
    for number in ("3", "2"):
        exercise = catalog.find(number)
        shutil.copyfile(catalog.solutions_dir() / exercise.filename, workspace / exercise.filename)
        time.sleep(0.02)
    assert starting_exercise(workspace) == catalog.find("2")
    (workspace / "exercise3_softmax.py").write_text((workspace / "exercise3_softmax.py").read_text() + "\n")
    assert starting_exercise(workspace) == catalog.find("3")


def test_loop_stops_when_the_stop_event_is_set(tmp_path: Path) -> None:
    workspace = solutions_workspace(tmp_path / "ws")
    saved = {(2, str(workspace / "exercise1_relu.py"))}
    stop = threading.Event()

    def change_sets():
        yield saved
        stop.set()  # e.g. set by another thread while the first check ran
        yield saved
        yield saved

    checker = Checker(workspace, seed=1)
    try:
        assert watch_loop(change_sets(), workspace, checker, Console(file=io.StringIO()), stop=stop) == 1
    finally:
        checker.close()


class Output:
    """The lines a child process writes, collected by a thread, with a deadline to wait on."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in iter(stream.readline, ""):
            self._queue.put(line)

    def text(self) -> str:
        while not self._queue.empty():
            self.lines.append(self._queue.get_nowait())
        return "".join(self.lines)

    def wait_for(self, predicate, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate(self.text()):
                return True
            time.sleep(0.05)
        return predicate(self.text())


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_watch_rechecks_a_saved_file_and_exits_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    init = subprocess.run([sys.executable, "-m", "actgrade", "init", str(tmp_path / "ws")],
                          capture_output=True, text=True, env=_env(), timeout=120)
    assert init.returncode == 0, init.stderr
    workspace = tmp_path / "ws"
    process = subprocess.Popen([sys.executable, "-m", "actgrade", "watch", "--seed", "2"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=_env(ACTGRADE_WORKSPACE=str(workspace)))
    out, err = Output(process.stdout), Output(process.stderr)
    try:
        assert out.wait_for(lambda text: "Watching" in text, 60), out.text() + err.text()
        # Checked at start, before any save: every file is a fresh stub, so exercise 1, not started.
        assert out.wait_for(lambda text: "exercise1: " in text and "Score 0/" in text, 60), out.text() + err.text()
        # The learner writes a correct relu and saves. (Saved again every few
        # seconds in case the first save came before the watcher was ready.)
        saved = lambda text: "exercise1: " in text and "all checks passed" in text  # noqa: E731
        for attempt in range(10):
            shutil.copyfile(catalog.solutions_dir() / "exercise1_relu.py", workspace / "exercise1_relu.py")
            with open(workspace / "exercise1_relu.py", "a", encoding="utf-8") as file:
                file.write(f"\n# saved {attempt}\n")
            if out.wait_for(saved, 6):
                break
        assert saved(out.text()), out.text() + err.text()
        assert "seed 2" in out.text()
        # a backup appearing is not a save of the exercise
        shown = out.text().count("Score ")
        (workspace / "exercise1_relu.backup-20250101-120000.py").write_text("broken(\n")
        time.sleep(1.0)
        assert out.text().count("Score ") == shown
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
    assert code == 0, out.text() + err.text()
    assert out.wait_for(lambda text: "Goodbye" in text, 5), out.text()
    assert "Traceback" not in err.text() and "Aborted" not in err.text(), err.text()
    assert state.ever_passed(workspace, "exercise1")


def test_watch_without_watchfiles_names_the_extra(tmp_path: Path) -> None:
    fake = tmp_path / "no_watchfiles"
    fake.mkdir()
    (fake / "watchfiles.py").write_text("raise ImportError('No module named watchfiles')\n")
    python_path = os.pathsep.join(filter(None, [str(fake), os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run([sys.executable, "-m", "actgrade", "watch", "--workspace", "solutions"],
                            capture_output=True, text=True, env=_env(PYTHONPATH=python_path), timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert 'pip install "actgrade[watch]"' in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
