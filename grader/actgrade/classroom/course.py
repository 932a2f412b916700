"""Build an nbgrader course from the exercises: source notebooks and config.

One source notebook per exercise, generated from `solutions/exerciseN_<topic>.py`
(the single source of the exercise) and from its hidden checks:

1. a read-only markdown cell with the task (the module docstring), and one
   that says how the notebook is worked on and graded;
2. a read-only setup cell with the file's imports and constants; when the
   exercise imports earlier ones, it first loads their reference versions
   (`actgrade.notebook.provide_earlier_exercises`), so the notebook is graded
   on its own;
3. one solution cell per function (or module-level answer block), with the
   solution between nbgrader's `### BEGIN SOLUTION` / `### END SOLUTION`, and
   after each function a read-only cell (not graded) that tries it on the
   worked examples of its docstring (expected values computed from the
   reference);
4. one autograded test cell per hidden check, worth the check's points. Its
   visible part runs the same check on visible inputs
   (`actgrade.notebook.self_check`, seed `VISIBLE_SEED`) and fails with the
   hint when the check fails, so running the cell, and nbgrader's Validate,
   tell the truth. Its hidden part names the check and the assignment's seed
   (`grade_cell(...)`).

Grading never runs in the student's kernel: the generated `nbgrader_config.py`
puts `actgrade.classroom.preprocessor.ActgradeGrade` in nbgrader's autograde
pipeline, which reads each test cell's check and seed from its hidden part
(restored from the gradebook by nbgrader) and grades the submitted source in
actgrade's sandbox. While nbgrader autogrades in a kernel anyway (a config
without that step), the visible part does nothing and `grade_cell` grades.
"""

from __future__ import annotations

import ast
import doctest
import inspect
import re
import secrets
import textwrap
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actgrade import catalog
from actgrade.authoring import BEGIN, END, STUB_PREFIX
from actgrade.catalog import Exercise
from actgrade.notebook import EXAMPLES_HEADER, VISIBLE_SEED

NB_BEGIN, NB_END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
DEFAULT_ASSIGNMENT = "activations"
DEFAULT_CELL_TIMEOUT = 30
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# Strings nbgrader reacts to wherever they appear; only our own cells may hold them.
_NBGRADER_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "AUTOTEST", "BEGIN MARK SCHEME")
_EXERCISE_MODULE = re.compile(r"^exercise(\d+)_[a-z_]+$")
_EXAMPLE_SECONDS = 2.0
_EXAMPLE_MAX_SIZE = 64
_CODE_WIDTH = 88  # comment lines of generated cells: no sideways scrolling in a code box


class CourseError(ValueError):
    """The course cannot be built as asked (said in one sentence)."""


# -- the pieces of a solution file ---------------------------------------------------------------

@dataclass
class Piece:
    """Consecutive lines of a solution file that become one code cell."""

    kind: str  # "given" (kept as is) or "solution" (holds BEGIN/END SOLUTION)
    text: str
    names: list[str] = field(default_factory=list)  # what it defines
    functions: list[str] = field(default_factory=list)  # public functions it defines


