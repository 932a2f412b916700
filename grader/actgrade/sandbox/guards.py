"""What keeps the grader safe from what the child leaves behind: text without terminal escapes,
files read without following links or blocking, an environment built from nothing, and plain
words for how a child ended."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Learner output made safe to print: no terminal escapes or control characters."""
    return _CONTROL.sub("", text)


def child_environment(work: Path) -> dict[str, str]:
    """Built from nothing: none of the grader's variables (tokens, paths) reach learner code."""
    env = {name: "1" for name in THREAD_VARIABLES}
    env.update(PATH="/usr/bin:/bin", LANG="C.UTF-8", HOME=str(work), TMPDIR=str(work),
               PYTHONDONTWRITEBYTECODE="1")
    return env


def read_regular_file(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None for anything else.

    Never follows a symlink (a learner's `exercise1_relu.py` pointing at another
    student's file or at a secret must not be copied), never blocks on a FIFO.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        import stat

        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        return os.read(fd, limit + 1)[:limit]
    except OSError:
        return None
    finally:
        os.close(fd)


def describe_exit(code: int | None, error: Exception) -> str:
    if code is None:
        return f"the process stopped answering ({error})"
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        reasons = {"SIGKILL": "killed (often: too much memory or CPU time)",
                   "SIGXCPU": "stopped: it used too much CPU time",
                   "SIGSEGV": "crashed (segmentation fault)"}
        return f"the process was {reasons.get(name, 'stopped by signal ' + name)}"
    return f"the process exited with code {code}"
