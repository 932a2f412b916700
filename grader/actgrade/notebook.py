"""Grade exercises from a Jupyter notebook, with the same checks and hints.

Two entry points:

- `check("exercise3")` in any notebook (self-study): runs every hidden check of
  the exercise on the code you ran in this notebook and shows the report, as
  HTML in Jupyter and as text elsewhere. `run(...)` returns the `Report`
  without showing it.
- `self_check("exercise1", "relu_values", globals())` in the visible part of an
  nbgrader test cell (see `actgrade.classroom`): runs one check on the visible
  inputs, prints its verdict and hints, and returns what the cell's `assert`
  needs, so running the cell and nbgrader's Validate report real failures.
- `grade_cell("exercise1", "relu_values", globals(), seed=..., points=...)` in
  the hidden part of a test cell: runs one check with the assignment's seed,
  prints its verdict and hints, and evaluates to the cell's score, a plain
  float between 0 and `points`. A course written by `actgrade nbgrader` does
  not run it when grading: `actgrade.classroom.autograde` grades the submitted
  source outside the kernel, reusing the module building below; the call names
  the cell's check and seed, and runs when a source notebook is validated.

What is graded. The learner's code never runs in the grader's process, and
here not in the notebook's kernel either: the cells you ran (IPython's input
history, in the order you ran them) are turned into a module
`exerciseN_<topic>.py` in a temporary workspace, which the sandboxed child
imports, exactly as `actgrade check` imports your file. Only definitions are
kept: imports, functions, classes and assignments. Top-level code that only
runs something (a call, a loop, a print, an assert, an assignment that calls a
function defined or imported in the notebook) is left out, so experiments in
the notebook neither slow the grading down nor break it, and test and example
cells add nothing. Earlier exercises that the module imports
(`from exercise2_sigmoid import sigmoid`) come from the same file the kernel
imported them from: the reference copies that `provide_earlier_exercises`
puts on the path in an nbgrader course, or the learner's own files otherwise.

Each test cell grades only its own check. The checks of one code state share
one sandboxed child (imported once) and run in the order of the cells, each
with the random stream that `actgrade check` gives it, so with the same seed a
notebook scores exactly what `actgrade check --seed` gives the same code, and
a function that hangs costs only the checks that call it.
"""

from __future__ import annotations

import ast
import atexit
import contextlib
import hashlib
import html
import io
import os
import re
import shutil
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from actgrade.catalog import Exercise
    from actgrade.report import CheckResult, Report

# The first line of the generated "worked examples" cells: they call the
# learner's functions at the top level, so they never become part of the module.
EXAMPLES_HEADER = "# Worked examples"
# Names that exist only in an IPython kernel: statements using them are left out.
_IPYTHON_NAMES = frozenset({"get_ipython", "display", "In", "Out", "exit", "quit"})
_IPYTHON_HISTORY_NAME = re.compile(r"^(_+|_i+|_i?\d+|_[iod]h)$")
_KEPT = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
         ast.Assign, ast.AnnAssign, ast.AugAssign)
# Cell magics whose body runs in the user's namespace like an ordinary cell.
_TRANSPARENT_CELL_MAGICS = frozenset({"time", "capture"})
_EXERCISE_MODULE = re.compile(r"^exercise\d+_[a-z_]+$")
_OUTPUT_LIMIT = 1500
# Width of the text a test cell prints: no viewer scrolls sideways, and nbgrader's
# validate (which cuts lines at 87 characters, its indent included) shows it whole.
TEXT_WIDTH = 80
# The seed of the inputs of a test cell's visible line (and so of nbgrader's Validate).
# An assignment's hidden seed is never this one.
VISIBLE_SEED = 1
# Advice in the checks' hints that only makes sense at the command line, or before grading.
_HINT_COMMAND_ADVICE = " `actgrade hint` gives a first nudge."
_RUN_AGAIN_ADVICE = ", then run the check again."


# -- the module built from the notebook --------------------------------------------------------

@dataclass
class NotebookModule:
    """The learner's module as built from notebook cells, with a map back to them."""

    text: str
    # For line i + 1 of `text`: (the cell's name or None, the line in that cell).
    origins: list[tuple[str | None, int]] = field(default_factory=list)

    def where(self, line: int) -> str:
        """`line 3 of cell [5]` for line `line` of the module."""
        if 1 <= line <= len(self.origins):
            name, cell_line = self.origins[line - 1]
            if name is not None:
                return f"line {cell_line} of {name}"
            return f"line {cell_line}"
        return f"line {line}"


