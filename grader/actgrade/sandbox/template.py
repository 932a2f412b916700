"""The warm template: a clean process that forks sandboxed children on request.

Started by `actgrade.sandbox.warm.WarmLauncher` exactly like a sandboxed child (`python -I`, an
environment built from nothing, its own session) with one argument, a JSON plan: the descriptor of
its socket to the grader and the grader's process id. It imports NumPy and the child's own modules
and then only serves requests on that socket; it never imports the grader, the checks or the
reference solutions, and never runs learner code itself.

`launch` brings the child's three descriptors (requests, answers, output file) with the plan of
`actgrade.sandbox.runner.Sandbox.start`. The template forks; the new process becomes a child in
every respect a fresh one is (own session, the output file as stdout and stderr, no other
descriptor, its own environment and folder, fresh NumPy random state) and then runs
`actgrade.sandbox.child.main`, which applies the resource limits, namespaces, Landlock and seccomp
after the fork, before any learner code, as in a fresh child. `wait` reaps a child and gives its
exit status. The template dies with the grader (and its children with it).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time

MAX_MESSAGE = 1 << 20


def _reply(sock: socket.socket, message: dict) -> None:
    sock.sendall(json.dumps(message).encode() + b"\n")


def _close_other_descriptors(keep: set[int]) -> None:
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def _become_child(sock: socket.socket, plan: dict, read_fd: int, write_fd: int, output_fd: int) -> None:
    """In the forked process: look exactly like a freshly started child, then run it."""
    import numpy

    from actgrade.sandbox import child

    sock.close()
    os.setsid()  # its own process group, which the grader kills as a whole
    os.dup2(output_fd, 1)
    os.dup2(output_fd, 2)
    _close_other_descriptors({0, 1, 2, read_fd, write_fd})
    for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGPIPE):
        signal.signal(number, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(plan.pop("environment"))
    os.chdir(plan["work"])
    numpy.random.seed()  # a fresh interpreter would not share its random state with its siblings
    plan.update(read_fd=read_fd, write_fd=write_fd, parent=os.getppid())
    child.main([json.dumps(plan)])


def _wait(pid: int, timeout: float) -> int | None:
    """The exit status of a child (negative: the signal that ended it), or None if it still runs."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return -signal.SIGKILL
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.005)


def serve(sock: socket.socket) -> None:
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(sock, MAX_MESSAGE, 3)
        except OSError:
            return
        if not message:
            return  # the grader closed its end
        request = json.loads(message)
        if request.get("op") == "launch" and len(fds) == 3:
            pid = os.fork()
            if pid == 0:
                try:
                    _become_child(sock, request["plan"], *fds)
                finally:
                    os._exit(1)
            for fd in fds:
                os.close(fd)
            _reply(sock, {"pid": pid})
        elif request.get("op") == "wait":
            for fd in fds:
                os.close(fd)
            _reply(sock, {"status": _wait(int(request["pid"]), float(request.get("timeout", 0.0)))})
        else:
            for fd in fds:
                os.close(fd)
            _reply(sock, {"error": "unknown request"})


def main(argv: list[str]) -> None:
    plan = json.loads(argv[0])
    from actgrade.sandbox import confine

    confine.die_with_parent(int(plan["parent"]))
    sock = socket.socket(fileno=int(plan["socket_fd"]))
    # What every child needs, loaded once here: NumPy, the child's modules, sysconfig, libc.
    import sysconfig  # noqa: F401

    import numpy  # noqa: F401

    from actgrade.sandbox import child, loops, protocol  # noqa: F401

    confine._syscall_lib()
    _reply(sock, {"ready": True, "pid": os.getpid()})
    serve(sock)


if __name__ == "__main__":
    main(sys.argv[1:])
