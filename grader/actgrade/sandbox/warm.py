"""Warm sandboxes: children forked from a clean template instead of fresh interpreters.

A fresh child spends most of its start on Python and NumPy. A class run's worker instead keeps one
template process (`actgrade.sandbox.template`) started the way a child is (`python -I`, an
environment built from nothing, no grader state: it is not forked from the grader, which holds the
hidden tests and the reference solutions) with NumPy already imported. Each sandbox is forked from
it and confines itself after the fork exactly as a fresh child does. Linux only; anywhere the
template cannot start or answer, `launch` returns None and the sandbox starts a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import threading
from typing import Any

from actgrade.sandbox.guards import child_environment
from actgrade.sandbox.runner import PACKAGE_ROOT

_BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); "
    "from actgrade.sandbox.template import main; main(sys.argv[1:])"
)
ANSWER_TIMEOUT = 30.0


class ForkedProcess:
    """A child forked by the template, with the part of `subprocess.Popen` a `Sandbox` uses."""

    def __init__(self, launcher: WarmLauncher, pid: int) -> None:
        self.launcher, self.pid = launcher, pid
        self.returncode: int | None = None
        try:
            self._pidfd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self._pidfd = None

    def poll(self) -> int | None:
        if self.returncode is None and self._exited():
            self.returncode = self.launcher.status(self.pid, 1.0)
            self._close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            code = self.launcher.status(self.pid, ANSWER_TIMEOUT if timeout is None else timeout)
            if code is None:
                raise subprocess.TimeoutExpired("sandbox", timeout or ANSWER_TIMEOUT)
            self.returncode = code
            self._close()
        return self.returncode

    def _exited(self) -> bool:
        if self._pidfd is None:  # no pidfd: ask the template
            return self.launcher.status(self.pid, 0.0) is not None
        return bool(select.select([self._pidfd], [], [], 0)[0])

    def _close(self) -> None:
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None


class WarmLauncher:
    """One template per grading process, started on first use and again whenever it is gone."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="actgrade-template-")
        self.failures = 0

    def launch(self, plan: dict, read_fd: int, write_fd: int, output_fd: int) -> ForkedProcess | None:
        """Fork a child for `plan` (see `Sandbox.start`), or None when the template cannot."""
        if not sys.platform.startswith("linux") or self.failures >= 3:
            return None
        plan = {**plan, "environment": child_environment(plan["work"])}
        with self._lock:
            try:
                self._ensure_started()
                socket.send_fds(self._socket, [json.dumps({"op": "launch", "plan": plan}).encode()],
                                [read_fd, write_fd, output_fd])
                pid = int(self._answer()["pid"])
            except (OSError, ValueError, KeyError, TypeError, TimeoutError):
                self.failures += 1
                self._stop()
                return None
        return ForkedProcess(self, pid)

    def status(self, pid: int, timeout: float) -> int | None:
        """Reap a forked child: its exit status, or None while it runs after `timeout` seconds."""
        with self._lock:
            try:
                self._socket.sendall(json.dumps({"op": "wait", "pid": pid, "timeout": timeout}).encode())
                return self._answer(timeout + ANSWER_TIMEOUT).get("status")
            except (OSError, ValueError, AttributeError, TimeoutError):
                self._stop()  # its children die with it (they are killed when their parent dies)
                return -9

    def _ensure_started(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        self._stop()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        plan = {"socket_fd": theirs.fileno(), "parent": os.getpid()}
        started: dict[str, Any] = {}
        ready = threading.Event()

        def keeper() -> None:
            # The kernel kills the template when the thread that started it ends (PR_SET_PDEATHSIG
            # follows the thread): this thread lives as long as the template.
            try:
                started["process"] = subprocess.Popen(
                    [sys.executable, "-I", "-u", "-c", _BOOT, PACKAGE_ROOT, json.dumps(plan)],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    cwd=self._folder.name, env=child_environment(self._folder.name), pass_fds=(theirs.fileno(),),
                    start_new_session=True)
            except OSError as error:
                started["error"] = error
            ready.set()
            if "process" in started:
                started["process"].wait()

        threading.Thread(target=keeper, name="actgrade-warm-template", daemon=True).start()
        ready.wait()
        theirs.close()
        if "error" in started:
            ours.close()
            raise started["error"]
        self._process, self._socket = started["process"], ours
        if not self._answer(60.0).get("ready"):
            raise ValueError("the template did not start")

    def _answer(self, timeout: float = ANSWER_TIMEOUT) -> dict:
        if not select.select([self._socket], [], [], timeout)[0]:
            raise TimeoutError("the template did not answer")
        data = self._socket.recv(1 << 16)
        if not data:
            raise ValueError("the template closed its socket")
        answer = json.loads(data)
        if not isinstance(answer, dict):
            raise ValueError("unreadable answer")
        return answer

    def _stop(self) -> None:
        process, self._process = self._process, None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if process is not None:
            process.kill()
            process.wait()

    def close(self) -> None:
        with self._lock:
            self._stop()
        self._folder.cleanup()


_shared: WarmLauncher | None = None
_shared_lock = threading.Lock()


def shared_launcher() -> WarmLauncher | None:
    """This process's launcher (None off Linux, where children start as fresh interpreters)."""
    global _shared
    if not sys.platform.startswith("linux"):
        return None
    with _shared_lock:
        if _shared is None:
            import atexit

            _shared = WarmLauncher()
            atexit.register(_shared.close)  # stop and reap the template (it would die with us anyway)
        return _shared
