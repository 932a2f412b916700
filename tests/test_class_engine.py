"""The engine under `actgrade grade`: Dask distributed, pairs that wait for their prerequisites, a
worker that dies, a pair past its deadline, what hung not waited for again, and resuming a run.

The first tests run tasks on a local cluster in this process; the last ones run `actgrade grade`
as a teacher does, on a class of a correct student and one whose `relu` never returns.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actgrade.classroom.engine import Task, cluster, run_graph
from helpers import patched_workspace, solutions_workspace

HANGING_RELU = "def relu(x):\n    while True:\n        pass\n"


def _square_or_die(task: int) -> int:
    if task == 3:
        os._exit(7)  # a worker process that dies mid-task
    if task == 4:
        raise ValueError("four")
    return task * task


def _add_inherited(argument: tuple[int, int]) -> int:
    own, inherited = argument
    return own + inherited


@pytest.fixture(scope="module")
def client():
    with cluster(2) as (dask_client, workers):
        assert workers == 2
        yield dask_client


def test_a_dying_worker_costs_only_its_own_task(client) -> None:
    done: dict[int, tuple] = {}
    tasks = {n: Task(n) for n in (1, 2, 3, 4, 5, 6)}
    results = run_graph(client, tasks, _square_or_die,
                        lambda key, value, problem: done.setdefault(key, (value, problem)))
    assert sorted(done) == sorted(results) == [1, 2, 3, 4, 5, 6]
    assert [done[n][0] for n in (1, 2, 5, 6)] == [1, 4, 25, 36]
    assert done[3][0] is None and "stopped unexpectedly" in done[3][1] and "worker died" in done[3][1]
    assert done[4] == (None, "the grader raised ValueError: four")


def test_a_task_runs_after_its_prerequisites_with_their_results(client) -> None:
    order: list[str] = []
    tasks = {"a": Task((1, 0)), "b": Task((10, 0), after={"a"}), "c": Task((100, 0), after={"a", "b"}),
             "d": Task((1000, 0), after={"not a task"})}

    def prepare(key: str, argument: tuple[int, int], finished: dict) -> tuple[int, int]:
        return argument[0], sum(finished[before] for before in tasks[key].after if before in finished)

    def on_done(key: str, value: int, problem: str | None) -> int:
        order.append(key)
        return value

    results = run_graph(client, tasks, _add_inherited, on_done, prepare=prepare, finished={"a": 1})
    assert results == {"a": 1, "b": 11, "c": 112, "d": 1000}
    assert "a" not in order and order.index("b") < order.index("c")  # "a" was known: not run again


# -- a class with a hanging student, through the command ------------------------------------------

def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "actgrade", *args], env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def hanging_class(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("hanging")
    subs = root / "submissions"
    solutions_workspace(subs / "correct")
    patched_workspace(subs / "hanger", "exercise1_relu", HANGING_RELU)
    out = root / "results"
    args = ("grade", str(subs), "-e", "1,5", "--seed", "7", "--jobs", "2", "--pair-timeout", "4",
            "--out", str(out), "--format", "csv,json")
    result = run(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"subs": subs, "out": out, "args": args, "result": result,
            "json": json.loads((out / "results.json").read_text(encoding="utf-8")),
            "csv": (out / "grades.csv").read_text(encoding="utf-8")}


def test_a_pair_past_its_deadline_is_recorded_as_timed_out(hanging_class: dict) -> None:
    hanger = hanging_class["json"]["students"]["hanger"]["exercises"]["exercise1"]
    assert hanger["status"] == "timeout" and hanger["note"] == "timed out after 4 s"
    report = hanger["report"]
    assert report["duration_s"] < 10  # stopped at the deadline, not at the 10 s limit of the call
    failed = [c for c in report["checks"] if not c["passed"]]
    assert failed and all(c["hints"][0]["category"] == "timeout" for c in failed)
    assert any("longer than 4 s" in c["hints"][0]["text"] for c in failed)  # what came after the deadline
    correct = hanging_class["json"]["students"]["correct"]
    assert correct["score"] == correct["max_score"] > 0  # the run went on


def test_what_hung_is_not_waited_for_in_later_exercises(hanging_class: dict) -> None:
    later = hanging_class["json"]["students"]["hanger"]["exercises"]["exercise5"]
    assert later["status"] == "graded"
    report = later["report"]
    assert report["duration_s"] < 4  # no time limit waited out again
    hints = [h for c in report["checks"] if not c["passed"] for h in c["hints"]]
    assert hints and {h["category"] for h in hints} == {"timeout"}
    assert all("uses `relu` from exercise1_relu.py" in h["text"] for h in hints)
    assert 0 < report["score"] < report["max_score"]  # what never calls relu still scores


def test_running_the_same_command_again_resumes(hanging_class: dict) -> None:
    journal = hanging_class["out"] / "journal.jsonl"
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["seed"] == 7 and len(lines) == 1 + 2 + 4  # header, reference, 2 students
    # An interruption: the last two pairs never finished, the line before them was cut short.
    journal.write_text("\n".join(lines[:-3]) + "\n" + lines[-3][:40], encoding="utf-8")
    again = run(*(a for a in hanging_class["args"] if a not in ("--seed", "7")))  # the seed comes from the journal
    assert again.returncode == 0, again.stderr
    assert "Resuming: 3 of 6 pairs" in again.stderr and "with seed 7" in again.stderr
    assert len([line for line in again.stderr.splitlines() if line.startswith("[")]) == 3
    assert (hanging_class["out"] / "grades.csv").read_text(encoding="utf-8") == hanging_class["csv"]
    with open(hanging_class["out"] / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert rows["hanger"]["notes"].startswith("exercise1: timed out")


# -- Dask stays optional --------------------------------------------------------------------------

BLOCK_DASK = """
import sys

class NoDask:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ImportError(f"No module named {name!r}")

sys.meta_path.insert(0, NoDask())
"""


def test_help_never_loads_dask() -> None:
    code = ("import sys\nfrom actgrade.cli import cli\n"
            "for args in (['--help'], ['grade', '--help']):\n"
            "    try:\n        cli(args, prog_name='actgrade')\n    except SystemExit:\n        pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "--scheduler ADDRESS" in result.stdout
    assert result.stdout.strip().endswith("[]")


def test_without_dask_grade_says_how_to_install_it(tmp_path: Path) -> None:
    solutions_workspace(tmp_path / "subs" / "alice")
    code = BLOCK_DASK + "from actgrade.cli import main\nsys.argv = ['actgrade', 'grade', sys.argv[1]]\nmain()\n"
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "subs")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip() == ("actgrade: grading a class runs on Dask distributed, which is not installed; "
                                     'install it with: python3 -m pip install "actgrade[classroom]"')
    assert not (tmp_path / "actgrade-results").exists()
