"""For maintainers: build the learner's stubs from the reference solutions.

    python -m actgrade.authoring          # rewrite exercises/*.py
    python -m actgrade.authoring --check  # exit 1 when a committed stub is stale

Everything between `# BEGIN SOLUTION` and `# END SOLUTION` is replaced by a
`raise NotImplementedError(...)` at the marker's indentation, or, for a block
that holds `# STUB: ` lines, by those lines (see CONTRIBUTING.md).
"""

from __future__ import annotations

import re
import sys
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
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
