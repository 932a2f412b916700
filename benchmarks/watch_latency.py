"""Save-to-report latency of `actgrade watch`, against `actgrade check` on the same file.

Starts `actgrade watch` on a temporary copy of the reference solutions (every
check runs to the end, as for a learner whose file passes), then, for each
exercise, saves its file again and again with a changed comment and times
from the write to the moment the report's score line comes out of the
watcher's stdout. Saves are spaced by --pause seconds, about as fast as a
person saves. Then, as the baseline, it runs `actgrade check` on the same file
with the same seed, as a learner would from a shell (a new process each time),
and times it from start to exit.

With --load N (default 2), N busy processes keep the CPUs occupied during
both measurements, the situation where a learner's laptop is doing other
work. Prints, per exercise, the medians and the ratio watch / check: the
target is a ratio at most 1 (a re-check under watch is never slower than
running check by hand).

    python benchmarks/watch_latency.py [--runs 10] [--pause 0.6] [--load 2] [--exercises 1 2 3 4]
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from actgrade import catalog

SCORE_LINE = re.compile(r"^Score .*\((\d+(?:\.\d+)?) s\)\s*$")


def reader(stream, lines: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        lines.put((time.perf_counter(), line.rstrip("\n")))
    lines.put((time.perf_counter(), None))


def wait_for(lines: queue.Queue, predicate, deadline: float) -> tuple[float, str] | None:
    """The first (time, line) that satisfies `predicate`, or None at the deadline."""
    while True:
        try:
            stamp, line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if line is None:
            raise RuntimeError("actgrade watch stopped")
        if predicate(line):
            return stamp, line


def burn(stop: float) -> None:
    """Keep one CPU busy until time.monotonic() reaches `stop`."""
    while time.monotonic() < stop:
        sum(i * i for i in range(10_000))


def check_times(workspace: Path, exercise: catalog.Exercise, runs: int, env: dict) -> list[float]:
    """Wall time of `actgrade check EXERCISE --seed 1`, a new process each run."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "actgrade", "check", exercise.id, "--workspace", str(workspace),
                        "--seed", "1"], capture_output=True, text=True, env=env, timeout=300)
        times.append(time.perf_counter() - start)
    return times


def drain(lines: queue.Queue) -> None:
    while True:
        try:
            lines.get_nowait()
        except queue.Empty:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="saves per exercise")
    parser.add_argument("--pause", type=float, default=0.6, help="seconds between a report and the next save")
    parser.add_argument("--exercises", nargs="+", default=["1", "2", "3", "4"])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one report")
    parser.add_argument("--load", type=int, default=2, help="busy processes running meanwhile (0: none)")
    args = parser.parse_args()
    exercises = [catalog.find(name) for name in args.exercises]
    from multiprocessing import Process

    burners = [Process(target=burn, args=(time.monotonic() + 3600,), daemon=True) for _ in range(args.load)]
    for burner in burners:
        burner.start()
    try:
        measure(args, exercises)
    finally:
        for burner in burners:
            burner.terminate()


def measure(args: argparse.Namespace, exercises: list[catalog.Exercise]) -> None:
    with tempfile.TemporaryDirectory(prefix="actgrade-watch-") as tmp:
        workspace = Path(tmp) / "ws"
        workspace.mkdir()
        for path in catalog.solutions_dir().glob("exercise*_*.py"):
            shutil.copyfile(path, workspace / path.name)
        env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
        env["NO_COLOR"] = "1"
        process = subprocess.Popen(
            [sys.executable, "-m", "actgrade", "watch", "--workspace", str(workspace), "--seed", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        )
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=reader, args=(process.stdout, lines), daemon=True).start()
        try:
            if wait_for(lines, lambda line: line.startswith("Watching"), time.monotonic() + 60) is None:
                raise SystemExit("actgrade watch did not start within 60 s")
            time.sleep(args.pause)
            results: dict[str, list[tuple[float, float]] | str] = {}
            for exercise in exercises:
                path = workspace / exercise.filename
                original = path.read_text(encoding="utf-8")
                times: list[tuple[float, float]] = []
                for run in range(args.runs):
                    drain(lines)
                    start = time.perf_counter()
                    path.write_text(f"{original}\n# save {run}\n", encoding="utf-8")
                    found = wait_for(
                        lines,
                        lambda line, e=exercise: line.startswith("Score ") or f"check {e.id}" in line
                        or line.startswith(f"{e.id} has no hidden tests"),
                        time.monotonic() + args.timeout,
                    )
                    if found is None:
                        results[exercise.id] = f"no report within {args.timeout:g} s"
                        break
                    stamp, line = found
                    score = SCORE_LINE.match(line)
                    if score is None:
                        results[exercise.id] = f"not measured: {line.strip()}"
                        break
                    times.append((stamp - start, float(score.group(1))))
                    time.sleep(args.pause)
                else:
                    results[exercise.id] = times
                # The file stays as it is: restoring it would start one more check.
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        baseline = {exercise.id: check_times(workspace, exercise, args.runs, env) for exercise in exercises}

    print(f"actgrade watch against actgrade check ({args.runs} runs each, reference solutions, "
          f"{args.pause:g} s between saves, {args.load} busy processes meanwhile)")
    for exercise in exercises:
        result = results.get(exercise.id, "not measured")
        if isinstance(result, str):
            print(f"  {exercise.id:<10} {result}")
            continue
        latency = [total for total, _ in result]
        median = statistics.median(latency)
        check = statistics.median(baseline[exercise.id])
        verdict = "ok" if median <= check else "watch is slower"
        print(f"  {exercise.id:<10} watch re-check median {median * 1000:6.0f} ms "
              f"(min {min(latency) * 1000:4.0f}, max {max(latency) * 1000:5.0f})   "
              f"`actgrade check` median {check * 1000:6.0f} ms   ratio {median / check:4.2f}   {verdict}")


if __name__ == "__main__":
    main()
