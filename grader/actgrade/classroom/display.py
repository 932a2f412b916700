"""What `actgrade grade` shows: a progress bar (or one line per pair) on stderr, a summary table on stdout."""

from __future__ import annotations

import click

from actgrade.classroom.pairs import PairResult
from actgrade.classroom.results import ClassResults
from actgrade.numbers import points_text


class ProgressDisplay:
    """A progress bar on a terminal; one plain line per pair otherwise (logs, CI)."""

    def __init__(self, total: int) -> None:
        from actgrade import render

        self.total, self.done = total, 0
        self.console = render.console(stderr=True)
        self.bar = None

    def __enter__(self) -> ProgressDisplay:
        if self.console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                TextColumn("[dim]{task.description}"), console=self.console)
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, student: str, exercise: str, result: PairResult) -> None:
        self.done += 1
        verdict = f"{points_text(result.score)}/{points_text(result.max_score)}"
        verdict += f" ({result.note})" if result.note else ""
        if self.bar is not None:
            from rich.markup import escape

            self.bar.update(self.task, advance=1, description=escape(f"{student} {exercise}"))
            if result.status == "internal-error":
                self.bar.console.print(f"[red]{escape(f'{student} {exercise}: {result.note}')}[/red]")
        else:
            width = len(str(self.total))
            click.echo(f"[{self.done:>{width}}/{self.total}] {student} {exercise}: {verdict}", err=True)


def print_summary(data: ClassResults, elapsed: float, jobs: int, written: list[str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from actgrade import render

    out = render.console(stderr=False)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("student")
    for exercise in data.exercises:
        table.add_column(f"{exercise.id}\n/{points_text(data.maximum(exercise))}", justify="right")
    table.add_column(f"total\n/{points_text(data.total_max())}", justify="right")
    table.add_column("notes")

    def cell(score: float, maximum: float) -> str:
        colour = "green" if maximum and score >= maximum else ("red" if score == 0 else "")
        return f"[{colour}]{points_text(score)}[/{colour}]" if colour else points_text(score)

    for student in data.students:
        table.add_row(escape(student), *(cell(data.results[student, e.id].score, data.maximum(e))
                                         for e in data.exercises),
                      cell(data.total(student), data.total_max()), escape(data.notes(student)))
    count = len(data.students)
    means = [sum(data.results[s, e.id].score for s in data.students) / count for e in data.exercises]
    table.add_row("[dim]class mean[/dim]", *(f"[dim]{m:.1f}[/dim]" for m in means),
                  f"[dim]{sum(means):.1f}[/dim]", "")
    out.print(table)
    pairs = len(data.results)
    full = sum(data.total(s) >= data.total_max() for s in data.students)
    out.print(f"\n{plural(count, 'student')}, {plural(len(data.exercises), 'exercise')}: "
              f"{plural(pairs, 'submission')} graded in "
              f"{elapsed:.1f} s with {plural(jobs, 'worker')} ({pairs / max(elapsed, 1e-9):.1f}/s); "
              f"{full} of {count} got full marks.")
    out.print(f"Seed {data.seed}: every student got the same inputs (replay with --seed {data.seed}).")
    for line in written:
        out.print(f"wrote {escape(line)}")


def plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count} {word}es" if word.endswith("ss") else f"{count} {word}s"
