"""An exercise's nbgrader source notebook: the task, the solution cells, the worked examples, and
one test cell per hidden check (visible self-check on the example inputs, hidden grading with the
assignment's seed), built from what each check reads of the learner's module."""

from __future__ import annotations

import doctest
import inspect
import re
import textwrap
import time
import warnings
from dataclasses import dataclass
from typing import Any

from actgrade import catalog
from actgrade.catalog import Exercise
from actgrade.classroom.pieces import (
    CODE_WIDTH,
    EXAMPLE_MAX_SIZE,
    EXAMPLE_SECONDS,
    HIDDEN_BEGIN,
    HIDDEN_END,
    KERNELSPEC,
    NBGRADER_MARKERS,
    CourseError,
    Piece,
    imported_exercises,
    nbgrader_markers,
    split_solution,
)
from actgrade.notebook import EXAMPLES_HEADER

# -- which learner names each check uses --------------------------------------------------------

@dataclass
class CheckInfo:
    name: str
    title: str
    points: float
    timeout: float | None
    uses: list[str]  # learner functions and values the check reads, in order of first use
    reference_passed: bool
    reference_message: str


def record_checks(exercise: Exercise, seed: int) -> list[CheckInfo]:
    """Run every check on the reference (a grading session, as `actgrade check` runs it),
    recording the learner names each check calls or reads (`Submission.called`)."""
    from actgrade import grading
    from actgrade.sandbox.runner import Sandbox

    infos = []
    with Sandbox(catalog.solutions_dir()) as sandbox:
        session = grading.Session(exercise, sandbox, seed)
        if session.submission is None:
            raise CourseError(f"the reference solution of {exercise.id} cannot be imported: "
                              f"{session.import_hint.text}")
        for index, item in enumerate(session.checks):
            result = session.run(index)
            used = list(dict.fromkeys(session.submission.called))  # first use order, once each
            infos.append(CheckInfo(item.name, item.title, item.points, item.timeout, used,
                                   result.passed, result.message))
    return infos


# -- worked examples ----------------------------------------------------------------------------

def examples_code(namespace: dict, function: str) -> str | None:
    """A cell that checks `function` on the worked examples of its docstring.

    Expected values are computed by running the examples on the reference
    (`namespace` is the reference module's). Examples that are slow, fail, or
    return something that is not a small number, array, bool or string are
    left out; None when nothing is left.
    """
    doc = inspect.getdoc(namespace.get(function)) or ""
    lines = [f"{EXAMPLES_HEADER} from the docstring of `{function}` (not graded): run this cell to try your code."]
    asserts = 0
    scope = dict(namespace)
    for example in doctest.DocTestParser().get_examples(doc):
        if example.options.get(doctest.SKIP):
            continue
        source = example.source.strip()
        try:
            code = compile(source, "<example>", "eval")
        except SyntaxError:
            code = None
        started = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if code is None:
                    exec(source, scope)
                else:
                    value = eval(code, scope)
        except Exception:
            return None
        if time.perf_counter() - started > EXAMPLE_SECONDS:
            return None
        if code is None:
            lines.append(source)
            continue
        expected = _literal(value)
        if expected is None or not example.want.strip():
            continue
        kind, text = expected
        if kind == "number":
            lines.append(f"np.testing.assert_allclose({source}, {text}, rtol=1e-6, atol=1e-9)")
        else:
            lines.append(f"assert {source} == {text}, {f'{source} should be {text}'!r}")
        asserts += 1
    if not asserts:
        return None
    lines.append(f'print("{function}: the worked examples pass.")')
    return "\n".join(lines)


