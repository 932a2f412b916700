"""The result of grading one exercise as data and JSON: checks, their hints, the score.

Plain data only (no NumPy), so commands that only show results start fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = (
    "not-implemented", "error", "timeout", "shape", "dtype", "mutation", "value", "axis",
    "derivative", "overflow", "batch-mean", "gradient", "saturation", "dead-relu",
    "vanishing-gradient", "divergence", "symmetry", "no-learning", "nondeterministic",
    "slow", "answer",
)


# How a category reads in front of a learner, where its name is not plain words.
_LABELS = {
    "not-implemented": "not written yet",
    "vanishing-gradient": "vanishing gradient",
    "dead-relu": "dead ReLUs",
    "no-learning": "no learning",
    "batch-mean": "batch mean",
}


def hint_label(category: str) -> str:
    """`dead ReLUs` for "dead-relu": the category as the terminal, notebook and feedback show it."""
    return _LABELS.get(category, category)


@dataclass(frozen=True)
class Hint:
    category: str
    text: str

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown hint category {self.category!r}")

    def to_json(self) -> dict:
        return {"category": self.category, "text": self.text}


@dataclass
class CheckResult:
    name: str
    title: str
    passed: bool
    points: float
    max_points: float
    message: str
    hints: list[Hint] = field(default_factory=list)
    topic: str = ""  # the learner's function the check was about when it ended (for `actgrade hint`)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "passed": self.passed,
            "points": self.points,
            "max_points": self.max_points,
            "message": self.message,
            "hints": [h.to_json() for h in self.hints],
        }


@dataclass
class Report:
    exercise: str
    title: str
    seed: int
    duration_s: float = 0.0
    checks: list[CheckResult] = field(default_factory=list)
    learner_output: str = ""
    import_failed: bool = False  # the file could not be imported, so no check ran
    # What confined the learner's code: {"level": "strict" | "basic", "applied": [...], "missing": [...]}
    isolation: dict = field(default_factory=dict)
    # (module, function) of the learner's functions that hung during this grading ("<import>" for a
    # module whose import did not finish): a class run skips them in that student's later exercises.
    hung: list[tuple[str, str]] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(sum(c.points for c in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_points for c in self.checks), 6)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def not_started(self) -> bool:
        """Every failing hint says `not-implemented`: the learner has not begun."""
        failing = [h for c in self.checks if not c.passed for h in c.hints]
        return bool(failing) and all(h.category == "not-implemented" for h in failing) and self.score == 0

    def to_json(self) -> dict:
        return {
            "exercise": self.exercise,
            "title": self.title,
            "passed": self.passed,
            "score": self.score,
            "max_score": self.max_score,
            "seed": self.seed,
            "duration_s": round(self.duration_s, 3),
            "isolation": self.isolation,
            "checks": [c.to_json() for c in self.checks],
        }
