"""Worker processes for a class run: each grades one pair at a time; a worker that dies, or a pair that
overruns its deadline, costs only that pair."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# -- worker processes -----------------------------------------------------------------------------

@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    task: int | None = None
    started: float = 0.0  # time.monotonic() when the task was sent


def _worker_loop(conn: Any, work: Callable[[Any], Any], initializer: Callable[[], None] | None) -> None:
    if initializer is not None:
        initializer()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            answer = (True, work(task))
        except Exception as error:
            answer = (False, f"{type(error).__name__}: {error}")
        try:
            conn.send(answer)
        except Exception as error:  # a result that cannot be pickled
            conn.send((False, f"the result could not be sent back ({type(error).__name__}: {error})"))


def run_in_workers(tasks: Sequence[Any], work: Callable[[Any], Any], jobs: int,
                   on_done: Callable[[int, Any, str | None], None],
                   initializer: Callable[[], None] | None = None, deadline: float | None = None) -> None:
    """Run `work(task)` for every task in `jobs` worker processes, one task at a time each.

    `on_done(index, result, problem)` is called in this process once per task,
    as each ends: `problem` is None, or a sentence when `work` raised or its
    worker process died (the worker is then replaced and the other tasks go
    on). `work` and `initializer` must be importable functions: workers are
    spawned, never forked from this process (which may run threads). A task
    still running `deadline` seconds after it started has its worker killed
    and ends with a problem that starts with "timeout".
    """
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("spawn")
    pending = list(range(len(tasks)))[::-1]  # popped from the end: in order
    size = min(jobs, len(tasks))
    workers: list[_Worker] = []
    losses = 0  # workers lost since a task last succeeded

    def start() -> None:
        here, there = context.Pipe()
        process = context.Process(target=_worker_loop, args=(there, work, initializer),
                                  name="actgrade-grade-worker", daemon=True)
        process.start()
        there.close()
        workers.append(_Worker(process, here))

    def retire(worker: _Worker) -> str:
        nonlocal losses
        losses += 1
        workers.remove(worker)
        worker.conn.close()
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            return f"killed by signal {-code}, perhaps out of memory"
        return f"exit code {code}"

    try:
        while pending or any(w.task is not None for w in workers):
            if losses > 2 * size + 2:  # workers die as they start: nothing will get graded
                while pending:
                    on_done(pending.pop(), None, "the grading processes could not start")
                break
            while pending and len(workers) < size:
                start()
            for worker in [w for w in workers if w.task is None]:
                if not pending:
                    break
                index = pending.pop()
                try:
                    if not worker.process.is_alive():
                        raise BrokenPipeError
                    worker.conn.send(tasks[index])
                    worker.task, worker.started = index, time.monotonic()
                except OSError:  # it died between two tasks: the task goes to another worker
                    pending.append(index)
                    retire(worker)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                continue
            wait_for = None
            if deadline is not None:
                wait_for = max(0.0, min(w.started for w in busy) + deadline - time.monotonic())
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for))
            for worker in busy:
                if (deadline is not None and worker.conn not in ready
                        and time.monotonic() - worker.started > deadline):
                    index, worker.task = worker.task, None
                    worker.process.kill()  # stuck (or stopped): its pair ends here, the run goes on
                    retire(worker)
                    losses = 0
                    on_done(index, None, f"timeout: not finished within {deadline:g} s")
                    continue
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                index, worker.task = worker.task, None
                try:
                    if not worker.conn.poll():
                        raise EOFError
                    ok, value = worker.conn.recv()
                except (EOFError, OSError):
                    how = retire(worker)
                    on_done(index, None, f"the grading process stopped unexpectedly ({how})")
                    continue
                losses = 0
                on_done(index, value if ok else None, None if ok else f"the grader raised {value}")
    finally:
        for worker in workers:  # idle ones finish; busy ones (after Ctrl-C) stop their grading
            try:
                if worker.task is None and worker.process.is_alive():
                    worker.conn.send(None)
                else:
                    worker.process.terminate()
            except OSError:
                worker.process.terminate()
        for worker in workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
