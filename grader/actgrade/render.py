"""Readable terminal output for reports and lists (rich, imported lazily).

Colour follows rich's rules: none when NO_COLOR is set or output is not a
terminal, so piped or logged output stays plain text.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from actgrade.catalog import Exercise
from actgrade.numbers import points_text
from actgrade.report import Report, hint_label

if TYPE_CHECKING:
    from rich.console import Console

def console(stderr: bool = False) -> Console:
    """A console that wraps to the terminal, and not at all into files or pipes."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(stderr=stderr, highlight=False)
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=120)


def print_report(report: Report, out: Console | None = None, next_steps: list[str] | None = None,
                 show_all: bool = False) -> None:
    """The check report, folded for a beginner: the first failing check with its whole message, later
    failures one line each (their category), and notes of passing checks only once everything passes.
    `show_all` prints every message of every check, as before folding."""
    from rich.markup import escape

    out = out or console()
    out.print(f"[bold]{report.exercise}: {escape(report.title)}[/bold]   "
              f"[dim]seed {report.seed} (replay with --seed {report.seed})[/dim]")
    if report.import_failed and not show_all and report.checks and report.checks[0].hints:
        _print_hint(out, report.checks[0].hints[0], passed=False)
        out.print(f"  [red]None of the {len(report.checks)} checks could run[/red] "
                  f"[dim](0/{points_text(report.max_score)})[/dim]")
    else:
        _print_checks(report, out, show_all)
    if report.learner_output.strip():
        out.print("\n[dim]Your code printed:[/dim]")
        out.print(escape(report.learner_output.rstrip()), overflow="fold", markup=False)
    verdict = "[green]all checks passed[/green]" if report.passed else "[red]not passed yet[/red]"
    out.print(f"\nScore {points_text(report.score)}/{points_text(report.max_score)}: {verdict} "
              f"[dim]({report.duration_s:.2f} s)[/dim]")
    for step in next_steps or []:
        out.print(f"[cyan]Next:[/cyan] {escape(step)}")


def _print_checks(report: Report, out: Console, show_all: bool) -> None:
    from rich.markup import escape

    shown: set[str] = set()
    first_failure = True
    hidden_notes = folded = 0
    for check in report.checks:
        mark = "[green]PASS[/green]" if check.passed else "[red]FAIL[/red]"
        score = f"{points_text(check.points)}/{points_text(check.max_points)}"
        line = f"  {mark} {escape(check.title)} [dim]({score})[/dim]"
        if check.passed and not show_all and not report.passed:
            hidden_notes += len(check.hints)
            out.print(line)
            continue
        if not check.passed and not show_all and not first_failure:
            hint = check.hints[0] if check.hints else None
            cause = "the same problem as above" if hint and hint.text in shown else \
                hint_label(hint.category) if hint else "failed"
            out.print(f"{line}[red]: {escape(cause)}[/red]")
            folded += 1
            continue
        out.print(line)
        for hint in check.hints:
            if hint.text in shown and not check.passed:
                _print_text(out, f"{hint_label(hint.category)}: ", "(the same problem as above)", "red")
                continue
            _print_hint(out, hint, check.passed)
            shown.add(hint.text)
        first_failure = first_failure and check.passed
    if folded or hidden_notes:
        parts = [f"{folded} more failing check{'s' if folded != 1 else ''} in one line each"] if folded else []
        if hidden_notes:
            parts.append(f"{hidden_notes} note{'s' if hidden_notes != 1 else ''} on passing checks")
        out.print(f"  [dim]({' and '.join(parts)}: fix the first failure, or add --all to see every message)[/dim]")


def _print_hint(out: Console, hint, passed: bool) -> None:
    label = hint_label(hint.category)
    # On a passing check a hint is a warning or a lesson, not a verdict.
    label, colour = (f"note ({label})", "yellow") if passed else (label, "red")
    _print_text(out, f"{label}: ", hint.text, colour)


def _print_text(out: Console, label: str, text: str, colour: str) -> None:
    from rich.padding import Padding
    from rich.text import Text

    line = Text.assemble((label, colour), text)
    out.print(Padding(line, (0, 0, 0, 7)) if out.is_terminal else Text("       ").append_text(line))


def print_progress(rows: list[tuple[str, str, str, str]], done: int, total: int,
                   out: Console | None = None) -> None:
    """`actgrade list`: a table of exercises and a progress bar (plain columns, without loading
    rich, when the output is a file or a pipe)."""
    if out is None and not sys.stdout.isatty():
        print_plain_progress(rows, done, total)
        return
    from rich.progress_bar import ProgressBar
    from rich.table import Table

    out = out or console()
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("exercise", "title", "status", "file"):
        table.add_column(column)
    colours = {"passed": "green", "failing": "red", "not started": "dim"}
    for exercise, title, status, filename in rows:
        colour = next((c for key, c in colours.items() if status.startswith(key)), "")
        table.add_row(exercise, title, f"[{colour}]{status}[/{colour}]" if colour else status, filename)
    out.print(table)
    line = Table.grid(padding=(0, 1))
    line.add_row(ProgressBar(total=total, completed=done, width=40), f"{done}/{total} exercises passed")
    out.print()
    out.print(line)


def print_plain_progress(rows: list[tuple[str, str, str, str]], done: int, total: int) -> None:
    header = ("exercise", "title", "status", "file")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3])
    print(f"\n{done}/{total} exercises passed")


def next_steps(report: Report, exercise: Exercise, path: Path, watching: bool = False) -> list[str]:
    """What to do after this report; `watching` words it for `actgrade watch`."""
    from actgrade import catalog

    again = "save the file: it is checked again at once" if watching else \
        f"run `actgrade check {exercise.id}` again"
    if report.passed:
        steps = [f"read the reference solution and compare: actgrade solution {exercise.id}"]
        later = [e for e in catalog.exercises() if e.number > exercise.number]
        if later:
            how = f"open {later[0].filename} and save it" if watching else f"actgrade check {later[0].id}"
            steps.append(f"go on with {later[0].id} ({later[0].title}): {how}")
        return steps
    if report.not_started:
        return [f"open {path}, read the docstrings, and replace each `raise NotImplementedError` line "
                f"with your code; then {again}. Stuck? actgrade hint {exercise.id}"]
    if report.import_failed:
        return [f"fix the line the message names, then {again}."]
    return [f"fix the first failing check, then {again} (the same inputs: --seed {report.seed}). "
            f"Stuck? actgrade hint {exercise.id}"]
