"""The grader's end of the pipes to the child: whole messages, each within a deadline, and a
refusal of anything a well-behaved child would not send (a header too large, not JSON, blobs
adding up to more than `MAX_ANSWER_BYTES`)."""

from __future__ import annotations

import json
import os
import selectors
import time

from actgrade.sandbox import protocol

MAX_ANSWER_BYTES = 256 * 1024 * 1024  # no grader memory beyond this for one answer


class SandboxError(Exception):
    """The child broke the protocol (a bug, or a learner writing to our pipe)."""


def write_all(fd: int, data: bytes, deadline: float) -> None:
    view = memoryview(data)
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_WRITE)
        while view:
            if not selector.select(max(0.0, deadline - time.monotonic())):
                raise TimeoutError
            try:
                written = os.write(fd, view)
            except BlockingIOError:
                continue
            view = view[written:]


def _read_exact(fd: int, size: int, deadline: float, selector: selectors.BaseSelector) -> bytes:
    chunks, remaining = [], size
    while remaining:
        if not selector.select(max(0.0, deadline - time.monotonic())):
            raise TimeoutError
        try:
            chunk = os.read(fd, min(remaining, 1 << 20))
        except BlockingIOError:
            continue
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_message(fd: int, deadline: float) -> tuple[dict, list[bytes]]:
    """One answer of the child: its JSON header and the raw blobs it announces."""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        (length,) = protocol.HEADER.unpack(_read_exact(fd, protocol.HEADER.size, deadline, selector))
        if length > protocol.MAX_HEADER_BYTES:
            raise SandboxError("answer header too large")
        try:
            header = json.loads(_read_exact(fd, length, deadline, selector))
        except json.JSONDecodeError as error:
            raise SandboxError("answer is not JSON") from error
        if type(header) is not dict:
            raise SandboxError("answer is not an object")
        sizes = header.get("blob_sizes", [])
        if (type(sizes) is not list or len(sizes) > 10_000
                or any(type(n) is not int or n < 0 for n in sizes) or sum(sizes) > MAX_ANSWER_BYTES):
            raise SandboxError("answer too large")
        blobs = [_read_exact(fd, int(n), deadline, selector) for n in sizes]
    return header, blobs


def widen_pipe(fd: int) -> None:
    """Ask for a 1 MiB pipe buffer (Linux): an array of a million floats then
    crosses in 8 writes instead of 128, a few times faster."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (OSError, ImportError):
        pass
