"""What actgrade remembers about a workspace: results and hint levels.

Kept in `<workspace>/.actgrade/state.json`. Losing it loses nothing that
matters (statuses are recomputed, hints start again at level 1), so every
read tolerates a missing or corrupt file and every write tolerates a
read-only folder.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

STATE_DIR = ".actgrade"


def _path(workspace: Path) -> Path:
    return workspace / STATE_DIR / "state.json"


def load(workspace: Path) -> dict[str, Any]:
    try:
        data = json.loads(_path(workspace).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(workspace: Path, data: dict[str, Any]) -> None:
    path = _path(workspace)
    try:
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only workspace (such as the shipped solutions) keeps no state


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def record_result(workspace: Path, exercise_id: str, digest: str, passed: bool, score: float,
                  max_score: float, failure: dict | None = None) -> None:
    """Remember a check's result; `failure` describes its first failing check (for `actgrade hint`)."""
    data = load(workspace)
    results = data.setdefault("results", {})
    results[exercise_id] = {"digest": digest, "passed": passed, "score": score, "max_score": max_score}
    failures = data.setdefault("failures", {})
    if failure:
        failures[exercise_id] = {**failure, "digest": digest}
    else:
        failures.pop(exercise_id, None)
    save(workspace, data)


def recorded_result(workspace: Path, exercise_id: str, digest: str) -> dict | None:
    """The last result for this exact file content, if any."""
    result = load(workspace).get("results", {}).get(exercise_id)
    if isinstance(result, dict) and result.get("digest") == digest:
        return result
    return None


def last_failure(workspace: Path, exercise_id: str) -> dict | None:
    """The first failing check of the last report of this exercise: {"check", "title", "topic",
    "category", "text", "seed", "digest"}, or None when it passed or was never checked."""
    found = load(workspace).get("failures", {}).get(exercise_id)
    return found if isinstance(found, dict) and isinstance(found.get("topic"), str) else None


def ever_passed(workspace: Path, exercise_id: str) -> bool:
    return bool(load(workspace).get("passed_once", {}).get(exercise_id))


def mark_passed(workspace: Path, exercise_id: str) -> None:
    data = load(workspace)
    data.setdefault("passed_once", {})[exercise_id] = True
    save(workspace, data)


def next_hint_level(workspace: Path, exercise_id: str, topic: str, levels: int) -> int:
    """1, 2, 3, then 3 again: each call to `actgrade hint` goes one step further on that topic."""
    data = load(workspace)
    shown = data.setdefault("hints", {}).get(exercise_id)
    if not isinstance(shown, dict):  # an older state file kept one level per exercise
        shown = {}
    level = min(int(shown.get(topic, 0) or 0) + 1, levels)
    shown[topic] = level
    data["hints"][exercise_id] = shown
    save(workspace, data)
    return level
