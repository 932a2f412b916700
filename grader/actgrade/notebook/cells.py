"""The learner's module built from notebook cells: only definitions are kept, each line mapped back
to the cell it came from."""

from __future__ import annotations

import ast
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actgrade.catalog import EXERCISE_MODULE

if TYPE_CHECKING:
    pass




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


# -- the module built from the notebook --------------------------------------------------------

@dataclass
class NotebookModule:
    """The learner's module as built from notebook cells, with a map back to them."""

    text: str
    # For line i + 1 of `text`: (the cell's name or None, the line in that cell).
    origins: list[tuple[str | None, int]] = field(default_factory=list)
    # Cells that stopped with an error, one sentence each: what they did not define is not graded.
    stopped: list[str] = field(default_factory=list)

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
            EXERCISE_MODULE.match(stmt.module) or stmt.module.split(".")[0] == "actgrade"):
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
    shell = _shell()
    if shell is not None:
        history = shell.history_manager.input_hist_parsed
        return [(count, source) for count, source in enumerate(history) if source and source.strip()]
    filename = (namespace or {}).get("__file__")
    if filename and os.path.isfile(filename):
        return [(None, Path(filename).read_text(encoding="utf-8"))]
    raise RuntimeError("actgrade.notebook grades the cells of a Jupyter or IPython session; "
                       "outside one, use `actgrade check` on your file.")


def cells_that_ran(cells: list[tuple[CellKey, str]], namespace: dict
                   ) -> tuple[list[tuple[CellKey, str]], list[str]]:
    """The cells as far as they ran: a cell that stopped with an error defined nothing after the
    error in the kernel, so nothing after it may be graded either.

    A cell ran to its end when every function and class it defines at the top level exists in
    the kernel's `namespace`. Otherwise it is cut before its first definition the kernel does
    not have, and one sentence says so (naming the kernel's last error when it is known).
    """
    kept: list[tuple[CellKey, str]] = []
    stopped: list[str] = []
    for key, source in cells:
        try:
            body = ast.parse(_unwrap_cell_magic(source)).body
        except (SyntaxError, ValueError):
            kept.append((key, source))
            continue
        missing = next((stmt for stmt in body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                        and stmt.name not in namespace), None)
        if missing is None:
            kept.append((key, source))
            continue
        lines = _unwrap_cell_magic(source).splitlines()
        first = missing.decorator_list[0].lineno if missing.decorator_list else missing.lineno
        kept.append((key, "\n".join(lines[:first - 1])))
        where = cell_name(key) or "a cell"
        stopped.append(f"{where[0].upper()}{where[1:]} stopped with an error{_last_error()} before it defined "
                       f"`{missing.name}`, so `{missing.name}` and what follows it in that cell are not graded. "
                       "Fix the error and run the cell again.")
    return kept, stopped


def _last_error() -> str:
    """` (ModuleNotFoundError: No module named 'x')`: the kernel's last uncaught error, if known."""
    error = getattr(sys, "last_value", None)
    if error is None:
        return ""
    message = str(error).splitlines()[0][:120] if str(error) else ""
    return f" ({type(error).__name__}{': ' + message if message else ''})"


def graded_module(namespace: dict | None) -> NotebookModule:
    """The module graded for the cells run in this kernel (see `cells_that_ran`)."""
    cells = notebook_cells(namespace)
    stopped: list[str] = []
    if namespace is not None and namespace is _kernel_namespace():
        cells, stopped = cells_that_ran(cells, namespace)
    module = module_from_cells(cells)
    module.stopped = stopped
    return module


def _shell() -> Any:
    """The running IPython shell, or None outside one (IPython is never imported here)."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def _kernel_namespace() -> dict | None:
    """The IPython kernel's user namespace, where the cells' definitions live (None outside one)."""
    return getattr(_shell(), "user_ns", None)