CellKey = int | str | None


def cell_name(key: CellKey) -> str | None:
    """How a hint names a cell: `cell [5]` for an execution count, a given name as it is."""
    if isinstance(key, int):
        return f"cell [{key}]"
    return key


def module_from_cells(cells: list[tuple[CellKey, str]]) -> NotebookModule:
    """The definitions in `cells` (key, source), as one module.

    A cell's key is its execution count (a kernel's history), a name such as
    "the cell starting `def relu(x):`" (a notebook read from its file), or None.
    Cells that do not parse are skipped (in the kernel they defined nothing
    either), and so are the generated worked-example cells.
    """
    parsed: list[tuple[CellKey, str, list[ast.stmt]]] = []
    for count, source in cells:
        source = _unwrap_cell_magic(source)
        if not source.strip() or source.lstrip().startswith(EXAMPLES_HEADER):
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        parsed.append((count, source, tree.body))

    notebook_only, defined_here = set(_IPYTHON_NAMES), set()
    for _, _, body in parsed:
        for stmt in body:
            notebook_only |= _actgrade_notebook_names(stmt)
            defined_here |= _defined_or_imported_callables(stmt)

    future: list[str] = []
    chunks: list[tuple[CellKey, int, list[str]]] = []  # (key, first cell line, lines)
    for count, source, body in parsed:
        lines = source.splitlines()
        spans = [_span(stmt) for stmt in body]
        for index, stmt in enumerate(body):
            if not _keep(stmt, notebook_only, defined_here):
                continue
            start, end = spans[index]
            shares_a_line = any(
                other != index and not (spans[other][1] < start or spans[other][0] > end)
                for other in range(len(body))
            )
            text = ast.unparse(stmt).splitlines() if shares_a_line else lines[start - 1:end]
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
                future.extend(text)
                continue
            chunks.append((count, start, text))

    out: list[str] = []
    origins: list[tuple[str | None, int]] = []
    for line in future:
        out.append(line)
        origins.append((None, 0))
    previous = object()
    for count, start, text in chunks:
        name = cell_name(count)
        if count != previous:
            out.append(f"# --- {name} ---".replace("\n", " ") if name is not None else "# ---")
            origins.append((name, 0))
            previous = count
        for offset, line in enumerate(text):
            out.append(line)
            origins.append((name, start + offset))
    return NotebookModule("\n".join(out) + "\n", origins)


def _unwrap_cell_magic(source: str) -> str:
    """`%%time` cells arrive as `get_ipython().run_cell_magic('time', '', body)`."""
    if "run_cell_magic" not in source:
        return source
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return source
    call = tree.body[0].value
    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr == "run_cell_magic" and len(call.args) == 3
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)
            and call.args[0].value in _TRANSPARENT_CELL_MAGICS):
        return call.args[2].value
    return source


def _span(stmt: ast.stmt) -> tuple[int, int]:
    decorators = getattr(stmt, "decorator_list", None) or []
    start = min([stmt.lineno, *(d.lineno for d in decorators)])
    return start, stmt.end_lineno or stmt.lineno


def _actgrade_notebook_names(stmt: ast.stmt) -> set[str]:
    """Names bound by importing this module (`from actgrade.notebook import check`)."""
    names: set[str] = set()
    if isinstance(stmt, ast.ImportFrom) and stmt.module == "actgrade.notebook":
        names |= {alias.asname or alias.name for alias in stmt.names}
    elif isinstance(stmt, ast.ImportFrom) and stmt.module == "actgrade":
        names |= {alias.asname or alias.name for alias in stmt.names if alias.name == "notebook"}
    elif isinstance(stmt, ast.Import):
        for alias in stmt.names:
            if alias.name == "actgrade.notebook" or (alias.name == "actgrade" and alias.asname is None):
                names.add(alias.asname or "actgrade")
    return names


