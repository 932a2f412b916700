"""`actgrade dev check`: is every exercise complete, and does every mistake file get its hint?

For the people who write exercises, in a clone of the repository. An exercise is complete when
it has a solution, a stub generated from it and up to date, a folder of hidden tests with at
least one check, three hints and a plot, and, for every hint category its checks can fail
with, at least one realistic wrong implementation in `tests/mistakes/<module>/` that gets that
category. Each mistake file states what it must get in directives at its top:

    # expect: overflow          a failing check must carry this hint category
    # expect-warning: dead-relu a check (passing or not) must carry this category
    # check: sigmoid_values     the named check must be among the failing ones
    # seed: 7                   grade with this seed (default 12345)
    # expect-words: np.outer; flattens
    #                           phrases the hints of the first named check (else of the first
    #                           failing check) must contain: the words that name the real cause
    # reject-words: keepdims    phrases they must not contain: a wrong diagnosis that once came
    # in: exercise2_sigmoid     the mistake is in this earlier exercise's file; the folder's
    #                           exercise is graded (its hint must say which exercise to fix)

No hint of any report may name a check (learners never see check names) or speak of "the seed
question".

The project's tests call the same functions (`structure_problems`, `mistake_problems`).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import click

from actgrade import authoring, catalog
from actgrade.catalog import Exercise
from actgrade.options import UsageProblem, friendly_errors

DEFAULT_SEED = 12345
HINT_LEVELS = 3
_DIRECTIVE = re.compile(r"^#\s*(expect|expect-warning|check|seed|expect-words|reject-words|in)\s*:\s*(.+?)\s*$",
                        re.MULTILINE)
# The categories a check fails with: fail("value", ...), Hint("timeout", ...).
_VERDICT = re.compile(r'(?:\bfail|\bHint)\(\s*"([a-z-]+)"')


def directives(source: str) -> dict[str, list[str]]:
    """`# expect: overflow` style lines at the top of a mistake file, by key."""
    found: dict[str, list[str]] = {}
    for key, value in _DIRECTIVE.findall(source):
        found.setdefault(key, []).append(value)
    return found


def mistakes_dir(root: Path) -> Path:
    return root / "tests" / "mistakes"


def mistake_files(root: Path) -> list[Path]:
    return sorted(mistakes_dir(root).glob("exercise*_*/*.py"))


def solutions_workspace(target: Path) -> Path:
    """A folder holding a copy of every reference solution."""
    target.mkdir(parents=True, exist_ok=True)
    for path in catalog.solutions_dir().glob("exercise*_*.py"):
        shutil.copyfile(path, target / path.name)
    return target


def patched_workspace(target: Path, module: str, patch: str) -> Path:
    """Solutions everywhere; `module` is the solution with `patch` appended (later definitions
    win, so the patch replaces the functions it defines)."""
    solutions_workspace(target)
    path = target / f"{module}.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n# --- one mistake ---\n" + patch, encoding="utf-8")
    return target


def verdict_categories(exercise: Exercise) -> set[str]:
    """The hint categories the exercise's own checks fail with (read from their source)."""
    folder = Path(catalog.__file__).resolve().parent / "checks" / exercise.module
    found: set[str] = set()
    for path in folder.glob("*.py"):
        found |= set(_VERDICT.findall(path.read_text(encoding="utf-8")))
    return found


def structure_problems(root: Path) -> list[str]:
    """What is missing or stale, one line each; [] when every exercise is complete."""
    from actgrade import grading, hints, plots

    problems: list[str] = []
    stubs = authoring.expected_stubs()
    for exercise in catalog.exercises():
        name = exercise.id
        stub = catalog.stubs_dir() / exercise.filename
        if not stub.is_file() or stub.read_text(encoding="utf-8") != stubs[stub]:
            problems.append(f"{name}: the stub {stub} is missing or stale (run `python -m actgrade.authoring`)")
        if not exercise.has_checks:
            problems.append(f"{name}: no folder of hidden tests actgrade/checks/{exercise.module}/")
            continue
        if not grading.checks_for(exercise):
            problems.append(f"{name}: its checks folder defines no @check")
        levels = hints.hints_for(exercise)
        if len(levels) != HINT_LEVELS:
            problems.append(f"{name}: {len(levels)} hint level(s) in hints.py, {HINT_LEVELS} expected")
        if plots.plot_module(exercise) is None:
            problems.append(f"{name}: no plot.py in its checks folder")
        problems += _missing_mistakes(root, exercise)
    return problems


