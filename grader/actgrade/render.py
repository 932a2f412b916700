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


def print_report(report: Report, out: Console | None = None, next_steps: list[str] | None = None) -> None:
    """The check report: one line per check, its hints indented under it."""
    from rich.markup import escape
    from rich.padding import Padding
    from rich.text import Text

    out = out or console()
    previous = None
    out.print(f"[bold]{report.exercise}: {escape(report.title)}[/bold]   "
              f"[dim]seed {report.seed} (replay with --seed {report.seed})[/dim]")
    for check in report.checks:
        mark = "[green]PASS[/green]" if check.passed else "[red]FAIL[/red]"
        score = f"{points_text(check.points)}/{points_text(check.max_points)}"
        out.print(f"  {mark} {escape(check.title)} [dim]({score})[/dim]")
        for hint in check.hints:
            label = hint_label(hint.category)
            # On a passing check a hint is a warning or a lesson, not a verdict.
            label, colour = (f"note ({label})", "yellow") if check.passed else (label, "red")
            text = "(the same as above)" if hint.text == previous else hint.text
            previous = hint.text
            line = Text.assemble((f"{label}: ", colour), text)
            out.print(Padding(line, (0, 0, 0, 7)) if out.is_terminal else Text("       ").append_text(line))
    if report.learner_output.strip():
        out.print("\n[dim]Your code printed:[/dim]")
        out.print(escape(report.learner_output.rstrip()), overflow="fold", markup=False)
    verdict = "[green]all checks passed[/green]" if report.passed else "[red]not passed yet[/red]"
    out.print(f"\nScore {points_text(report.score)}/{points_text(report.max_score)}: {verdict} "
              f"[dim]({report.duration_s:.2f} s)[/dim]")
    for step in next_steps or []:
        out.print(f"[cyan]Next:[/cyan] {escape(step)}")


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
    return [f"fix the first failing check, then {again} (the same inputs: --seed {report.seed}). "
            f"Stuck? actgrade hint {exercise.id}"]