def split_solution(source: str) -> tuple[str, list[Piece]]:
    """The module docstring and the code pieces of a solution file, in order."""
    tree = ast.parse(source)
    lines = source.splitlines()
    body = list(tree.body)
    docstring = ast.get_docstring(tree) or ""
    start_line = 1
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        start_line = (body[0].end_lineno or 0) + 1
        body = body[1:]

    blocks, opened = [], None
    for number, line in enumerate(lines, start=1):
        if line.strip() == BEGIN and not line[:1].isspace():
            opened = number
        elif line.strip() == END and not line[:1].isspace() and opened is not None:
            blocks.append((opened, number))
            opened = None

    units: list[tuple[int, int, str, list[ast.stmt]]] = []  # (first line, last line, kind, statements)
    for stmt in body:
        first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", []))])
        last = stmt.end_lineno or stmt.lineno
        block = next((b for b in blocks if b[0] < first and last < b[1]), None)
        if block is not None:
            if units and units[-1][0] == block[0]:
                units[-1][3].append(stmt)
            else:
                units.append((block[0], block[1], "solution", [stmt]))
            continue
        # Comments at the end of a function body (`    # END SOLUTION`) are not in its span.
        following = last
        while following < len(lines) and (not lines[following].strip() or lines[following][:1].isspace()):
            following += 1
            if lines[following - 1].strip():
                last = following
        inner = any(line.strip() == BEGIN for line in lines[first - 1:last])
        units.append((first, last, "solution" if inner else "given", [stmt]))
    for block in blocks:  # a block with only STUB lines and comments, no statement
        if not any(unit[0] == block[0] for unit in units):
            units.append((block[0], block[1], "solution", []))
    units.sort(key=lambda unit: unit[0])

    pieces: list[Piece] = []
    previous_end = start_line - 1
    for index, (_first, last, kind, stmts) in enumerate(units):
        end = len(lines) if index == len(units) - 1 else last
        text = "\n".join(lines[previous_end:end])
        previous_end = end
        names = [name for stmt in stmts for name in _bound_names(stmt)]
        functions = [s.name for s in stmts if isinstance(s, ast.FunctionDef) and not s.name.startswith("_")]
        if pieces and kind == "given" and pieces[-1].kind == "given":
            pieces[-1].text += "\n" + text
            pieces[-1].names += names
            continue
        pieces.append(Piece(kind, text, names, functions))
    for piece in pieces:
        piece.text = piece.text.strip("\n")
    return docstring, pieces


