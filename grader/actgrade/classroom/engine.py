"""The engine under `actgrade grade`: Dask distributed.

By default an embedded local cluster (one single-threaded worker process per job, started here
and stopped at the end); with `--scheduler ADDRESS` the workers of a running Dask cluster, which
must have the same actgrade installed and see the submissions folder at the same path.

`run_graph` submits tasks as their prerequisites finish (a student's exercise 5 after the exercises
its file builds on, so what hung there is known) and reports each one as it ends. A task whose
worker dies is submitted once more; when its worker dies again it ends with a problem for that task
only, while the run goes on. (The local cluster runs one task per worker at a time and lets the
scheduler retry nothing itself; a remote scheduler applies its own `allowed-failures` first.)

Dask is imported only inside these functions: `actgrade --help` and `actgrade grade --help`
never load it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from actgrade.options import UsageProblem

INSTALL_HINT = 'python3 -m pip install "actgrade[classroom]"'
WORKER_DIED = "the grading process stopped unexpectedly (its worker died twice, perhaps out of memory)"


def require_dask() -> None:
    """Stop with a one-line install hint when Dask distributed is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageProblem("grading a class runs on Dask distributed, which is not installed; "
                           f"install it with: {INSTALL_HINT}") from None


@contextmanager
def cluster(jobs: int, scheduler: str | None = None) -> Iterator[tuple[Any, int]]:
    """(client, number of workers): a local cluster of `jobs` workers, or the cluster at `scheduler`."""
    require_dask()
    import logging

    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            # Dask's own setting decides how long to try (distributed.comm.timeouts.connect, 30 s by default)
            client = Client(scheduler, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise UsageProblem(f"could not reach the Dask scheduler at {scheduler} ({error})") from None
        try:
            workers = len(client.scheduler_info().get("workers", {}))
            if workers == 0:
                client.wait_for_workers(1, timeout=60)
                workers = len(client.scheduler_info().get("workers", {}))
            yield client, workers
        finally:
            client.close()
        return
    # One task on a worker at a time (none queued behind it), and no retry by the scheduler: when a
    # worker dies, only the task it was running is affected, and `run_graph` retries that one once.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.scheduler.worker-saturation": 1.0,
                          "distributed.admin.system-monitor.gil.enabled": False}):
        local = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                             silence_logs=logging.ERROR, scheduler_port=0)
        client = Client(local, set_as_default=False)
    try:
        yield client, jobs
    finally:
        client.close()
        local.close()


@dataclass
class Task:
    """One unit of work for `run_graph`: what it runs on, what must finish first, its priority."""

    argument: Any
    after: set[Hashable] = field(default_factory=set)
    priority: int = 0  # higher first, among the tasks that are ready


def run_graph(client: Any, tasks: dict[Hashable, Task], work: Callable[[Any], Any],
              on_done: Callable[[Hashable, Any, str | None], Any],
              prepare: Callable[[Hashable, Any, dict], Any] | None = None,
              finished: dict[Hashable, Any] | None = None) -> dict[Hashable, Any]:
    """Run `work(argument)` on the cluster for every task, each once its prerequisites have finished.

    `prepare(key, argument, finished)` may rewrite a task's argument from the results of the tasks
    that finished before it is submitted. `on_done(key, result, problem)` is called here as each
    task ends (`problem` is None, or a sentence when `work` raised or its worker died); what it
    returns is recorded as that task's result. `finished` holds results known beforehand (a
    resumed run): those tasks are not run again. A prerequisite that is not a task counts as met.
    No more tasks are on the cluster at once than its workers have threads, the ready task of
    highest priority first, so a worker that dies takes no task down but its own.
    Returns every result, by key.
    """
    from distributed import as_completed

    finished = dict(finished or {})
    waiting = {key: task for key, task in tasks.items() if key not in finished}
    running: dict[Any, Hashable] = {}
    arguments: dict[Hashable, Any] = {}
    retried: set[Hashable] = set()
    completed = as_completed([], loop=client.loop)

    def submit(key: Hashable, argument: Any) -> None:
        arguments[key] = argument
        future = client.submit(work, argument, key=f"actgrade-{uuid.uuid4().hex}", pure=False,
                               priority=tasks[key].priority)
        running[future] = key
        completed.add(future)

    def submit_ready() -> None:
        ready = sorted((key for key, task in waiting.items()
                        if all(before in finished or before not in tasks for before in task.after)),
                       key=lambda k: -waiting[k].priority)
        if not ready and not running and waiting:  # a cycle: cannot happen with earlier exercises only
            ready = list(waiting)
        for key in ready[:max(0, _slots(client) - len(running))]:
            task = waiting.pop(key)
            submit(key, prepare(key, task.argument, finished) if prepare else task.argument)

    submit_ready()
    try:
        while running:
            future = next(completed)
            key = running.pop(future)
            result, problem = _outcome(future)
            future.release()
            if problem == WORKER_DIED and key not in retried:
                retried.add(key)  # perhaps it only shared the worker with what killed it
                submit(key, arguments[key])
                continue
            finished[key] = on_done(key, result, problem)
            submit_ready()
    finally:
        for future in running:  # Ctrl-C: what is still running is dropped
            future.cancel()
    return finished


def _slots(client: Any) -> int:
    """Threads of the cluster's workers (workers may come and go): how many tasks to have out at once."""
    workers = client.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def _outcome(future: Any) -> tuple[Any, str | None]:
    """(result, None), or (None, a sentence saying why there is no result)."""
    from distributed.scheduler import KilledWorker

    if future.status == "finished":
        try:
            return future.result(), None
        except Exception as error:  # the result could not be brought back
            return None, f"the result could not be read ({type(error).__name__}: {error})"
    if future.status == "cancelled":
        return None, "the task was cancelled by the cluster"
    error = future.exception()
    if isinstance(error, KilledWorker):
        return None, WORKER_DIED
    return None, f"the grader raised {type(error).__name__}: {error}"
