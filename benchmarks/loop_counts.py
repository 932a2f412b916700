"""What the loop detector counts, per elementwise function, so the margin is visible.

For each function the speed checks judge (exercises 1, 2, 3 and 8), the reference, the correct
NumPy idioms of tests/correct/ and the loop variants of tests/mistakes/ (those whose `# check:`
line names `vectorised_speed`) are run in the sandbox on the detector's two inputs, 1,000 and
10,000 numbers (softmax: rows of 2 scores, plus rows ten times as wide), and the counts are
printed: Python steps in the learner's files (lines, calls, calls of math/builtin functions),
peak Python objects alive, and np.vectorize/np.frompyfunc calls. The verdict column is what
`expect.vectorised` decides from them: a vectorised function takes the same few steps for both
sizes; an element loop takes at least one more step per extra element (the limit is 0.5).

Counts, not times: they are the same on a busy machine. Run from the repository root:

    python benchmarks/loop_counts.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from actgrade import devtools
from actgrade.checks import expect
from actgrade.devtools import directives, patched_workspace, solutions_workspace
from actgrade.sandbox.protocol import Uniform
from actgrade.sandbox.runner import Sandbox

ROOT = Path(__file__).resolve().parent.parent

FUNCTIONS = {
    "exercise1_relu": ("relu", "relu_derivative"),
    "exercise2_sigmoid": ("sigmoid", "sigmoid_derivative"),
    "exercise3_softmax": ("softmax", "softmax_jacobian"),
    "exercise8_dead_relu": ("leaky_relu", "leaky_relu_derivative"),
}


def variants(module: str, scratch: Path) -> list[tuple[str, Path]]:
    found = [("reference", solutions_workspace(scratch / module / "reference"))]
    for path in sorted((ROOT / "tests" / "correct" / module).glob("*.py")):
        found.append((f"idiom: {path.stem}", patched_workspace(scratch / module / path.stem, module,
                                                               path.read_text(encoding="utf-8"))))
    for path in devtools.mistake_files(ROOT):
        source = path.read_text(encoding="utf-8")
        if path.parent.name == module and (
                "vectorised_speed" in directives(source).get("check", [])
                or "axis" in directives(source).get("expect-warning", [])):
            found.append((f"loop: {path.stem}", patched_workspace(scratch / module / path.stem, module, source)))
    return found


def main() -> None:
    spec_1d = Uniform(seed=1, size=1_000_000, low=-10, high=10)
    spec_2d = np.random.default_rng(1).normal(size=(100_000, 2))
    print(f"{'function':24s} {'variant':34s} {'steps small':>11s} {'large':>8s} {'wide':>8s} "
          f"{'objects':>8s} {'wrappers':>8s}  verdict")
    with tempfile.TemporaryDirectory(prefix="actgrade-loops-") as scratch:
        for module, names in FUNCTIONS.items():
            for label, workspace in variants(module, Path(scratch)):
                with Sandbox(workspace) as sandbox:
                    if not sandbox.import_module(module, timeout=30).ok:
                        print(f"{module}: {label} does not import")
                        continue
                    for name in names:
                        spec = spec_2d if module == "exercise3_softmax" else spec_1d
                        small_input, large_input = expect.loop_inputs(spec)
                        counts = [sandbox.count_steps(module, name, (x,), timeout=120)
                                  for x in (small_input, large_input)]
                        wide = None
                        if module == "exercise3_softmax":
                            wide = sandbox.count_steps(module, name, (expect.wide_input(spec),), timeout=120)
                        if not all(c.ok for c in counts):
                            continue  # this variant does not define this function differently
                        small, large = (c.value for c in counts)
                        verdict = _verdict(small, large, wide.value if wide and wide.ok else None,
                                           small_input, large_input, spec)
                        print(f"{name:24s} {label[:34]:34s} {small['steps']:11,d} {large['steps']:8,d} "
                              f"{(wide.value['steps'] if wide and wide.ok else 0):8,d} "
                              f"{large['peak_objects']:8,d} {large['element_wrappers']:8d}  {verdict}")


def _verdict(small: dict, large: dict, wide: dict | None, small_input: np.ndarray, large_input: np.ndarray,
             spec: object) -> str:
    if wide is not None:
        wide_size = expect.wide_input(spec).size
        if expect.grows(small, wide, wide_size - small_input.size):
            return "element loop: slow"
        if expect.grows(small, large, large_input.shape[0] - small_input.shape[0]):
            return "row loop: note"
        return "vectorised"
    return "element loop: slow" if expect.grows(small, large, large_input.size - small_input.size) else "vectorised"


if __name__ == "__main__":
    main()