def _defined_or_imported_callables(stmt: ast.stmt) -> set[str]:
    """Functions and classes the notebook defines, or imports from an exercise or actgrade."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.If, ast.Try)):
        inner = [*stmt.body, *stmt.orelse]
        if isinstance(stmt, ast.Try):
            inner += [*stmt.finalbody, *(s for handler in stmt.handlers for s in handler.body)]
        return set().union(*(_defined_or_imported_callables(s) for s in inner))
    if isinstance(stmt, ast.ImportFrom) and stmt.module and (
            _EXERCISE_MODULE.match(stmt.module) or stmt.module.split(".")[0] == "actgrade"):
        return {alias.asname or alias.name for alias in stmt.names}
    return set()


def _keep(stmt: ast.stmt, notebook_only: set[str], defined_here: set[str]) -> bool:
    """Whether a top-level statement is a definition the module should run."""
    if isinstance(stmt, (ast.If, ast.Try)):
        # `try: from exercise2_sigmoid import sigmoid / except ImportError: ...` and the like:
        # kept when every branch holds only definitions.
        branches = [stmt.body, stmt.orelse]
        if isinstance(stmt, ast.Try):
            branches += [stmt.finalbody, *(handler.body for handler in stmt.handlers)]
            tests: list[ast.AST] = [h.type for h in stmt.handlers if h.type is not None]
        else:
            tests = [stmt.test]
        if any(_evaluated_names(test) & notebook_only for test in tests):
            return False
        return all(_keep(inner, notebook_only, defined_here) or isinstance(inner, ast.Pass)
                   for branch in branches for inner in branch) and _compiles(stmt)
    if not isinstance(stmt, _KEPT):
        return False
    if isinstance(stmt, (ast.Import, ast.ImportFrom)) and _actgrade_notebook_names(stmt):
        return False
    used = _evaluated_names(stmt)
    if used & notebook_only or any(_IPYTHON_HISTORY_NAME.match(name) for name in used):
        return False
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and stmt.value is not None:
        if _calls_any(stmt.value, defined_here):
            return False  # an experiment: it runs the learner's code at import
    return _compiles(stmt)


def _compiles(stmt: ast.stmt) -> bool:
    try:
        compile(ast.Module([stmt], type_ignores=[]), "<cell>", "exec")
    except (SyntaxError, ValueError):
        return False
    return True


def _evaluated_names(node: ast.AST) -> set[str]:
    """Names read when a statement runs at import (not those inside function bodies)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parts: list[ast.AST] = [*node.decorator_list, *node.args.defaults,
                                *(d for d in node.args.kw_defaults if d is not None)]
    elif isinstance(node, ast.ClassDef):
        parts = [*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]
    else:
        parts = [node]
    return {n.id for part in parts for n in ast.walk(part)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _calls_any(node: ast.AST, names: set[str]) -> bool:
    """Whether evaluating `node` calls one of `names` (lambda bodies do not run)."""
    if isinstance(node, ast.Lambda):
        return False
    if isinstance(node, ast.Call):
        root = node.func
        while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
            root = root.func if isinstance(root, ast.Call) else root.value
        if isinstance(root, ast.Name) and root.id in names:
            return True
    return any(_calls_any(child, names) for child in ast.iter_child_nodes(node))


def notebook_cells(namespace: dict | None = None) -> list[tuple[int | None, str]]:
    """The cells run so far in this kernel, as (execution count, source).

    Outside IPython, the file of the calling script stands in for the cells.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        history = shell.history_manager.input_hist_parsed
        return [(count, source) for count, source in enumerate(history) if source and source.strip()]
    filename = (namespace or {}).get("__file__")
    if filename and os.path.isfile(filename):
        return [(None, Path(filename).read_text(encoding="utf-8"))]
    raise RuntimeError("actgrade.notebook grades the cells of a Jupyter or IPython session; "
                       "outside one, use `actgrade check` on your file.")


# -- the workspace the sandbox imports ---------------------------------------------------------

def workspace_files(exercise: Exercise, module: NotebookModule) -> dict[str, str]:
    """File name -> text: the learner's module plus the earlier exercises it may import.

    An exercise module the kernel has imported is copied from where the kernel
    found it; the other earlier exercises come from the reference solutions.
    """
    from actgrade import catalog

    files = {exercise.filename: module.text}
    for other in catalog.exercises():
        if other.number == exercise.number:
            continue
        loaded = sys.modules.get(other.module)
        path = getattr(loaded, "__file__", None)
        if path and str(path).endswith(".py") and os.path.isfile(path):
            files[other.filename] = Path(path).read_text(encoding="utf-8")
        elif other.number < exercise.number:
            files[other.filename] = (catalog.solutions_dir() / other.filename).read_text(encoding="utf-8")
    return files


def reference_workspace(exercise: Exercise, module: NotebookModule) -> dict[str, str]:
    """File name -> text: the learner's module, and the reference solutions of the
    exercises before it (what a notebook of an nbgrader course is graded with)."""
    from actgrade import catalog

    files = {exercise.filename: module.text}
    for other in catalog.exercises():
        if other.number < exercise.number:
            files[other.filename] = (catalog.solutions_dir() / other.filename).read_text(encoding="utf-8")
    return files


def _digest(exercise: Exercise, files: dict[str, str], seed: int) -> str:
    digest = hashlib.sha256(f"{exercise.module}\0{seed}".encode())
    for name in sorted(files):
        digest.update(f"\0{name}\0{files[name]}".encode())
    return digest.hexdigest()


def _write_workspace(files: dict[str, str]) -> tempfile.TemporaryDirectory:
    folder = tempfile.TemporaryDirectory(prefix="actgrade-notebook-")
    for name, text in files.items():
        (Path(folder.name) / name).write_text(text, encoding="utf-8")
    return folder


_EARLIER: dict[int, Path] = {}


def provide_earlier_exercises(exercise: str) -> None:
    """Make the reference versions of the exercises before `exercise` importable.

    Used by the setup cell of a generated nbgrader notebook, so that
    `from exercise2_sigmoid import sigmoid` works in the kernel and the
    notebook is graded on its own: a mistake in an earlier exercise does not
    cost points here. The copies live in a temporary folder put first on
    `sys.path`; the exercise itself is not among them.
    """
    import importlib

    from actgrade import catalog

    item = catalog.find(exercise)
    folder = _EARLIER.get(item.number)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="actgrade-earlier-"))
        atexit.register(shutil.rmtree, folder, True)
        for other in catalog.exercises():
            if other.number < item.number:
                shutil.copyfile(catalog.solutions_dir() / other.filename, folder / other.filename)
        _EARLIER[item.number] = folder
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    importlib.invalidate_caches()


# -- one check at a time, for nbgrader test cells ----------------------------------------------

class PreparedSandbox:
    """An empty workspace folder and a sandbox for it, which may be started ahead of time:
    the child imports the workspace's files only when asked to import a module."""

    def __init__(self, isolation: str | None = None) -> None:
        from actgrade.sandbox.runner import Sandbox

        self.folder = tempfile.TemporaryDirectory(prefix="actgrade-notebook-")
        self.sandbox = Sandbox(Path(self.folder.name), isolation=isolation)
        self.isolation = isolation

    def write(self, files: dict[str, str]) -> None:
        """Put the workspace's files (name -> text) in the folder."""
        for name, text in files.items():
            (Path(self.folder.name) / name).write_text(text, encoding="utf-8")

    def close(self) -> None:
        """Stop the child and remove the folder."""
        self.sandbox.close()
        self.folder.cleanup()


class NotebookSession:
    """The sandboxed child and the check results of one code state of one exercise.

    `files` (name -> text) is the workspace the child imports (in `prepared`,
    a sandbox maybe started earlier, or a new one); checks run one at a time,
    in the order they are asked for, each with its own random stream, and each
    result is kept.
    """

    def __init__(self, exercise: Exercise, files: dict[str, str], module: NotebookModule, seed: int,
                 isolation: str | None = None, prepared: PreparedSandbox | None = None) -> None:
        from actgrade import grading

        self.exercise, self.module, self.seed = exercise, module, seed
        self.results: dict[str, CheckResult] = {}
        self.outputs: dict[str, str] = {}
        self._place = prepared or PreparedSandbox(isolation)
        self._place.write(files)
        self.sandbox = self._place.sandbox
        try:
            self.grading = grading.Session(exercise, self.sandbox, seed)
        except BaseException:
            self.close()
            raise
        self.checks = self.grading.checks

    def result(self, name: str) -> CheckResult:
        """The result of the check `name` (LookupError when the exercise has no such check)."""
        if name not in self.results:
            index = self.grading.index_of(name)
            before = self.sandbox.output(limit=1 << 30)
            self.results[name] = self.grading.run(index)
            after = self.sandbox.output(limit=1 << 30)
            self.outputs[name] = after[len(before):] if after.startswith(before) else ""
        return self.results[name]

    def close(self) -> None:
        """Stop the child and remove the workspace."""
        self._place.close()

    def __enter__(self) -> NotebookSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_SESSIONS: dict[tuple[str, int], tuple[str, NotebookSession]] = {}


def _session(exercise: Exercise, namespace: dict | None, seed: int) -> NotebookSession:
    """The session of the notebook's current code and this seed; a new one when the code changed."""
    module = module_from_cells(notebook_cells(namespace))
    files = workspace_files(exercise, module)
    key = _digest(exercise, files, seed)
    known = _SESSIONS.get((exercise.id, seed))
    if known is not None and known[0] == key:
        return known[1]
    if known is not None:
        _SESSIONS.pop((exercise.id, seed))
        known[1].close()
    with _grader_imports():
        session = NotebookSession(exercise, files, module, seed)
    _SESSIONS[exercise.id, seed] = (key, session)
    return session


_GRADER_MODULES: dict[str, Any] = {}


@contextlib.contextmanager
def _grader_imports():
    """Let the grader import the reference solutions by their module names.

    In a kernel, `exercise2_sigmoid` may be the learner's own module (or a
    reference copy): the grader must never compare against the learner's code,
    and the learner's later imports must never get the grader's reference. So
    the two sets of modules, and sys.path, are swapped for the grading.
    """
    saved_path = list(sys.path)
    kernel_modules = {name: sys.modules.pop(name) for name in list(sys.modules) if _EXERCISE_MODULE.match(name)}
    sys.modules.update(_GRADER_MODULES)
    try:
        yield
    finally:
        for name in list(sys.modules):
            if _EXERCISE_MODULE.match(name):
                _GRADER_MODULES[name] = sys.modules.pop(name)
        sys.modules.update(kernel_modules)
        sys.path[:] = saved_path


@atexit.register
def _close_sessions() -> None:
    for _, session in list(_SESSIONS.values()):
        with contextlib.suppress(Exception):
            session.close()
    _SESSIONS.clear()


@contextlib.contextmanager
def _quiet():
    """No text on stderr from the grader's own work (warnings included): in an
    nbgrader test cell any stderr output scores the cell 0, even when the check
    passed. Warning filters and NumPy's error state stay as they are, as in
    `actgrade check`, so no check can behave differently here."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def score_of(result: CheckResult, points: float | None = None) -> tuple[float, float]:
    """(earned, cell points): the check's share of `points` (by default the check's own points)."""
    cell_points = float(result.max_points if points is None else points)
    share = 1.0 if result.passed else (result.points / result.max_points if result.max_points else 0.0)
    return float(min(max(cell_points * share, 0.0), cell_points)), cell_points


def _run_one(exercise: str, check: str, namespace: dict | None, seed: int
             ) -> tuple[CheckResult, Exercise, NotebookSession]:
    """Run one check on the code run in this kernel, writing nothing to stderr."""
    session = None
    try:
        with _quiet():
            from actgrade import catalog

            item = catalog.find(exercise)
            session = _session(item, namespace, int(seed))
            with _grader_imports():
                return session.result(check), item, session
    except KeyboardInterrupt:  # nbgrader's cell timeout: leave no child behind
        for key, (_, known) in list(_SESSIONS.items()):
            if known is session:
                _SESSIONS.pop(key)
        if session is not None:
            session.close()
        raise


def grade_cell(exercise: str, check: str, namespace: dict | None = None, *, seed: int,
               points: float | None = None) -> float:
    """Run one hidden check on the notebook's code; print its verdict; return the score.

    The score is a plain float between 0 and `points` (the cell's points in
    the gradebook; by default the check's own points), which nbgrader reads as
    the cell's partial credit. Hints are printed on stdout, which nbgrader puts
    in the student's feedback; nothing is written to stderr. (An nbgrader course
    written by `actgrade nbgrader` grades from the submitted source instead, see
    `actgrade.classroom.autograde`; this runs when a source notebook is validated.)
    """
    try:
        result, item, session = _run_one(exercise, check, namespace, seed)
    except LookupError:
        print(f"This test ({check}) does not exist in the installed version of actgrade, "
              "so it cannot be graded. Please tell your instructor.")
        return 0.0
    except Exception as error:  # never a traceback: it could show the hidden test's source
        print(f"The grader could not run this test ({type(error).__name__}: {error}). "
              "Please tell your instructor.")
        return 0.0
    earned, cell_points = score_of(result, points)
    print(format_result(result, item, session.module, earned, cell_points, session.outputs.get(check, "")))
    return earned


@dataclass
class SelfCheck:
    """What the visible line of a test cell found: `passed`, and a short `message` for its assert."""

    passed: bool
    message: str = ""

    def __bool__(self) -> bool:
        return self.passed


def self_check(exercise: str, check: str, namespace: dict | None = None, *,
               seed: int = VISIBLE_SEED) -> SelfCheck:
    """Run one hidden check on this notebook's code with the visible inputs; print its verdict.

    The visible part of a generated test cell is
    `verdict = self_check(...)` then `assert verdict.passed, verdict.message`:
    the same check as the graded one, on the inputs of seed `seed` (never an
    assignment's seed), so running the cell, or nbgrader's Validate, reports a
    mistake the check catches, with its hint. While nbgrader autogrades a
    notebook in a kernel it does nothing and passes: the hidden inputs decide.
    """
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return SelfCheck(True)
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    try:
        result, item, session = _run_one(exercise, check, namespace, seed)
    except LookupError:
        problem = (f"This test ({check}) does not exist in the installed version of actgrade: "
                   "update actgrade, or tell your instructor.")
    except Exception as error:
        problem = f"actgrade could not run this test ({type(error).__name__}: {error})."
    else:
        print(format_result(result, item, session.module, output=session.outputs.get(check, ""), graded=False))
        if result.passed:
            return SelfCheck(True)
        return SelfCheck(False, assertion_message(result, item, session.module))
    print(wrap(problem))
    return SelfCheck(False, _after_assertion_error(problem))


def assertion_message(result: CheckResult, exercise: Exercise, module: NotebookModule | None) -> str:
    """The check's title and first hint, wrapped to follow `AssertionError: ` on a narrow screen."""
    from actgrade.report import hint_label

    text = f"{result.title}."
    if result.hints:
        hint = result.hints[0]
        text += f" {hint_label(hint.category)}: {notebook_wording(hint.text, exercise, module)}"
    return _after_assertion_error(text)


def _after_assertion_error(text: str) -> str:
    """`text` wrapped so that, after `AssertionError: `, no line is wider than `TEXT_WIDTH`."""
    prefix = " " * len("AssertionError: ")
    return wrap(text, prefix)[len(prefix):]


def wrap(text: str, first: str = "", rest: str = "") -> str:
    """`text` wrapped to `TEXT_WIDTH`, its first line indented by `first`, the others by `rest`."""
    return textwrap.fill(text, width=TEXT_WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def format_result(result: CheckResult, exercise: Exercise, module: NotebookModule | None,
                  earned: float | None = None, points: float | None = None, output: str = "",
                  graded: bool = True) -> str:
    """The text a test cell prints: the verdict, then every hint, wrapped to `TEXT_WIDTH`.

    Graded (the default), the first line gives the points earned; otherwise it
    says the inputs were the visible ones.
    """
    from actgrade.report import hint_label

    mark = "PASS" if result.passed else "FAIL"
    if graded:
        earned, points = score_of(result, points) if earned is None else (earned, points or result.max_points)
        where = f"({earned:g}/{points:g} point{'' if points == 1 else 's'})"
    else:
        where = "(on the example inputs; grading uses other inputs)"
    lines = [wrap(f"{mark}  {result.title}  {where}", "", "      ")]
    for hint in result.hints:
        label = hint_label(hint.category)
        lines.append(wrap(f"{label}: {notebook_wording(hint.text, exercise, module, graded=graded)}",
                           "  ", "    "))
    if output.strip() and not result.passed:
        lines.append("  Your code printed:")
        lines.extend("    " + line for line in trim_output(output).rstrip().splitlines())
    return "\n".join(lines)


def trim_output(text: str, limit: int = _OUTPUT_LIMIT) -> str:
    """What the learner's code printed, its middle cut out when it is longer than `limit`."""
    if len(text) <= limit:
        return text
    return text[: limit // 2] + "\n[... output trimmed ...]\n" + text[-limit // 2:]


def notebook_wording(text: str, exercise: Exercise, module: NotebookModule | None = None,
                     graded: bool = False) -> str:
    """A hint written for a file, reworded for a notebook: `line 12 of
    exercise1_relu.py` becomes `line 3 of cell [5]`, `your file ...` becomes
    `your notebook`. Advice meant for the command line goes; in `graded`
    feedback, so does advice to run the check again."""
    name = exercise.filename
    if module is not None:
        text = re.sub(rf"line (\d+) of {re.escape(name)}", lambda m: module.where(int(m.group(1))), text)
    text = text.replace(f"Your file {name}", "Your notebook").replace(f"your file {name}", "your notebook")
    text = text.replace(_HINT_COMMAND_ADVICE, "")
    text = text.replace(_RUN_AGAIN_ADVICE, "." if graded else ", then run this cell again.")
    return text.replace(name, "your notebook")


# -- the whole report, for self-study ----------------------------------------------------------

def run(exercise: str, namespace: dict | None = None, seed: int | None = None) -> Report:
    """Grade `exercise` on the cells run in this kernel and return the Report."""
    from actgrade import catalog, grading
    from actgrade.checks.core import Hint

    if namespace is None:
        namespace = sys._getframe(1).f_globals
    item = catalog.find(exercise)
    module = module_from_cells(notebook_cells(namespace))
    folder = _write_workspace(workspace_files(item, module))
    try:
        with _quiet(), _grader_imports():
            report = grading.grade(item, Path(folder.name), seed=seed)
    finally:
        folder.cleanup()

    def reword(result: CheckResult) -> CheckResult:
        hints = [Hint(h.category, notebook_wording(h.text, item, module)) for h in result.hints]
        return replace(result, message=notebook_wording(result.message, item, module), hints=hints)

    return replace(report, checks=[reword(c) for c in report.checks])


def check(exercise: str, namespace: dict | None = None, seed: int | None = None) -> None:
    """Run every hidden check of `exercise` on this notebook's code and show the report.

    In Jupyter the report is HTML; in a terminal IPython or a script it is text.
    `seed` replays the random inputs of an earlier run (the report shows its seed).
    During nbgrader autograding this does nothing: the test cells grade the notebook.
    """
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        print("actgrade: skipped while nbgrader grades this notebook (the test cells do the grading).")
        return
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    view = ReportView(run(exercise, namespace, seed))
    ipython = sys.modules.get("IPython")
    if ipython is not None and ipython.get_ipython() is not None:
        from IPython.display import display

        display(view)
    else:
        print(view.text())


class ReportView:
    """A report that Jupyter shows as HTML and everything else as text."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def text(self) -> str:
        from rich.console import Console

        from actgrade import render

        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=False, force_jupyter=False, no_color=True, highlight=False,
                          soft_wrap=True, width=100)
        render.print_report(self.report, out=console)
        return buffer.getvalue().replace("(replay with --seed ", "(replay with seed=")

    def __repr__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())

    def _repr_html_(self) -> str:
        return report_html(self.report)


def inline_html(text: str) -> str:
    """Escape for HTML; `code` spans become <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def report_html(report: Report) -> str:
    from actgrade.report import hint_label

    green, red, amber, grey = "#1a7f37", "#cf222e", "#9a6700", "#57606a"
    rows = []
    for item in report.checks:
        colour = green if item.passed else red
        mark = "PASS" if item.passed else "FAIL"
        hints = "".join(
            f'<li><span style="color:{amber if item.passed else red}">'
            f"{html.escape(hint_label(h.category))}:</span> {inline_html(h.text)}</li>"
            for h in item.hints
        )
        rows.append(
            f'<li style="margin:0.3em 0"><b style="color:{colour}">{mark}</b> {html.escape(item.title)} '
            f'<span style="color:{grey}">({item.points:g}/{item.max_points:g})</span>'
            + (f'<ul style="margin:0.2em 0">{hints}</ul>' if hints else "") + "</li>"
        )
    verdict = (f'<b style="color:{green}">all checks passed</b>' if report.passed
               else f'<b style="color:{red}">not passed yet</b>')
    printed = ""
    if report.learner_output.strip():
        printed = (f"<details><summary>Your code printed</summary><pre>"
                   f"{html.escape(trim_output(report.learner_output))}</pre></details>")
    return (
        f'<div class="actgrade-report"><p><b>{html.escape(report.exercise)}: {html.escape(report.title)}</b> '
        f'<span style="color:{grey}">seed {report.seed} (replay with seed={report.seed})</span></p>'
        f'<ul style="list-style:none;padding-left:0.5em">{"".join(rows)}</ul>{printed}'
        f"<p>Score {report.score:g}/{report.max_score:g}: {verdict} "
        f'<span style="color:{grey}">({report.duration_s:.2f} s)</span></p></div>'
    )
