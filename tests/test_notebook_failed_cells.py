"""A notebook cell that raised when it ran defined nothing after the error in the kernel, so
nothing of it after the error is graded (it used to be, and such a notebook could score full
marks), and the report says which cell stopped, with the error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from actgrade import catalog

SCRIPT = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
cell = open(sys.argv[1], encoding="utf-8").read()
ran = shell.run_cell(cell, store_history=True)
assert ran.error_in_exec is not None and "loss_and_gradients" not in shell.user_ns
shell.run_cell("from actgrade.notebook import run", store_history=True)
shell.run_cell("report = run('exercise5', seed=3)", store_history=True)
report = shell.user_ns["report"]
print(json.dumps({"passed": report.passed, "score": report.score,
                  "hints": [h.text for c in report.checks for h in c.hints]}))
"""


def test_a_cell_that_raised_is_not_graded(tmp_path: Path) -> None:
    # One cell: the import fails in the kernel (the earlier exercises are not on its path), so the
    # functions below it were never defined.
    source = (catalog.solutions_dir() / "exercise5_backprop.py").read_text(encoding="utf-8")
    (tmp_path / "cell.py").write_text(source, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "cell.py")], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert not report["passed"] and report["score"] == 0, report
    assert any("ModuleNotFoundError" in text for text in report["hints"]), report["hints"]


def test_a_cell_is_graded_as_far_as_it_ran() -> None:
    from actgrade.notebook.cells import cells_that_ran

    cell = ("import numpy as np\n\ndef relu(x):\n    return np.maximum(x, 0.0)\n\nboom()\n\n"
            "def relu_derivative(x):\n    return x > 0\n")
    kept, stopped = cells_that_ran([(3, cell), (4, "def other():\n    pass\n")], {"relu": object(), "other": object()})
    assert kept[0] == (3, "import numpy as np\n\ndef relu(x):\n    return np.maximum(x, 0.0)\n\nboom()\n")
    assert kept[1] == (4, "def other():\n    pass\n")
    assert len(stopped) == 1 and stopped[0].startswith("Cell [3] stopped with an error")
    assert "`relu_derivative`" in stopped[0]
