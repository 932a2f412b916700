"""The pieces of a solution file, as an nbgrader notebook needs them: the task, the code around the
answers, the answers, and the nbgrader markers a solution may not contain."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from actgrade.authoring import BEGIN, END, STUB_PREFIX

NB_BEGIN, NB_END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# Strings nbgrader reacts to wherever they appear; only our own cells may hold them.
NBGRADER_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "AUTOTEST", "BEGIN MARK SCHEME")
EXERCISE_MODULE = re.compile(r"^exercise(\d+)_[a-z_]+$")
EXAMPLE_SECONDS = 2.0
EXAMPLE_MAX_SIZE = 64
CODE_WIDTH = 88  # comment lines of generated cells: no sideways scrolling in a code box


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
            match = EXERCISE_MODULE.match(module)
            if match:
                numbers.add(int(match.group(1)))
    return sorted(numbers)
