"""For maintainers: build the learner's stubs from the reference solutions.

    python -m actgrade.authoring          # rewrite exercises/*.py
    python -m actgrade.authoring --check  # exit 1 when a committed stub is stale

Everything between `# BEGIN SOLUTION` and `# END SOLUTION` is replaced by a
`raise NotImplementedError(...)` at the marker's indentation, or, for a block
that holds `# STUB: ` lines, by those lines (see CONTRIBUTING.md).

A stub teaches without solving: `--check` also fails when a line of an answer
(normalised: no spaces, no comments, without its `return` or its assignment
target) appears in the stub (`answer_leaks`).
"""

from __future__ import annotations

import io
import re
import sys
import textwrap
import tokenize
from pathlib import Path

from actgrade import catalog

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
STUB_PREFIX = "# STUB: "
_DEF = re.compile(r"^\s*def\s+(\w+)\s*\(")


class MarkerError(ValueError):
    """A solution file whose markers do not pair up."""


def make_stub(source: str, filename: str = "<solution>") -> str:
    """The learner's version of a solution file."""
    out: list[str] = []
    block: list[str] | None = None
    indent = ""
    function = None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        stripped = line.strip()
        match = _DEF.match(line)
        if match and block is None:
            function = match.group(1)
        if stripped == BEGIN:
            if block is not None:
                raise MarkerError(f"{filename}:{number}: BEGIN SOLUTION inside another block")
            block, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if block is None:
                raise MarkerError(f"{filename}:{number}: END SOLUTION without BEGIN")
            out.extend(_replacement(block, indent, function))
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise MarkerError(f"{filename}: BEGIN SOLUTION without END")
    return "".join(out)


def _replacement(block: list[str], indent: str, function: str | None) -> list[str]:
    stub_lines = [line.strip()[len(STUB_PREFIX):] for line in block if line.strip().startswith(STUB_PREFIX)]
    if stub_lines:
        return [f"{indent}{text}\n" for text in stub_lines]
    what = f"`{function}`" if function and indent else "this part"
    return [
        f"{indent}# YOUR CODE HERE: replace the line below with your solution.\n",
        f'{indent}raise NotImplementedError("write {what.strip("`")} here")\n',
    ]


def answer_blocks(source: str) -> list[str]:
    """The text of every block between the markers of a solution file, `# STUB: ` lines left out."""
    found: list[str] = []
    block: list[str] | None = None
    for line in source.splitlines(keepends=True):
        stripped = line.strip()
        if stripped == BEGIN:
            block = []
        elif stripped == END and block is not None:
            found.append("".join(block))
            block = None
        elif block is not None and not stripped.startswith(STUB_PREFIX):
            block.append(line)
    return found


def _statements(block: str) -> list[str]:
    """The logical lines of a block of code (a statement split over lines is one), without comments."""
    statements, current = [], []
    try:
        for token in tokenize.generate_tokens(io.StringIO(textwrap.dedent(block)).readline):
            if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                if current:
                    statements.append(" ".join(current))
                current = []
            elif token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
                current.append(token.string)
    except (tokenize.TokenError, IndentationError):
        return [line.split("#", 1)[0] for line in block.splitlines()]
    return statements


def normalised(text: str) -> str:
    """Code or prose with every space removed, so that layout cannot hide a copied line."""
    return re.sub(r"\s+", "", text)


# What the task itself states, so a docstring may show it: the definition of a layer, the random
# generator the contract asks for, the sigmoid of the logits. Keep this list short.
STATED = frozenset({"a@W+b", "z=a@W+b", "logits=a@W+b", "np.random.default_rng(seed)", "sigmoid(logits)"})
_TRIVIAL = re.compile(r"[\w.\[\]:,\-'\"]*|np\.asarray\(\w+\)")  # a name, a subscript, a literal
_OPERATOR = re.compile(r"[-+*/@<>=%(]")


def answer_lines(source: str) -> set[str]:
    """Every normalised statement of the answers in a solution file, and its right-hand side.

    Trivial pieces are left out: names, subscripts and literals (`y.shape[1]`, `"saturation"`),
    `np.asarray(x)`, anything shorter than 8 characters, calls that only repeat a signature the
    stub shows (`softmax(z, axis=-1)`), and what the task states (`STATED`).
    """
    signatures = {normalised(m.group(1)) for m in re.finditer(r"^\s*def\s+(\w+\(.*?\))\s*:", source, re.M)}
    found: set[str] = set()
    for block in answer_blocks(source):
        for statement in _statements(block):
            whole = normalised(statement).rstrip(":")
            if whole.startswith(("def", "class", "raise", "if", "elif", "else", "for", "try", "except")):
                continue
            parts = {whole}
            for pattern in (r"^return(.+)$", r"^[\w\[\](),.:]+?=(?!=)(.+)$"):
                match = re.match(pattern, whole)
                if match:
                    parts.add(match.group(1))
            found |= {part for part in parts if len(part) >= 8 and _OPERATOR.search(part)
                      and not _TRIVIAL.fullmatch(part) and part not in signatures | STATED}
    return found


def answer_leaks(source: str, text: str) -> list[str]:
    """The answer lines of a solution file that appear in `text` (a stub, a hint), normalised."""
    haystack = normalised(text)
    return sorted(line for line in answer_lines(source) if line in haystack)


def expected_stubs() -> dict[Path, str]:
    """Every stub path in exercises/ and the text it should have."""
    stubs = {}
    for exercise in catalog.exercises():
        source_path = catalog.solutions_dir() / exercise.filename
        text = make_stub(source_path.read_text(encoding="utf-8"), exercise.filename)
        stubs[catalog.stubs_dir() / exercise.filename] = text
    return stubs


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    leaking = False
    for exercise in catalog.exercises():
        source = (catalog.solutions_dir() / exercise.filename).read_text(encoding="utf-8")
        leaks = answer_leaks(source, make_stub(source, exercise.filename))
        if leaks:
            leaking = True
            print(f"{exercise.filename}: its stub shows lines of the answer; reword the docstrings:",
                  *leaks, sep="\n  ")
    stale = []
    for path, text in expected_stubs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if "--check" not in argv:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if "--check" in argv and stale:
        print("stale stubs (run `python -m actgrade.authoring`):", *stale, sep="\n  ")
    return 1 if leaking or ("--check" in argv and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())
