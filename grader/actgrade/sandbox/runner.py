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
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); "
    "from actgrade.sandbox.child import main; main(sys.argv[1:])"
)
# One thread per BLAS library: a learner's matrix product must not take both
# cores of a shared grading machine, and results stay reproducible.
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class Outcome:
    """What happened when the child ran one request.

    Exactly one of three things holds: `ok` (the function returned `value`),
    `exception` set (the learner's code raised), or `problem` set (the child
    itself timed out, crashed or exited; `problem` is "timeout" or "crash").
    """

    ok: bool
    value: Any = None
    exception: dict | None = None
    problem: str | None = None
    detail: str = ""
    warnings: list[dict] = field(default_factory=list)
    mutated: list[int] = field(default_factory=list)
    duration: float = 0.0


class SandboxError(Exception):
    """The child broke the protocol (a bug, or a learner writing to our pipe)."""


class Sandbox:
    """A child Python process that imports modules from `workspace` and runs calls."""

    def __init__(
        self,
        workspace: Path,
        timeout: float = 10.0,
        memory_mb: int = 2048,
        cpu_seconds: int = 300,
    ) -> None:
        self.workspace = Path(workspace).resolve()
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.cpu_seconds = cpu_seconds
        self._process: subprocess.Popen | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="actgrade-")
        self._output_path = Path(self._tmp.name) / "output.txt"
        self._output = open(self._output_path, "ab")
        self._imported: list[str] = []
        self.restarts = 0
        self.started_at: float | None = None  # perf_counter() when the first child started

    # -- life cycle -----------------------------------------------------------
    def start(self) -> None:
        """Start the child now (it imports NumPy while the grader gets ready)."""
        if self._process is not None and self._process.poll() is None:
            return
        if self.started_at is None:
            self.started_at = time.perf_counter()
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        for fd in (to_child_w, from_child_w):
            _widen_pipe(fd)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACTGRADE_")}
        env.update({name: "1" for name in _THREAD_VARIABLES})
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        args = [
            sys.executable, "-I", "-u", "-c", _BOOT, PACKAGE_ROOT,
            str(self.workspace), str(to_child_r), str(from_child_w),
            str(self.memory_mb), str(self.cpu_seconds),
        ]
        self._process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=self._output,
            stderr=self._output,
            cwd=self._tmp.name,
            env=env,
            pass_fds=(to_child_r, from_child_w),
            start_new_session=True,  # so the whole group can be killed
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._write_fd, self._read_fd = to_child_w, from_child_r
        os.set_blocking(self._write_fd, False)
        os.set_blocking(self._read_fd, False)
        reimport, self._imported = self._imported, []
        for module in reimport:
            self.import_module(module)

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
        """What the learner's code printed so far (stdout and stderr), trimmed."""
        self._output.flush()
        data = self._output_path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        if len(text) > limit:
            text = text[: limit // 2] + "\n[... output trimmed ...]\n" + text[-limit // 2 :]
        return text

    # -- requests -----------------------------------------------------------
    def import_module(self, module: str, timeout: float | None = None) -> Outcome:
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
        seconds are spent) and reports the fastest; `discard` drops the value
        (for timing runs).
        """
        from actgrade.sandbox import protocol

        tree, blobs = protocol.encode((tuple(args), dict(kwargs or {})))
        header = {
            "op": "call", "module": module, "function": function, "arguments": tree,
            "repeat": repeat, "time_budget": time_budget, "discard": discard,
        }
        return self._request(header, blobs, timeout)

    def _request(self, header: dict, blobs: list[bytes], timeout: float | None) -> Outcome:
        from actgrade.sandbox import protocol

        self.start()
        deadline = time.monotonic() + (timeout or self.timeout)
        try:
            self._write_all(protocol.pack(header, blobs), deadline)
            answer, answer_blobs = self._read_message(deadline)
        except TimeoutError:
            self._kill()
            self.restarts += 1
            return Outcome(False, problem="timeout", detail=f"no answer within {timeout or self.timeout:g} s")
        except (EOFError, BrokenPipeError, SandboxError, ValueError) as error:
            code = self._process.poll() if self._process else None
            if code is None and self._process is not None:
                try:
                    code = self._process.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    code = None
            self._kill()
            self.restarts += 1
            return Outcome(False, problem="crash", detail=_describe_exit(code, error))
        return self._outcome(answer, answer_blobs)

    def _outcome(self, answer: dict, blobs: list[bytes]) -> Outcome:
        from actgrade.sandbox import protocol

        warnings = answer.get("warnings") or []
        if not answer.get("ok"):
            return Outcome(False, exception=answer.get("exc") or {}, warnings=warnings)
        if "names" in answer:
            return Outcome(True, value=answer["names"])
        try:
            value = protocol.decode(answer.get("value"), blobs)
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise SandboxError(f"unreadable answer: {error}") from error
        return Outcome(
            True,
            value=value,
            warnings=warnings,
            mutated=list(answer.get("mutated") or []),
            duration=float(answer.get("duration") or 0.0),
        )

    # -- pipes with deadlines ------------------------------------------------
    def _write_all(self, data: bytes, deadline: float) -> None:
        view = memoryview(data)
        with selectors.DefaultSelector() as selector:
            selector.register(self._write_fd, selectors.EVENT_WRITE)
            while view:
                if not selector.select(max(0.0, deadline - time.monotonic())):
                    raise TimeoutError
                try:
                    written = os.write(self._write_fd, view)
                except BlockingIOError:
                    continue
                view = view[written:]

    def _read_exact(self, size: int, deadline: float, selector: selectors.BaseSelector) -> bytes:
        chunks, remaining = [], size
        while remaining:
            if not selector.select(max(0.0, deadline - time.monotonic())):
                raise TimeoutError
            try:
                chunk = os.read(self._read_fd, min(remaining, 1 << 20))
            except BlockingIOError:
                continue
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _read_message(self, deadline: float) -> tuple[dict, list[bytes]]:
        from actgrade.sandbox import protocol

        with selectors.DefaultSelector() as selector:
            selector.register(self._read_fd, selectors.EVENT_READ)
            (length,) = protocol.HEADER.unpack(self._read_exact(protocol.HEADER.size, deadline, selector))
            if length > protocol.MAX_HEADER_BYTES:
                raise SandboxError("answer header too large")
            try:
                header = json.loads(self._read_exact(length, deadline, selector))
            except json.JSONDecodeError as error:
                raise SandboxError("answer is not JSON") from error
            if type(header) is not dict:
                raise SandboxError("answer is not an object")
            sizes = header.get("blob_sizes", [])
            blobs = [self._read_exact(int(n), deadline, selector) for n in sizes]
        return header, blobs


def _widen_pipe(fd: int) -> None:
    """Ask for a 1 MiB pipe buffer (Linux): an array of a million floats then
    crosses in 8 writes instead of 128, a few times faster."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (OSError, ImportError):
        pass


def _describe_exit(code: int | None, error: Exception) -> str:
    if code is None:
        return f"the process stopped answering ({error})"
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        reasons = {"SIGKILL": "killed (often: too much memory or CPU time)",
                   "SIGXCPU": "stopped: it used too much CPU time",
                   "SIGSEGV": "crashed (segmentation fault)"}
        return f"the process was {reasons.get(name, 'stopped by signal ' + name)}"
    return f"the process exited with code {code}"
