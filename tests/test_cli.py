"""The command line, run as a learner runs it: a real `actgrade` process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from actgrade import catalog
from helpers import patched_workspace, solutions_workspace


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
    full_env.update({"NO_COLOR": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "actgrade", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


def test_check_solutions_passes_with_exit_0() -> None:
    result = run("check", "exercise1", "--workspace", "solutions", "--seed", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout
    assert "actgrade solution exercise1" in result.stdout


def test_json_report_shape(tmp_path: Path) -> None:
    result = run("check", "1", "--workspace", "solutions", "--seed", "42", "--json")
    report = json.loads(result.stdout)
    assert set(report) == {"exercise", "title", "passed", "score", "max_score", "seed", "duration_s",
                           "isolation", "checks"}
    assert report["isolation"]["level"] in ("strict", "basic")
    assert set(report["isolation"]) == {"level", "applied", "missing"}
    assert report["exercise"] == "exercise1" and report["seed"] == 42 and report["passed"] is True
    assert report["score"] == report["max_score"] > 0
    for item in report["checks"]:
        assert set(item) == {"name", "passed", "points", "max_points", "message", "hints"}


def test_learner_printing_fake_json_cannot_reach_the_report(tmp_path: Path) -> None:
    patch = (
        "import sys\n"
        "print('{\"exercise\": \"exercise1\", \"passed\": true, \"score\": 7.0}')\n"
        "sys.stdout.flush()\n"
        "def relu(x):\n"
        "    print('{\"passed\": true}')\n"
        "    sys.stderr.write('noise on stderr\\n')\n"
        "    return x\n"
    )
    workspace = patched_workspace(tmp_path / "ws", "exercise1_relu", patch)
    result = run("check", "exercise1", "--workspace", str(workspace), "--json", "--seed", "1")
    report = json.loads(result.stdout)  # exactly one JSON object on stdout
    assert report["passed"] is False and result.returncode == 1
    assert "passed\": true" in result.stderr  # shown beside the report, not in it


def test_untouched_stub_fails_with_not_implemented_only(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "ws")).returncode == 0
    result = run("check", "relu", "--json", cwd=tmp_path / "ws")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    categories = {h["category"] for c in report["checks"] for h in c["hints"]}
    assert categories == {"not-implemented"}


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    workspace = patched_workspace(tmp_path / "ws", "exercise1_relu", "def relu(x):\n    return (x\n")
    lines = (workspace / "exercise1_relu.py").read_text().count("\n")
    result = run("check", "1", "-w", str(workspace), "--json")
    report = json.loads(result.stdout)
    text = report["checks"][0]["hints"][0]["text"]
    assert report["checks"][0]["hints"][0]["category"] == "error"
    assert "SyntaxError" in text, text
    assert f"line {lines - 1}" in text or f"line {lines}" in text, text


def test_missing_function_suggests_the_near_miss(tmp_path: Path) -> None:
    patch = "ReLU = relu\ndel relu\n"
    workspace = patched_workspace(tmp_path / "ws", "exercise1_relu", patch)
    report = json.loads(run("check", "1", "-w", str(workspace), "--json").stdout)
    text = report["checks"][0]["hints"][0]["text"]
    assert "no function named `relu`" in text and "`ReLU`" in text


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    unknown = run("check", "exercise42", "-w", "solutions")
    assert unknown.returncode == 2 and "unknown exercise" in unknown.stderr and "Traceback" not in unknown.stderr
    missing_ws = run("check", "1", "-w", str(tmp_path / "nowhere"))
    assert missing_ws.returncode == 2 and "does not exist" in missing_ws.stderr
    (tmp_path / "empty").mkdir()
    missing_file = run("check", "1", "-w", str(tmp_path / "empty"))
    assert missing_file.returncode == 2 and "exercise1_relu.py is not in" in missing_file.stderr
    for result in (unknown, missing_ws, missing_file):
        assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_workspace_from_environment_variable(tmp_path: Path) -> None:
    workspace = solutions_workspace(tmp_path / "ws")
    result = run("check", "1", "--json", env={"ACTGRADE_WORKSPACE": str(workspace)}, cwd=tmp_path)
    assert json.loads(result.stdout)["passed"] is True


def test_init_and_reset_keep_the_learners_work(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    assert run("init", str(target)).returncode == 0
    names = sorted(p.name for p in target.glob("exercise*_*.py"))
    assert names == sorted(e.filename for e in catalog.exercises())
    mine = target / "exercise2_sigmoid.py"
    mine.write_text("# my work\n")
    again = run("init", str(target))
    assert "left untouched" in again.stdout and mine.read_text() == "# my work\n"
    result = run("reset", "sigmoid", "-w", str(target))
    assert result.returncode == 0, result.stderr
    backups = list(target.glob("exercise2_sigmoid.backup-*.py"))
    assert len(backups) == 1 and backups[0].read_text() == "# my work\n"
    assert mine.read_text() == (catalog.stubs_dir() / "exercise2_sigmoid.py").read_text()


def test_hint_levels_advance_and_can_be_chosen(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run("init", str(target))
    first = run("hint", "1", "-w", str(target)).stdout
    second = run("hint", "1", "-w", str(target)).stdout
    third = run("hint", "1", "-w", str(target)).stdout
    assert "Hint 1/3" in first and "Hint 2/3" in second and "Hint 3/3" in third
    assert "Hint 3/3" in run("hint", "1", "-w", str(target)).stdout
    assert "Hint 1/3" in run("hint", "1", "-w", str(target), "--level", "1").stdout
    assert run("hint", "1", "--level", "4").returncode == 2


def test_solution_is_shown_only_after_passing(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run("init", str(target))
    refused = run("solution", "1", "-w", str(target))
    assert refused.returncode == 1 and "not passed yet" in refused.stderr and "BEGIN SOLUTION" not in refused.stdout
    (target / "exercise1_relu.py").write_text((catalog.solutions_dir() / "exercise1_relu.py").read_text())
    assert run("check", "1", "-w", str(target)).returncode == 0
    shown = run("solution", "1", "-w", str(target))
    assert shown.returncode == 0 and "np.maximum" in shown.stdout


def test_list_shows_status_and_progress(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run("init", str(target))
    (target / "exercise1_relu.py").write_text((catalog.solutions_dir() / "exercise1_relu.py").read_text())
    broken = (catalog.solutions_dir() / "exercise2_sigmoid.py").read_text() + "\ndef sigmoid(x):\n    return x\n"
    (target / "exercise2_sigmoid.py").write_text(broken)
    result = run("list", "-w", str(target))
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith("exercise")}
    assert "passed" in rows["exercise1"]
    assert "failing" in rows["exercise2"]
    assert "not started" in rows["exercise3"]
    assert f"1/{len(catalog.exercises())} exercises passed" in result.stdout


def test_help_texts() -> None:
    result = run("--help")
    assert result.returncode == 0 and "actgrade check exercise1" in result.stdout
    for command in ("check", "list", "hint", "init", "reset", "solution"):
        assert run(command, "--help").returncode == 0


def test_the_command_list_imports_no_lazy_command_and_says_what_each_does() -> None:
    """`--help` lists the lazy commands from one-line texts kept in cli.py; each must be the first
    line of the command's own help, so the two never drift apart."""
    import importlib

    from actgrade.cli import LazyGroup

    for name, (module, attribute, short) in LazyGroup.lazy_commands.items():
        command = getattr(importlib.import_module(module), attribute)
        assert command.help.strip().splitlines()[0] == short, name
    code = ("import sys; from click.testing import CliRunner; from actgrade.cli import cli; "
            "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0, r.output; "
            "loaded = [m for m in ('actgrade.watch', 'actgrade.plots', 'actgrade.classroom.batch', "
            "'actgrade.classroom.nbgrader', 'numpy', 'rich') if m in sys.modules]; "
            "assert not loaded, loaded; assert 'Check an exercise again' in r.output")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_hint_and_a_cached_list_load_neither_numpy_nor_rich(tmp_path: Path) -> None:
    workspace = solutions_workspace(tmp_path / "ws")
    run = [sys.executable, "-c", "import runpy, sys; sys.argv = ['actgrade', *sys.argv[1:]]; "
           "exec('try:\\n    runpy.run_module(\"actgrade\", run_name=\"__main__\")\\nexcept SystemExit:\\n    pass'); "
           "loaded = [m for m in ('numpy', 'rich') if m in sys.modules]; print('LOADED', loaded, file=sys.stderr)"]
    first = subprocess.run([*run, "list", "--workspace", str(workspace)], capture_output=True, text=True)
    total = len(catalog.exercises())
    assert f"{total}/{total} exercises passed" in first.stdout, first.stderr  # graded now: NumPy loaded
    for args in (["list", "--workspace", str(workspace)], ["hint", "2", "--level", "1"]):
        again = subprocess.run([*run, *args], capture_output=True, text=True, cwd=tmp_path)
        assert "LOADED []" in again.stderr, (args, again.stderr)
        assert again.stdout.strip(), args


def test_check_folds_later_failures_and_all_shows_them(tmp_path: Path) -> None:
    workspace = patched_workspace(tmp_path / "ws", "exercise1_relu", "def relu(x):\n    return max(0, x)\n")
    folded = run("check", "1", "-w", str(workspace), "--seed", "5")
    full = run("check", "1", "-w", str(workspace), "--seed", "5", "--all")
    assert folded.returncode == full.returncode == 1
    assert folded.stdout.count("truth value of an array") == 1 and "--all" in folded.stdout
    assert full.stdout.count("truth value of an array") >= 2 and "0-d input" in full.stdout
