"""`report.html`: a class run at a glance, for the instructor deciding what to teach again.

One self-contained page (styles inline, plots as embedded PNG images, no script, nothing fetched):

- the score distribution of the class, and each exercise's mean;
- the pass rate of every hidden check;
- per exercise, the most frequent hint categories among the students who got one ("12 students:
  softmax over the wrong axis"), each with one example message as a student read it.

The plots need matplotlib (the `[classroom]` extra); without it the page has the same numbers as
tables. Every text that comes from a submission (hint texts quote learner code and values, student
folder names) is escaped.
"""

from __future__ import annotations

import base64
import html
import io
import time
from collections import Counter

from actgrade import __version__
from actgrade.classroom.results import ClassResults
from actgrade.numbers import points_text
from actgrade.report import hint_label

TOP_CATEGORIES = 5
EXAMPLE_CHARS = 400

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:980px;margin:2em auto;padding:0 1em;
color:#1d2330;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:2px solid #e3e6ee;padding-bottom:.2em}
.meta{color:#5a6275}table{border-collapse:collapse;width:100%;margin:.6em 0}
th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #eceef4;vertical-align:top}
td.num{text-align:right;white-space:nowrap}.bar{background:#e9edf5;height:.8em;width:10em;border-radius:3px}
.bar span{display:block;height:100%;background:#3b7dd8;border-radius:3px}
.category{font-weight:600}.example{color:#3d4556;font-size:.92em;white-space:pre-wrap}
img{max-width:100%}
"""


def students_with(data: ClassResults, exercise_id: str) -> dict[str, list[tuple[str, str]]]:
    """Hint category -> (student, text) of every student whose report of the exercise has that hint
    on a failing check (one entry per student)."""
    found: dict[str, dict[str, str]] = {}
    for student in data.students:
        result = data.results.get((student, exercise_id))
        if result is None:
            continue
        for check in result.report.get("checks", []):
            if check.get("passed"):
                continue
            for hint in check.get("hints", []):
                found.setdefault(hint["category"], {}).setdefault(student, hint["text"])
    return {category: list(by_student.items()) for category, by_student in found.items()}


def check_pass_rates(data: ClassResults) -> list[tuple[str, str, int, int]]:
    """(exercise id, check title, students who passed it, students graded) for every check."""
    rows = []
    for exercise in data.exercises:
        passed: Counter[str] = Counter()
        graded: Counter[str] = Counter()
        titles: dict[str, str] = {}
        for student in data.students:
            result = data.results.get((student, exercise.id))
            if result is None:
                continue
            for index, check in enumerate(result.report.get("checks", [])):
                name = check["name"]
                titles.setdefault(name, result.titles[index] if index < len(result.titles) else name)
                graded[name] += 1
                passed[name] += bool(check.get("passed"))
        rows += [(exercise.id, titles[name], passed[name], graded[name]) for name in titles]
    return rows


def _png(figure: object) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def plots(data: ClassResults, rates: list[tuple[str, str, int, int]]) -> dict[str, str] | None:
    """Base64 PNGs of the score histogram and the pass rates, or None without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        return None
    totals = [data.total(s) for s in data.students]
    figure, axes = plt.subplots(figsize=(8, 3))
    axes.hist(totals, bins=min(20, max(5, len(set(totals)))), range=(0, max(data.total_max(), 1)), color="#3b7dd8")
    axes.set_xlabel(f"total score (out of {points_text(data.total_max())})")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    scores = _png(figure)
    plt.close(figure)
    figure, axes = plt.subplots(figsize=(8, 0.28 * len(rates) + 0.8))
    labels = [f"{e} {t[:60]}" for e, t, _, _ in rates]
    values = [100.0 * p / g if g else 0.0 for _, _, p, g in rates]
    axes.barh(range(len(rates)), values, color=["#3b7dd8" if v >= 50 else "#d8613b" for v in values])
    axes.set_yticks(range(len(rates)), labels, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("students who passed (%)")
    axes.spines[["top", "right"]].set_visible(False)
    checks = _png(figure)
    plt.close(figure)
    return {"scores": scores, "checks": checks}


def _image(data: str, alt: str) -> str:
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def _students(count: int) -> str:
    return f"{count} student" + ("" if count == 1 else "s")


def render(data: ClassResults) -> str:
    """The whole page."""
    e = html.escape
    rates = check_pass_rates(data)
    images = plots(data, rates)
    count = len(data.students)
    mean_total = sum(data.total(s) for s in data.students) / max(count, 1)
    full = sum(data.total(s) >= data.total_max() for s in data.students)
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class report</title>"
             f"<style>{STYLE}</style></head><body>",
             "<h1>Class report</h1>",
             f"<p class='meta'>{_students(count)}, {len(data.exercises)} exercises, seed {data.seed}; "
             f"graded by actgrade {e(__version__)} on {e(time.strftime('%Y-%m-%d %H:%M'))}. Mean "
             f"{mean_total:.1f} of {points_text(data.total_max())}; {full} with full marks.</p>",
             "<section id='scores'><h2>Score distribution</h2>"]
    if images:
        parts.append(_image(images["scores"], "Histogram of the students' total scores"))
    parts.append("<table><tr><th>exercise</th><th>title</th><th class='num'>mean</th><th class='num'>full marks"
                 "</th></tr>")
    for exercise in data.exercises:
        scores = [data.results[s, exercise.id].score for s in data.students if (s, exercise.id) in data.results]
        top = sum(score >= data.maximum(exercise) for score in scores)
        parts.append(f"<tr><td>{e(exercise.id)}</td><td>{e(exercise.title)}</td><td class='num'>"
                     f"{sum(scores) / max(len(scores), 1):.1f} / {points_text(data.maximum(exercise))}</td>"
                     f"<td class='num'>{_students(top)}</td></tr>")
    parts.append("</table></section><section id='checks'><h2>Pass rate per check</h2>")
    if images:
        parts.append(_image(images["checks"], "Share of students who passed each check"))
    parts.append("<table><tr><th>exercise</th><th>check</th><th class='num'>passed</th><th></th></tr>")
    for exercise_id, title, passed, graded in rates:
        share = 100.0 * passed / graded if graded else 0.0
        parts.append(f"<tr class='check'><td>{e(exercise_id)}</td><td>{e(title)}</td><td class='num'>{passed} of "
                     f"{graded} ({share:.0f}%)</td><td><div class='bar'><span style='width:{share:.0f}%'></span>"
                     "</div></td></tr>")
    parts.append("</table></section><section id='hints'><h2>What went wrong most often</h2>"
                 "<p class='meta'>Per exercise, the hint categories of failing checks by the number of students "
                 "who got them, with one message as a student read it.</p>")
    for exercise in data.exercises:
        found = students_with(data, exercise.id)
        parts.append(f"<h3 id='hints-{e(exercise.id)}'>{e(exercise.id)}: {e(exercise.title)}</h3>")
        if not found:
            parts.append("<p>No failing check: nothing to teach again here.</p>")
            continue
        parts.append("<table>")
        ranked = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))[:TOP_CATEGORIES]
        for category, entries in ranked:
            example = entries[0][1]
            example = example if len(example) <= EXAMPLE_CHARS else example[:EXAMPLE_CHARS - 3] + "..."
            parts.append(f"<tr class='hint' data-category='{e(category)}'><td class='num'>{_students(len(entries))}"
                         f"</td><td><span class='category'>{e(hint_label(category))}</span><div class='example'>"
                         f"{e(example)}</div></td></tr>")
        parts.append("</table>")
    parts.append("</section></body></html>\n")
    return "".join(parts)
