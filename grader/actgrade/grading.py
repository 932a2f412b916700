"""Grade one exercise: run its hidden checks against the learner's module.

The learner's code only ever runs in the sandboxed child; this module runs
the checks, which call into the child and judge plain data.
"""

from __future__ import annotations

import hashlib
import importlib
import secrets
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from actgrade import catalog
from actgrade.catalog import Exercise
from actgrade.checks import core
from actgrade.checks.core import Check, CheckFailed, Context, Hint, NotStarted, Submission, import_failure_hint
from actgrade.report import CheckResult, Report
from actgrade.sandbox.runner import Sandbox


def new_seed() -> int:
    return secrets.randbelow(2**31)


def checks_for(exercise: Exercise) -> list[Check]:
    return core.checks_of(importlib.import_module(exercise.checks_module))


def check_rng(seed: int, check_name: str) -> np.random.Generator:
    """Each check gets its own stream, keyed by its name: replaying a seed replays every
    check that still exists, whatever checks were added, removed or moved since."""
    key = int.from_bytes(hashlib.sha256(check_name.encode()).digest()[:8], "big")
    return np.random.default_rng([seed, key])


class Session:
    """The learner's module imported in a sandbox, ready to run its checks one by one.

    `grade` runs them all in order; the notebook runs them one per test cell.
    Either way each check gets the random stream `check_rng(seed, name)`,
    so the same code and seed give the same verdicts.
    """

    def __init__(self, exercise: Exercise, sandbox: Sandbox, seed: int) -> None:
        self.exercise, self.sandbox, self.seed = exercise, sandbox, seed
        sandbox.start()  # the child imports NumPy while we load the checks
        self.checks = checks_for(exercise)
        self.ref = catalog.reference_module(exercise)
        imported = sandbox.import_module(exercise.module, timeout=30)
        self.import_hint = None if imported.ok else import_failure_hint(imported, exercise)
        self.import_hung = imported.problem == "timeout"
        self.submission = None
        if imported.ok:
            self.submission = Submission(sandbox, exercise.module, exercise.filename, self.ref,
                                         sandbox.names(exercise.module))

    @property
    def hung(self) -> list[tuple[str, str]]:
        """The learner's functions that hung so far in this session, as (module, function)."""
        if self.import_hung:
            return [(self.exercise.module, "<import>")]
        return self.submission.hung if self.submission is not None else []

    def index_of(self, name: str) -> int:
        for index, item in enumerate(self.checks):
            if item.name == name:
                return index
        raise LookupError(f"{self.exercise.id} has no check named {name!r}")

    def run(self, index: int) -> CheckResult:
        item = self.checks[index]
        if self.submission is None:  # the file could not be imported: nothing can run
            return _failed(item, self.import_hint)
        ctx = Context(self.seed, check_rng(self.seed, item.name), self.ref, self.exercise.id)
        return run_check(item, self.submission, ctx)


def grade(exercise: Exercise, workspace: Path, seed: int | None = None,
          sandbox: Sandbox | None = None, hung: Sequence[tuple[str, str]] = ()) -> Report:
    """Run every check of `exercise` on the learner's file in `workspace`.

    `hung` lists (module, function) pairs of the learner's that hung in an earlier exercise: the
    sandbox puts stand-ins in their place that fail at once (see `Sandbox.skip_hung`)."""
    seed = new_seed() if seed is None else int(seed)
    own_sandbox = sandbox is None
    sandbox = sandbox or Sandbox(workspace)
    report = Report(exercise.id, exercise.title, seed)
    try:
        if hung:
            sandbox.skip_hung([tuple(item) for item in hung])
        session = Session(exercise, sandbox, seed)
        report.import_failed = session.submission is None
        report.checks = [session.run(index) for index in range(len(session.checks))]
        report.learner_output = sandbox.output()
        report.isolation = dict(sandbox.isolation)
        report.hung = session.hung
    finally:
        if own_sandbox:
            sandbox.close()
    # Count from the child's start, which a caller may have made earlier.
    report.duration_s = time.perf_counter() - (sandbox.started_at or time.perf_counter())
    return report


def failed_report(exercise: Exercise, seed: int, hint: Hint) -> Report:
    """A report in which every check failed with the same hint (nothing could run)."""
    report = Report(exercise.id, exercise.title, seed)
    report.checks = [_failed(item, hint) for item in checks_for(exercise)]
    return report


def run_check(item: Check, submission: Submission, ctx: Context) -> CheckResult:
    submission.timeout = item.timeout
    submission.called = []
    try:
        item.run(submission, ctx)
    except NotStarted as exc:
        return _failed(item, exc.hint, topic=_topic(item, submission))
    except CheckFailed as exc:
        return _failed(item, *exc.hints, *ctx.notes, topic=_topic(item, submission))
    except Exception as exc:  # a bug in a check must not crash the grader
        return _failed(item, Hint(
            "error",
            f"The grader could not finish this check ({type(exc).__name__}: {exc}). "
            "Your function probably returned something of an unexpected kind; "
            "compare what it returns with the docstring. If it looks right, please report this.",
        ), topic=_topic(item, submission))
    return CheckResult(item.name, item.title, True, item.points, item.points, "passed", list(ctx.notes),
                       _topic(item, submission))


def _topic(item: Check, submission: Submission) -> str:
    """What the check was about when it ended: its declared topic, else the learner's name it used last."""
    return item.about or (submission.called[-1] if submission.called else "")


def _failed(item: Check, *hints: Hint, topic: str = "") -> CheckResult:
    return CheckResult(item.name, item.title, False, 0.0, item.points, hints[0].text if hints else "failed",
                       list(hints), topic or item.about or "")
