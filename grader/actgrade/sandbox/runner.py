"""Run learner code in a child process and bring back plain data.

This module imports nothing heavy at the top, so the CLI can start the child
(which imports NumPy) before the grader itself imports NumPy: on two cores
both imports then run at the same time.

`Sandbox` owns one child at a time. Each request has a wall-clock deadline;
a child that hangs, crashes, exits or runs out of memory is killed and
reported as an `Outcome` with `problem` set, never as an exception in the
grader. The next request starts a fresh child.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actgrade.sandbox.guards import child_environment, clean_text, describe_exit, read_regular_file
from actgrade.sandbox.pipes import SandboxError, read_message, widen_pipe, write_all

PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); "
    "from actgrade.sandbox.child import main; main(sys.argv[1:])"
)
# One thread per BLAS library: a learner's matrix product must not take both
# cores of a shared grading machine, and results stay reproducible.
ISOLATION_MODES = ("auto", "strict", "basic")
# What the learner's file may import besides NumPy: its own top-level Python files.
_COPY_LIMIT_FILES, _COPY_LIMIT_BYTES = 200, 2 * 1024 * 1024
_OUTPUT_CAP = 1 << 20  # the grader never reads more of the learner's output than this


@dataclass
class Outcome:
    """What happened when the child ran one request.

    Exactly one of three things holds: `ok` (the function returned `value`),
    `exception` set (the learner's code raised), or `problem` set (the child
    itself timed out, crashed or exited; `problem` is "timeout" or "crash").
    `duration` is measured by the grader, never reported by the child.
    """

    ok: bool
    value: Any = None
    exception: dict | None = None
    problem: str | None = None
    detail: str = ""
    warnings: list[dict] = field(default_factory=list)
    mutated: list[int] = field(default_factory=list)
    duration: float = 0.0


class IsolationUnavailable(Exception):
    """Strict isolation was asked for and this machine cannot give it."""


class SandboxUnavailable(Exception):
    """The child could not be started (twice in a row): nothing can be graded on this machine now."""


def default_isolation() -> str:
    mode = os.environ.get("ACTGRADE_ISOLATION", "auto").strip().lower()
    return mode if mode in ISOLATION_MODES else "auto"


class Sandbox:
    """A child Python process that imports modules from `workspace` and runs calls.

    The child sees a private, read-only copy of the workspace's Python files
    (refreshed before every import) and writes only a private folder; with
    `isolation` "auto" or "strict" it confines itself with the kernel's
    mechanisms before any learner code runs (see `actgrade.sandbox.confine`).
    """

    def __init__(
        self,
        workspace: Path,
        timeout: float = 10.0,
        memory_mb: int = 2048,
        cpu_seconds: int = 300,
        isolation: str | None = None,
    ) -> None:
        self.workspace = Path(workspace).resolve()
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.cpu_seconds = cpu_seconds
        self.mode = isolation or default_isolation()
        if self.mode not in ISOLATION_MODES:
            raise ValueError(f"isolation must be one of {', '.join(ISOLATION_MODES)}")
        self._process: subprocess.Popen | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="actgrade-")
        root = Path(self._tmp.name)
        self._copy, self._work = root / "workspace", root / "work"
        self._copy.mkdir()
        self._work.mkdir()
        # Unlinked at once: the child can write to it but never reach it by name.
        self._output = tempfile.TemporaryFile(dir=root)
        self._imported: list[str] = []
        self._awaiting_hello = False
        self.isolation: dict = {"level": "none", "applied": [], "missing": ["not started"]}
        self.restarts = 0
        self.started_at: float | None = None  # perf_counter() when the first child started
        # A time budget for everything this sandbox still runs (time.monotonic() of its end), and
        # what a request that meets it reports; see `limit_time`.
        self.deadline: float | None = None
        self.deadline_text = ""
        # (module, function) pairs that hung before: the child replaces them by stand-ins that
        # raise at once (see `skip_hung`), in every child this sandbox starts.
        self.stand_ins: list[tuple[str, str]] = []
        self.launcher: Any = None  # a `WarmLauncher` that forks children from a warm template, or None

    # -- life cycle -----------------------------------------------------------
    def start(self) -> None:
        """Start the child now (it imports NumPy while the grader gets ready)."""
        if self._process is not None and self._process.poll() is None:
            return
        if self.started_at is None:
            self.started_at = time.perf_counter()
        self._refresh_copy()
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        for fd in (to_child_w, from_child_w):
            widen_pipe(fd)
        plan = {
            "workspace": str(self._copy), "work": str(self._work), "package_root": PACKAGE_ROOT,
            "read_fd": to_child_r, "write_fd": from_child_w, "memory_mb": self.memory_mb,
            "cpu_seconds": self.cpu_seconds, "confine": self.mode != "basic", "parent": os.getpid(),
        }
        try:
            self._process = self._launch(plan, to_child_r, from_child_w)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self._write_fd, self._read_fd = to_child_w, from_child_r
        os.set_blocking(self._write_fd, False)
        os.set_blocking(self._read_fd, False)
        self._awaiting_hello = True
        if self.stand_ins:
            self._request({"op": "stand_in", "functions": [list(item) for item in self.stand_ins]}, [], 30.0)
        reimport, self._imported = self._imported, []
        for module in reimport:
            self.import_module(module)

    def _launch(self, plan: dict, read_fd: int, write_fd: int) -> Any:
        """A new child: forked from the warm template when there is one that works, else a fresh
        interpreter. Either way the child confines itself before it answers."""
        if self.launcher is not None:
            process = self.launcher.launch(plan, read_fd, write_fd, self._output.fileno())
            if process is not None:
                return process
        return subprocess.Popen(
            [sys.executable, "-I", "-u", "-c", _BOOT, PACKAGE_ROOT, json.dumps(plan)],
            stdin=subprocess.DEVNULL,
            stdout=self._output,
            stderr=self._output,
            cwd=self._work,
            env=child_environment(self._work),
            pass_fds=(read_fd, write_fd),
            start_new_session=True,  # so the whole group can be killed
        )

    def limit_time(self, seconds: float, text: str) -> None:
        """Give everything this sandbox still runs `seconds` in all: each request's own limit is
        cut to what is left, and once none is left a request fails at once as a timeout whose
        detail is `text`."""
        self.deadline, self.deadline_text = time.monotonic() + seconds, text

    def skip_hung(self, functions: list[tuple[str, str]]) -> None:
        """Replace these (module, function) pairs by stand-ins that raise `EarlierTimeout` at once,
        in this child and in every later one: code that hung before is not waited for again."""
        new = [tuple(item) for item in functions if tuple(item) not in self.stand_ins]
        if not new:
            return
        self.stand_ins.extend(new)
        if self._process is not None and self._process.poll() is None:
            self._request({"op": "stand_in", "functions": [list(item) for item in new]}, [], 30.0)

    def abort(self, text: str) -> None:
        """Stop the running child now and fail every later request at once (another thread may call this:
        it only sends a signal, and the thread waiting on the child sees it end)."""
        self.deadline, self.deadline_text = time.monotonic(), text
        process = self._process
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def ensure_isolation(self, timeout: float = 60.0) -> dict:
        """Start the child, wait until it has confined itself, and return what took effect.

        A child that dies while starting (before any learner code has run) is started once
        more; a second failure raises `SandboxUnavailable` with what it printed. Raises
        `IsolationUnavailable` in strict mode when the machine gave less.
        """
        failure = ""
        for _ in range(2):
            self.start()
            try:
                self._await_hello(time.monotonic() + timeout)
                return self.isolation
            except (EOFError, TimeoutError, BrokenPipeError, SandboxError, ValueError) as error:
                code = self._exit_code_after(error)
                failure = describe_exit(code, error if not isinstance(error, TimeoutError) else
                                         TimeoutError(f"no answer within {timeout:g} s"))
                self._kill()
                self.restarts += 1
        printed = self.output().strip()[-600:]
        raise SandboxUnavailable(f"the sandbox for learner code could not start: {failure}"
                                 + (f"; it printed: {printed}" if printed else ""))

    def _exit_code_after(self, error: BaseException) -> int | None:
        """The child's exit code once its pipe closed (it may take a moment to be reaped), or None
        when it is still running (it stopped answering instead)."""
        if self._process is None:
            return None
        if isinstance(error, TimeoutError):
            return self._process.poll()
        try:
            return self._process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            return None

    def _await_hello(self, deadline: float) -> None:
        if not self._awaiting_hello:
            return
        hello, _ = read_message(self._read_fd, deadline)
        if not hello.get("hello"):
            raise SandboxError("the child did not introduce itself")
        self._awaiting_hello = False
        reported = hello.get("isolation") or {}
        self.isolation = {
            "level": "strict" if reported.get("level") == "strict" else "basic",
            "applied": [str(x)[:40] for x in reported.get("applied", [])][:20],
            "missing": [str(x)[:40] for x in reported.get("missing", [])][:20],
        }
        if self.mode == "strict" and self.isolation["level"] != "strict":
            self._kill()
            raise IsolationUnavailable(
                "strict isolation is not available on this machine (missing: "
                + ", ".join(self.isolation["missing"]) + ")")

    def _refresh_copy(self) -> None:
        """Copy the workspace's top-level Python files into the child's read-only folder."""
        for old in self._copy.iterdir():
            old.unlink()
        if not self.workspace.is_dir():
            return
        copied = 0
        for path in sorted(self.workspace.glob("*.py")):
            if copied >= _COPY_LIMIT_FILES:
                break
            data = read_regular_file(path, _COPY_LIMIT_BYTES)
            if data is not None:
                (self._copy / path.name).write_bytes(data)
                copied += 1

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for fd in (self._write_fd, self._read_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        process.wait()

    def close(self) -> None:
        """Kill the child (and anything it started) and delete its temp folder."""
        self._kill()
        self._output.close()
        self._tmp.cleanup()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def output(self, limit: int = 4000) -> str:
        """What the learner's code printed so far (stdout and stderr), trimmed and
        without terminal control characters. Read through the grader's own
        descriptor, at most `_OUTPUT_CAP` bytes from each end."""
        fd = self._output.fileno()
        size = os.fstat(fd).st_size
        if size <= 2 * _OUTPUT_CAP:
            data = os.pread(fd, size, 0)
        else:
            data = os.pread(fd, _OUTPUT_CAP, 0) + b"\n" + os.pread(fd, _OUTPUT_CAP, size - _OUTPUT_CAP)
        text = clean_text(data.decode("utf-8", errors="replace"))
        if len(text) > limit:
            text = text[: limit // 2] + "\n[... output trimmed ...]\n" + text[-limit // 2 :]
        return text

    # -- requests -----------------------------------------------------------
    def import_module(self, module: str, timeout: float | None = None) -> Outcome:
        self._refresh_copy()  # the learner may have saved the file since the child started
        outcome = self._request({"op": "import", "module": module}, [], timeout)
        if outcome.ok:
            self._imported.append(module)
        return outcome

    def names(self, module: str) -> dict[str, str]:
        """Public names of an imported module: name -> "function" or "value"."""
        outcome = self._request({"op": "names", "module": module}, [], None)
        return outcome.value if outcome.ok else {}

    def value(self, module: str, name: str) -> Outcome:
        return self._request({"op": "value", "module": module, "name": name}, [], None)

    def call(
        self,
        module: str,
        function: str,
        args: tuple = (),
        kwargs: dict | None = None,
        timeout: float | None = None,
        repeat: int = 1,
        time_budget: float = 0.0,
        discard: bool = False,
    ) -> Outcome:
        """Call `module.function(*args, **kwargs)` in the child.

        `repeat` runs it up to that many times (stopping once `time_budget`
        seconds are spent) and reports the fastest run, timed by the grader;
        `discard` drops the value (for timing runs).
        """
        from actgrade.sandbox import protocol

        tree, blobs = protocol.encode((tuple(args), dict(kwargs or {})))
        header = {"op": "call", "module": module, "function": function, "arguments": tree, "discard": discard}
        best: Outcome | None = None
        spent = 0.0
        for _ in range(max(1, repeat)):
            outcome = self._request(header, blobs, timeout)
            spent += outcome.duration
            if best is None or not outcome.ok or outcome.duration < best.duration:
                best = outcome
            if not outcome.ok or (time_budget and spent > time_budget):
                break
        return best

    def count_steps(self, module: str, function: str, args: tuple = (), timeout: float | None = None) -> Outcome:
        """Run `module.function(*args)` once while the child counts its Python-level steps
        (see `actgrade.sandbox.loops`); the value is a dict of counts."""
        from actgrade.sandbox import protocol

        tree, blobs = protocol.encode((tuple(args), {}))
        header = {"op": "count", "module": module, "function": function, "arguments": tree}
        return self._request(header, blobs, timeout)

    def _request(self, header: dict, blobs: list[bytes], timeout: float | None) -> Outcome:
        from actgrade.sandbox import protocol

        limit = timeout or self.timeout
        detail = f"no answer within {limit:g} s"
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                return Outcome(False, problem="timeout", detail=self.deadline_text)
            if left < limit:
                limit, detail = left, self.deadline_text
        self.start()
        try:
            # The child's start-up (NumPy, confinement) is not charged to the call.
            self._await_hello(time.monotonic() + max(limit, 60.0))
            deadline = time.monotonic() + limit
            write_all(self._write_fd, protocol.pack(header, blobs), deadline)
            started = time.perf_counter()
            answer, answer_blobs = read_message(self._read_fd, deadline)
            elapsed = time.perf_counter() - started
        except TimeoutError:
            self._kill()
            self.restarts += 1
            return Outcome(False, problem="timeout", detail=detail)
        except (EOFError, BrokenPipeError, SandboxError, ValueError) as error:
            if self.deadline is not None and time.monotonic() >= self.deadline:  # stopped by `abort`
                self._kill()
                return Outcome(False, problem="timeout", detail=self.deadline_text)
            code = self._exit_code_after(error)
            self._kill()
            self.restarts += 1
            return Outcome(False, problem="crash", detail=describe_exit(code, error))
        try:
            outcome = self._outcome(answer, answer_blobs)
        except SandboxError as error:
            self._kill()
            self.restarts += 1
            return Outcome(False, problem="crash", detail=str(error))
        outcome.duration = elapsed
        return outcome

    def _outcome(self, answer: dict, blobs: list[bytes]) -> Outcome:
        from actgrade.sandbox import protocol

        warnings = [w for w in (answer.get("warnings") or []) if type(w) is dict][:20]
        if not answer.get("ok"):
            exc = answer.get("exc")
            return Outcome(False, exception=exc if type(exc) is dict else {}, warnings=warnings)
        if "names" in answer:
            names = answer["names"]
            return Outcome(True, value=names if type(names) is dict else {})
        try:
            # Values come back as plain data only: nothing the child says may make
            # the grader build a large array it did not send.
            value = protocol.decode(answer.get("value"), blobs, trusted=False)
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise SandboxError(f"unreadable answer: {error}") from error
        mutated = [int(i) for i in (answer.get("mutated") or []) if type(i) is int][:64]
        return Outcome(True, value=value, warnings=warnings, mutated=mutated)
