"""The journal of a class run: every finished pair, written as it finishes, so that an interrupted
`actgrade grade` resumes where it stopped.

`journal.jsonl` in the results folder: a first line naming the actgrade version and the seed,
then one line per finished pair (student, exercise, a digest of that student's Python files, the
result). Running the same command again grades only what is not in the journal: pairs never
finished, pairs that ended in an internal error, and every pair of a student whose files changed
since. A journal of another actgrade version or another seed is set aside and the run starts over.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO

from actgrade import __version__
from actgrade.classroom.pairs import PairResult

JOURNAL = "journal.jsonl"
KIND = "actgrade grade journal"


def journal_path(out: Path) -> Path:
    return out / JOURNAL


def _header(path: Path) -> dict | None:
    try:
        with open(path, encoding="utf-8") as handle:
            header = json.loads(handle.readline())
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("kind") != KIND or header.get("version") != __version__:
        return None
    return header


def previous_seed(out: Path) -> int | None:
    """The seed of the run journaled in `out` (same actgrade version), or None."""
    header = _header(journal_path(out))
    seed = header.get("seed") if header else None
    return seed if isinstance(seed, int) else None


class Journal:
    """Finished pairs of one run: read what an earlier run of the same seed left, append as pairs end."""

    def __init__(self, out: Path, seed: int, fresh: bool = False) -> None:
        self.path = journal_path(out)
        self.seed = seed
        self.entries: dict[tuple[str, str], tuple[str, PairResult]] = {}
        header = None if fresh else _header(self.path)
        if header is not None and header.get("seed") == seed:
            self.entries = self._read()
        self._handle: IO[str] | None = None

    def _read(self) -> dict[tuple[str, str], tuple[str, PairResult]]:
        entries = {}
        with open(self.path, encoding="utf-8") as handle:
            next(handle, None)
            for line in handle:
                try:  # a line cut short by an interruption is simply graded again
                    record = json.loads(line)
                    entries[str(record["student"]), str(record["exercise"])] = (
                        str(record["digest"]), PairResult.from_record(record["result"]))
                except (ValueError, KeyError, TypeError):
                    continue
        return entries

    def done(self, student: str, exercise: str, digest: str) -> PairResult | None:
        """The journaled result of this pair, when it need not be graded again."""
        entry = self.entries.get((student, exercise))
        if entry is None or entry[0] != digest or entry[1].status == "internal-error":
            return None
        return entry[1]

    def open(self) -> None:
        """Start writing: keep what is worth keeping, in a journal rewritten for this run."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"kind": KIND, "version": __version__, "seed": self.seed}) + "\n")
            for (student, exercise), (digest, result) in self.entries.items():
                handle.write(_line(student, exercise, digest, result))
        partial.replace(self.path)
        self._handle = open(self.path, "a", encoding="utf-8")

    def record(self, student: str, exercise: str, digest: str, result: PairResult) -> None:
        """Append one finished pair, flushed to disk at once."""
        self.entries[student, exercise] = (digest, result)
        if self._handle is not None:
            self._handle.write(_line(student, exercise, digest, result))
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _line(student: str, exercise: str, digest: str, result: PairResult) -> str:
    return json.dumps({"student": student, "exercise": exercise, "digest": digest,
                       "result": result.to_record()}) + "\n"
