"""One class run as a graph of pairs on the engine: which pair waits for which, and what each one
inherits from those it waited for.

- The reference solutions are graded first, one pair per exercise, with the run's seed: their
  time on an exercise sets every student's time budget for it (`BUDGET_FACTOR` times as much,
  at least `BUDGET_FLOOR` seconds).
- A student's exercise waits for the earlier exercises its file names (`builds_on`): whatever
  hung there (`relu` in exercise 1) is replaced by a stand-in that fails at once in the later
  ones, so one endless loop costs one time limit, not one per exercise that imports it.
- Each finished pair goes to the journal at once; a resumed run starts from what it holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from pathlib import Path

from actgrade import catalog
from actgrade.catalog import Exercise
from actgrade.classroom.engine import Task, run_graph
from actgrade.classroom.journal import Journal
from actgrade.classroom.pairs import (
    BUDGET_FACTOR,
    BUDGET_FLOOR,
    Pair,
    PairResult,
    builds_on,
    grade_pair,
    internal_error,
    workspace_digest,
)
from actgrade.classroom.results import ClassResults

REFERENCE = "reference solutions"  # the pseudo-student that checks the seed and sets the budgets


@dataclasses.dataclass
class RunSettings:
    """How every pair of a run is graded."""

    seed: int
    reference_check: bool = True
    pair_timeout: float | None = None
    isolation: str | None = None
    warm: bool = True
    last_resort: bool = True  # workers end themselves when a grading is stuck on the grader's side


def budget_from(reference: PairResult | None) -> float | None:
    """The time budget of a student's pair, from the reference's pair on the same exercise."""
    if reference is None or reference.status != "graded":
        return None
    return max(BUDGET_FLOOR, BUDGET_FACTOR * float(reference.report.get("duration_s", 0.0)))


def plan_tasks(students: list[tuple[str, Path]], exercises: list[Exercise],
               settings: RunSettings) -> tuple[dict[Hashable, Task], dict[str, str]]:
    """The graph of pairs, keyed by (student, exercise id), and each student's digest of files."""
    def pair(student: str, workspace: Path, exercise: Exercise) -> Pair:
        return Pair(student, str(workspace), exercise.id, settings.seed, isolation=settings.isolation,
                    deadline=settings.pair_timeout, warm=settings.warm, last_resort=settings.last_resort)

    tasks: dict[Hashable, Task] = {}
    digests: dict[str, str] = {}
    if settings.reference_check:
        reference = catalog.solutions_dir().resolve()
        digests[REFERENCE] = workspace_digest(reference)
        for exercise in exercises:
            tasks[REFERENCE, exercise.id] = Task(pair(REFERENCE, reference, exercise), priority=100 + exercise.number)
    chosen = {e.id for e in exercises}
    for name, folder in students:
        workspace = folder.resolve()
        digests[name] = workspace_digest(workspace)
        for exercise in exercises:
            after = {(name, earlier) for earlier in builds_on(workspace, exercise) if earlier in chosen}
            if settings.reference_check:
                after.add((REFERENCE, exercise.id))
            # the longer exercises (higher numbers) first, so no worker is left with one at the end
            tasks[name, exercise.id] = Task(pair(name, workspace, exercise), after, priority=exercise.number)
    return tasks, digests


def with_inheritance(tasks: dict[Hashable, Task]) -> Callable[[Hashable, Pair, dict], Pair]:
    """`prepare` for `run_graph`: a pair gets its budget and what hung in the exercises it waited for."""
    def prepare(key: Hashable, pair: Pair, finished: dict) -> Pair:
        student, exercise = key
        hung: list[tuple[str, str]] = []
        for before in sorted(tasks[key].after, key=str):
            if before[0] == student and finished.get(before) is not None:
                hung.extend(tuple(item) for item in finished[before].hung)
        budget = budget_from(finished.get((REFERENCE, exercise))) if student != REFERENCE else None
        return dataclasses.replace(pair, hung=tuple(dict.fromkeys(hung)), budget=budget)

    return prepare


def grade_class(client: object, students: list[tuple[str, Path]], exercises: list[Exercise],
                settings: RunSettings, journal: Journal | None = None,
                progress: Callable[[str, str, PairResult], None] | None = None,
                resumed: Callable[[int, int], None] | None = None) -> ClassResults:
    """Grade every (student, exercise) pair on the cluster behind `client`; the reference first.

    `progress(student, exercise, result)` is called as each pair ends; `resumed(done, total)` once,
    before grading starts, with the number of pairs the journal already holds."""
    tasks, digests = plan_tasks(students, exercises, settings)
    finished: dict[Hashable, PairResult] = {}
    if journal is not None:
        for key in tasks:
            result = journal.done(key[0], key[1], digests[key[0]])
            if result is not None:
                finished[key] = result
    if resumed is not None:
        resumed(len(finished), len(tasks))
    data = ClassResults(settings.seed, exercises, [name for name, _ in students], {})

    def store(key: Hashable, result: PairResult) -> None:
        if key[0] == REFERENCE:
            data.reference[key[1]] = result
        else:
            data.results[key] = result

    for key, result in finished.items():
        store(key, result)

    def on_done(key: Hashable, result: PairResult | None, problem: str | None) -> PairResult:
        if result is None:
            result = internal_error(tasks[key].argument, problem or "no result")
        store(key, result)
        if journal is not None:
            journal.record(key[0], key[1], digests[key[0]], result)
        if progress is not None:
            progress(key[0], key[1], result)
        return result

    run_graph(client, tasks, grade_pair, on_done, prepare=with_inheritance(tasks), finished=finished)
    return data