def _bound_names(stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [stmt.name]
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return []


def nbgrader_markers(text: str) -> str:
    """actgrade's `# BEGIN SOLUTION` blocks as nbgrader solution regions.

    The `# STUB: ` lines of a block (what the learner starts from) move in
    front of the region, so they stay in the student's version.
    """
    out: list[str] = []
    block: list[str] | None = None
    stub: list[str] = []
    indent = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == BEGIN:
            block, stub, indent = [], [], line[: len(line) - len(line.lstrip())]
        elif stripped == END and block is not None:
            out.extend(indent + s for s in stub)
            out.extend([indent + NB_BEGIN, *block, indent + NB_END])
            block = None
        elif block is not None:
            if stripped.startswith(STUB_PREFIX):
                stub.append(stripped[len(STUB_PREFIX):])
            else:
                block.append(line)
        else:
            out.append(line)
    return "\n".join(out)


def imported_exercises(source: str) -> list[int]:
    """Numbers of the exercises a solution imports (anywhere in the file)."""
    numbers = set()
    for node in ast.walk(ast.parse(source)):
        modules = []
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        for module in modules:
            match = _EXERCISE_MODULE.match(module)
            if match:
                numbers.add(int(match.group(1)))
    return sorted(numbers)


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
    """Run every check on the reference (sandboxed, as `actgrade check` does),
    recording the learner names each check calls or reads."""
    from actgrade import grading
    from actgrade.checks.core import Context, Submission, import_failure_hint
    from actgrade.sandbox.runner import Outcome, Sandbox

    class Recording(Submission):
        used: list[str]

        def run(self, name: str, args: tuple = (), kwargs: dict | None = None, **options: Any) -> Outcome:
            if name not in self.used:
                self.used.append(name)
            return super().run(name, args, kwargs, **options)

        def value(self, name: str) -> Any:
            if name not in self.used:
                self.used.append(name)
            return super().value(name)

    infos = []
    with Sandbox(catalog.solutions_dir()) as sandbox:
        sandbox.start()
        checks = grading.checks_for(exercise)
        ref = catalog.reference_module(exercise)
        imported = sandbox.import_module(exercise.module, timeout=30)
        if not imported.ok:
            raise CourseError(f"the reference solution of {exercise.id} cannot be imported: "
                              f"{import_failure_hint(imported, exercise).text}")
        submission = Recording(sandbox, exercise.module, exercise.filename, ref, sandbox.names(exercise.module))
        for item in checks:
            submission.used = []
            ctx = Context(seed, grading.check_rng(seed, item.name), ref, exercise.id)
            result = grading.run_check(item, submission, ctx)
            infos.append(CheckInfo(item.name, item.title, item.points, item.timeout, list(submission.used),
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
        if time.perf_counter() - started > _EXAMPLE_SECONDS:
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
        if array.dtype.kind not in "biuf" or array.size > _EXAMPLE_MAX_SIZE or not np.all(np.isfinite(array)):
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
        stray = [m for m in _NBGRADER_MARKERS if m in cell.source]
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
    lines = textwrap.wrap(heading, width=_CODE_WIDTH, initial_indent="# ", subsequent_indent="#   ",
                          break_long_words=False, break_on_hyphens=False)
    if info.uses:
        lines += textwrap.wrap(f"Uses your: {', '.join(info.uses)}", width=_CODE_WIDTH, initial_indent="# ",
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


# -- the course ---------------------------------------------------------------------------------

CONFIG_MARKER = "# nbgrader configuration written by `actgrade nbgrader`"

CONFIG_TEMPLATE = '''\
{marker}.
# Edit freely: actgrade rewrites this file only when run with --force.

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from actgrade.classroom.preprocessor import (
    ActgradeClearHiddenTests,
    ActgradeFeedback,
    ActgradeGrade,
    ActgradeKernel,
    ActgradeOverwriteCells,
)

c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = {course_id!r}

# -- nbgrader autograde: from the submitted source, never from the student's kernel ------------
# nbgrader's default steps, in its order, with three of ours. ActgradeGrade reads each test
# cell's check and seed from its hidden part (restored from the gradebook), grades the code of
# the notebook's other cells in actgrade's sandbox (a separate, confined, time- and memory-
# limited process) and writes each test cell's outputs: verdict and hints as printed text, the
# score as the cell's value, which SaveAutoGrades records. It runs last before SaveAutoGrades,
# so nothing that ran in a kernel before it can decide a score.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    ActgradeOverwriteCells,  # nbgrader's OverwriteCells, without a warning for every intact test cell
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    ActgradeKernel,  # nbgrader's Execute, only when run_kernel is True; never runs the test cells
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    ActgradeGrade,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# False: no kernel at all (fast); in the graded notebooks only the test cells have outputs.
# True: first run the notebook in the kernel below, so that the student's cells and the worked
# examples have outputs too (slower; the test cells do not run there, and the scores are the same).
c.ActgradeGrade.run_kernel = False
# "strict" refuses to grade on a machine that cannot confine the student's code (Linux with
# Landlock and seccomp); "auto" uses the best the machine gives, and warns when that is "basic".
c.ActgradeGrade.isolation = "auto"

# -- the kernel: nbgrader validate (and autograde with run_kernel = True) ------------------------
# A Python that has actgrade installed.
c.Execute.kernel_name = "python3"
# "Minimal" tracebacks: a failing test cell shows "AssertionError: <what went wrong and a hint>",
# not the source lines around it.
c.Execute.extra_arguments = [
    "--HistoryManager.hist_file=:memory:",
    "--InteractiveShell.xmode=Minimal",
]

# Time limits per cell, in seconds. A test cell runs its check on the visible inputs, and every
# call into the student's code has its own limit inside the sandbox; the cell limit only backs
# that up. The other cells (the student's own, the worked examples) get the usual limit: code
# that hangs costs that cell (interrupted), not the run.
TEST_CELL_TIMEOUT = {test_timeout}
OTHER_CELL_TIMEOUT = {timeout}


def cell_timeout(cell):
    nbgrader = cell.get("metadata", {{}}).get("nbgrader", {{}})
    test = nbgrader.get("grade", False) and nbgrader.get("points", 0) > 0
    return TEST_CELL_TIMEOUT if test else OTHER_CELL_TIMEOUT


c.Execute.timeout = OTHER_CELL_TIMEOUT
c.Execute.timeout_func = cell_timeout
c.Execute.interrupt_on_timeout = True

# -- nbgrader generate_feedback ----------------------------------------------------------------
# The hidden part of the test cells stays out (by default nbgrader's feedback shows it), and each
# test cell shows its verdict, points and hints as one readable block.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ActgradeClearHiddenTests,
    ActgradeFeedback,
    CSSHTMLHeaderPreprocessor,
]
'''


@dataclass
class Written:
    exercise: Exercise
    path: Path
    tests: int
    points: float
    failing_reference: list[str]  # checks the reference fails with the hidden seed
    failing_visible: list[str] = field(default_factory=list)  # ... and with the visible one


def choose_seed(seed: int | None) -> int:
    """The assignment's hidden seed: `seed`, or a new random one; never the visible tests' seed."""
    if seed is None:
        while (seed := secrets.randbelow(2**31)) == VISIBLE_SEED:
            pass
        return seed
    if int(seed) == VISIBLE_SEED:
        raise CourseError(f"seed {seed} is the seed of the tests' visible inputs, so the hidden inputs "
                          "would be visible: choose another seed")
    return int(seed)


def default_test_timeout(checks: list[CheckInfo]) -> int:
    """Room for the import (30 s), a hang in the check (its call limit) and the rest."""
    longest = max([c.timeout or 10.0 for c in checks] or [10.0])
    return int(max(120, 30 + 3 * longest))


def select_exercises(names: list[str]) -> list[Exercise]:
    """The exercises named (any spelling), or every exercise that has hidden checks."""
    try:
        return catalog.graded(names)
    except catalog.NoHiddenTests as error:
        raise CourseError(str(error)) from None


def build_course(course_dir: Path, exercises: list[Exercise], assignment: str = DEFAULT_ASSIGNMENT,
                 seed: int | None = None, course_id: str | None = None, timeout: int = DEFAULT_CELL_TIMEOUT,
                 test_timeout: int | None = None, force: bool = False) -> tuple[list[Written], Path | None, int]:
    """Write `source/<assignment>/*.ipynb` and (unless present) `nbgrader_config.py`.

    Returns the notebooks written, the config path (None when an existing
    config was kept) and the seed.
    """
    import nbformat

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", assignment):
        raise CourseError(f"assignment name {assignment!r}: use letters, digits, '_', '-' or '.'")
    if not exercises:
        raise CourseError("no exercise to put in the course")
    seed = choose_seed(seed)
    folder = course_dir / "source" / assignment
    targets = [folder / f"{e.module}.ipynb" for e in exercises]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise CourseError(f"{existing[0]} already exists; pass --force to overwrite the source notebooks "
                          "(then run `nbgrader generate_assignment --force` again)")

    written, all_checks = [], []
    for exercise, target in zip(exercises, targets, strict=True):
        checks = record_checks(exercise, seed)
        visible = record_checks(exercise, VISIBLE_SEED)
        all_checks += checks
        notebook = source_notebook(exercise, seed, checks)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, str(target))
        written.append(Written(exercise, target, len(checks), sum(c.points for c in checks),
                               [c.name for c in checks if not c.reference_passed],
                               [c.name for c in visible if not c.reference_passed]))

    config = course_dir / "nbgrader_config.py"
    keep = config.exists() and not force
    if not keep:
        config.write_text(CONFIG_TEMPLATE.format(
            marker=CONFIG_MARKER,
            course_id=course_id or course_dir.resolve().name,
            test_timeout=int(test_timeout or default_test_timeout(all_checks)),
            timeout=int(timeout),
        ), encoding="utf-8")
    return written, None if keep else config, seed