def _missing_mistakes(root: Path, exercise: Exercise) -> list[str]:
    files = sorted((mistakes_dir(root) / exercise.module).glob("*.py"))
    if not files:
        return [f"{exercise.id}: no mistake files in {mistakes_dir(root) / exercise.module}"]
    covered: set[str] = set()
    for path in files:
        wanted = directives(path.read_text(encoding="utf-8"))
        covered |= set(wanted.get("expect", [])) | set(wanted.get("expect-warning", []))
    return [f"{exercise.id}: no mistake file expects the category {category!r}, which its checks can fail with"
            for category in sorted(verdict_categories(exercise) - covered)]


def mistake_problems(path: Path) -> list[str]:
    """Grade one mistake file; what it did not get that its directives ask for."""
    from actgrade import grading

    source = path.read_text(encoding="utf-8")
    wanted = directives(source)
    if not (wanted.get("expect") or wanted.get("expect-warning")):
        return [f"{path}: no '# expect:' or '# expect-warning:' line"]
    exercise = catalog.find(path.parent.name)
    patched = wanted.get("in", [exercise.module])[0]  # a mistake in an earlier exercise's file
    with tempfile.TemporaryDirectory(prefix="actgrade-mistake-") as scratch:
        workspace = patched_workspace(Path(scratch), patched, source)
        report = grading.grade(exercise, workspace, seed=int(wanted.get("seed", [DEFAULT_SEED])[0]))
    failing = [c for c in report.checks if not c.passed]
    failing_categories = {h.category for c in failing for h in c.hints}
    all_categories = {h.category for c in report.checks for h in c.hints}
    got = "; ".join(f"{c.name}: {', '.join(h.category for h in c.hints) or 'no hint'}" for c in failing) or "all passed"
    problems = []
    for category in wanted.get("expect", []):
        if report.passed or category not in failing_categories:
            problems.append(f"{path.name}: expected a failing check with {category!r}; got {got}")
    for category in wanted.get("expect-warning", []):
        if category not in all_categories:
            problems.append(f"{path.name}: expected a hint {category!r} on some check; got {got}")
    for name in wanted.get("check", []):
        if name not in {c.name for c in failing}:
            problems.append(f"{path.name}: expected the check {name} to fail; got {got}")
    problems += [f"{path.name}: the failing check {c.name} carries no hint" for c in failing if not c.hints]
    return problems + _wording_problems(path, report, failing, wanted)


def _wording_problems(path: Path, report: Any, failing: list, wanted: dict[str, list[str]]) -> list[str]:
    """The words the hints must and must not contain, and what no hint may say."""
    problems = []
    named = [c for c in failing if c.name in wanted.get("check", [])[:1]] or failing[:1]
    told = " ".join(h.text for c in named for h in c.hints)
    for phrase in (p.strip() for line in wanted.get("expect-words", []) for p in line.split(";")):
        if phrase not in told:
            problems.append(f"{path.name}: the hint should say {phrase!r}; it says: {told[:300]}")
    for phrase in (p.strip() for line in wanted.get("reject-words", []) for p in line.split(";")):
        if phrase in told:
            problems.append(f"{path.name}: the hint should not say {phrase!r}; it says: {told[:300]}")
    check_names = {c.name for c in report.checks}
    for check in report.checks:
        for hint in check.hints:
            if check_names & set(re.findall(r"\w+", hint.text)):
                problems.append(f"{path.name}: a hint of {check.name} names a check: {hint.text[:200]}")
            if "seed question" in hint.text.lower():
                problems.append(f"{path.name}: a hint of {check.name} speaks of the seed question")
    return problems


# -- the command ---------------------------------------------------------------------------------


@click.group("dev")
def dev_command() -> None:
    """Tools for exercise authors, run in a clone of the repository."""


@dev_command.command("check")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="The repository's root folder (it holds tests/mistakes/).")
@click.option("--skip-mistakes", is_flag=True, help="Check the structure only; do not grade the mistake files.")
@friendly_errors
def dev_check_command(root: Path, skip_mistakes: bool) -> None:
    """Every exercise complete, every mistake file graded with its expected hint.

    Complete: a solution, an up-to-date stub, a checks folder with checks, three hints and a
    plot, and a mistake file for every hint category its checks can fail with.
    """
    if not mistakes_dir(root).is_dir():
        raise UsageProblem(f"no {mistakes_dir(root)}: run this in the repository's root, or pass --root")
    problems = structure_problems(root)
    files = [] if skip_mistakes else mistake_files(root)
    progress = (click.progressbar(files, label="grading the mistake files", show_pos=True,
                                  file=click.get_text_stream("stderr")) if files else contextlib.nullcontext([]))
    with progress as bar:
        for path in bar:
            problems += mistake_problems(path)
    for problem in problems:
        click.echo(f"  {problem}")
    exercises = len(catalog.exercises())
    if problems:
        click.echo(f"dev check: {len(problems)} problem(s) in {exercises} exercises.")
        raise SystemExit(1)
    graded = f", {len(files)} mistake files graded" if files else ""
    click.echo(f"dev check: {exercises} exercises complete{graded}.")