def _literal(value: Any) -> tuple[str, str] | None:
    """("number", text) or ("exact", text) for a value a cell can spell out."""
    import numpy as np

    if isinstance(value, (bool, np.bool_)):
        return "exact", repr(bool(value))
    if isinstance(value, str):
        return "exact", repr(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = value.item() if isinstance(value, np.generic) else value
        return ("number", repr(number)) if np.isfinite(number) else None
    if isinstance(value, (np.ndarray, list, tuple)):
        try:
            array = np.asarray(value)
        except (ValueError, TypeError):
            return None
        if array.dtype.kind not in "biuf" or array.size > EXAMPLE_MAX_SIZE or not np.all(np.isfinite(array)):
            return None
        return "number", repr(array.tolist())
    return None


# -- the notebook -------------------------------------------------------------------------------

def _meta(grade_id: str, *, solution: bool = False, grade: bool = False, locked: bool = False,
          points: float | None = None) -> dict:
    meta: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked,
                            "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _number_words(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def source_notebook(exercise: Exercise, seed: int, checks: list[CheckInfo]) -> Any:
    """The nbgrader source notebook of `exercise` (an nbformat NotebookNode)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


    source = (catalog.solutions_dir() / exercise.filename).read_text(encoding="utf-8")
    docstring, pieces = split_solution(source)
    reference = vars(catalog.reference_module(exercise))
    earlier = [n for n in imported_exercises(source) if n < exercise.number]
    used_ids: set[str] = set()

    def grade_id(name: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_-]", "_", name) or "cell"
        candidate, counter = base, 2
        while candidate in used_ids:
            candidate, counter = f"{base}_{counter}", counter + 1
        used_ids.add(candidate)
        return candidate

    cells = []
    title, _, body = docstring.partition("\n")
    cells.append(new_markdown_cell(f"# {title.strip()}\n\n{task_markdown(body.strip())}".rstrip(),
                                   metadata=_meta(grade_id("task"), locked=True)))
    cells.append(new_markdown_cell(_how_it_works(exercise, earlier, pieces),
                                   metadata=_meta(grade_id("how_it_works"), locked=True)))

    for index, piece in enumerate(pieces):
        if piece.kind == "given":
            text = piece.text
            if index == 0 and earlier:
                text = _setup_prelude(exercise, earlier) + text
            cells.append(new_code_cell(text, metadata=_meta(grade_id("setup" if index == 0 else "given"),
                                                            locked=True)))
            continue
        label = piece.functions[0] if len(piece.functions) == 1 else (
            piece.names[0] if len(piece.names) == 1 else "helpers" if piece.names else "your_code")
        cells.append(new_code_cell(nbgrader_markers(piece.text), metadata=_meta(grade_id(label), solution=True)))
        for function in piece.functions:
            examples = examples_code(reference, function)
            if examples:
                cells.append(new_code_cell(examples, metadata=_meta(grade_id(f"examples_{function}"),
                                                                    locked=True)))

    total = sum(c.points for c in checks)
    cells.append(new_markdown_cell(
        f"## Tests ({len(checks)} tests, {total:g} points)\n\n"
        "Each cell below is one test, worth the points in its first line. Run it to try your code: it runs "
        "the test on example inputs and, when the test fails, stops with what went wrong and a hint "
        "(nbgrader's *Validate* button runs all of them). When your notebook is graded, the same tests run "
        "on other random inputs (the same for everyone in this assignment), from the code in your cells, "
        "in a separate process; your feedback then shows, under each test, PASS or FAIL, what went wrong "
        "and a hint.",
        metadata=_meta(grade_id("tests_intro"), locked=True)))
    for number, info in enumerate(checks, start=1):
        cells.append(new_code_cell(_test_cell(exercise, info, number, len(checks), seed),
                                   metadata=_meta(grade_id(f"test_{info.name}"), grade=True, locked=True,
                                                  points=info.points)))

    for cell in cells:
        nb_meta = cell.metadata["nbgrader"]
        stray = [m for m in NBGRADER_MARKERS if m in cell.source]
        allowed = ({"BEGIN SOLUTION", "END SOLUTION"} if nb_meta["solution"] else set()) | (
            {"HIDDEN TESTS"} if nb_meta["grade"] else set())
        if set(stray) - allowed:
            raise CourseError(f"{exercise.filename}: the text {stray[0]!r} would confuse nbgrader "
                              f"in cell {nb_meta['grade_id']!r}")
    notebook = new_notebook(cells=cells, metadata={
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        "actgrade": {"exercise": exercise.id},
    })
    nbformat.validate(notebook)
    return notebook


def _setup_prelude(exercise: Exercise, earlier: list[int]) -> str:
    several = len(earlier) > 1
    return (
        f"# This exercise builds on exercise{'s' if several else ''} {_number_words(earlier)}. "
        f"In this course {'their' if several else 'its'}\n"
        f"# reference version{'s are' if several else ' is'} loaded here, so only the code in this notebook "
        "is graded.\n"
        "from actgrade.notebook import provide_earlier_exercises\n\n"
        f'provide_earlier_exercises("{exercise.id}")\n\n'
    )


def _how_it_works(exercise: Exercise, earlier: list[int], pieces: list[Piece]) -> str:
    functions = [f"`{name}`" for piece in pieces if piece.kind == "solution" for name in piece.functions]
    what = f" ({', '.join(functions)})" if functions else ""
    text = (
        "## In this notebook\n\n"
        f"1. Run the setup cell, then write your code{what} in the cells that say `YOUR CODE HERE`: "
        "replace the `raise NotImplementedError()` line.\n"
        "2. Run each cell you change, and the *worked examples* cell below a function to try it "
        "(those cells are not graded).\n"
        "3. The test cells at the end are graded. Run them (or press *Validate*): each one tries your code "
        "on example inputs and shows what went wrong, with a hint. Before you submit, restart the kernel "
        "and run all cells.\n\n"
        "What is graded is the code in your cells, not what your kernel remembers: imports, functions and "
        "variables. Experiments (calls, loops, prints) may stay in the notebook; they are left out when "
        "it is graded."
    )
    if earlier:
        text += (f" The functions of exercise{'s' if len(earlier) > 1 else ''} {_number_words(earlier)} "
                 "come from their reference versions (loaded by the setup cell), so a mistake there "
                 "costs nothing here.")
    text += (
        "\n\nThe test cells need `actgrade` where you work. For the full report of every test at once, "
        f'run `from actgrade.notebook import check; check("{exercise.id}")` in a new cell.'
    )
    return text


def _test_cell(exercise: Exercise, info: CheckInfo, number: int, total: int, seed: int) -> str:
    heading = f"Test {number} of {total}, {info.points:g} point{'s' if info.points != 1 else ''}: {info.title}"
    lines = textwrap.wrap(heading, width=CODE_WIDTH, initial_indent="# ", subsequent_indent="#   ",
                          break_long_words=False, break_on_hyphens=False)
    if info.uses:
        lines += textwrap.wrap(f"Uses your: {', '.join(info.uses)}", width=CODE_WIDTH, initial_indent="# ",
                               subsequent_indent="#   ", break_on_hyphens=False)
    lines += [
        "from actgrade.notebook import self_check",
        "",
        f'verdict = self_check("{exercise.id}", "{info.name}", globals())',
        "assert verdict.passed, verdict.message",
        HIDDEN_BEGIN,
        "from actgrade.notebook import grade_cell",
        "",
        f'grade_cell("{exercise.id}", "{info.name}", globals(), seed={seed}, points={float(info.points)!r})',
        HIDDEN_END,
    ]
    return "\n".join(lines)


_LIST_ITEM = re.compile(r"^\s*([-+*]|\d+[.)])\s")
_UNDERLINE = re.compile(r"^\s*(-{3,}|={3,})\s*$")


def task_markdown(text: str) -> str:
    """A docstring as Markdown that renders as written.

    A wrapped line that happens to start with `+ `, `- `, `* ` or `1. ` inside a
    paragraph would become a list item: its marker is escaped. Lists that start
    after a blank line or a heading stay lists, and an item that follows an item
    of several blocks (a code example in it) gets a blank line before it, or
    nbconvert's Markdown reads it as more text of that item.
    """
    out: list[str] = []
    in_list = several_blocks = False
    previous = ""
    for line in text.splitlines():
        indented = line[:1] in (" ", "\t")
        if not line.strip():
            pass
        elif _UNDERLINE.match(line):
            in_list = False
        elif _LIST_ITEM.match(line):
            if not (previous.strip() and not in_list and not _UNDERLINE.match(previous)):
                if in_list and several_blocks and previous.strip() and not indented:
                    out.append("")
                in_list, several_blocks = True, several_blocks and indented
            else:
                marker = _LIST_ITEM.match(line).end(1)  # escape `+` as `\+`, `1.` as `1\.`
                line = line[:marker - 1] + "\\" + line[marker - 1:]
        elif indented and in_list:
            several_blocks = several_blocks or not previous.strip()
        elif not previous.strip():
            in_list = False
        out.append(line)
        previous = line
    return "\n".join(out)
