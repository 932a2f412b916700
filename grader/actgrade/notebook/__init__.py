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

from actgrade.notebook.cells import EXAMPLES_HEADER
from actgrade.notebook.cells_graded import VISIBLE_SEED, grade_cell, self_check
from actgrade.notebook.selfstudy import check, run
from actgrade.notebook.workspaces import provide_earlier_exercises

__all__ = ["EXAMPLES_HEADER", "VISIBLE_SEED", "check", "grade_cell", "provide_earlier_exercises", "run", "self_check"]
