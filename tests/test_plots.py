"""`actgrade plot`: a real PNG for every exercise, the reference alone where the
learner's code is missing, and a clear message without matplotlib."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from actgrade import catalog
from helpers import patched_workspace

pytest.importorskip("matplotlib")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
    full_env.update({"NO_COLOR": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "actgrade", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header, after checking the signature."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def assert_plausible_png(path: Path) -> None:
    assert path.is_file(), f"{path} was not written"
    width, height = png_size(path)
    assert width >= 1000 and height >= 500, (width, height)
    assert path.stat().st_size > 30_000, "a PNG this small cannot hold two annotated panels"


@pytest.mark.parametrize("exercise", [e.id for e in catalog.exercises()])
def test_plot_of_the_reference_solutions(exercise: str, tmp_path: Path) -> None:
    output = tmp_path / f"{exercise}.png"
    result = run("plot", exercise, "--workspace", "solutions", "--output", str(output))
    assert result.returncode == 0, result.stdout + result.stderr
    assert_plausible_png(output)
    assert f"Wrote {output}" in result.stdout
    assert "Note:" not in result.stderr, result.stderr  # every reference function was plotted


@pytest.mark.parametrize("exercise", ["1", "4", "6"])
def test_stubs_plot_the_reference_alone_and_say_so(exercise: str, tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "ws")).returncode == 0
    result = run("plot", exercise, cwd=tmp_path / "ws")
    item = catalog.find(exercise)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_plausible_png(tmp_path / "ws" / f"{item.module}.png")  # default name, current folder
    assert "not written yet" in result.stderr and "reference alone" in result.stderr, result.stderr
    assert "reference only where noted" in result.stdout


def test_a_raising_function_is_named_and_the_rest_still_plotted(tmp_path: Path) -> None:
    patch = "def relu_derivative(x):\n    raise ValueError('oops')\n"
    workspace = patched_workspace(tmp_path / "ws", "exercise1_relu", patch)
    output = tmp_path / "relu.png"
    result = run("plot", "relu", "-w", str(workspace), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert_plausible_png(output)
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note:")]
    assert len(notes) == 1 and "`relu_derivative` raised ValueError: oops" in notes[0], result.stderr


def test_a_wrong_derivative_is_plotted_not_hidden(tmp_path: Path) -> None:
    # relu'(0) = 1 is a real curve: plotted (with the differing point marked), no note
    patch = "def relu_derivative(x):\n    return np.where(x >= 0, 1.0, 0.0)\n"
    workspace = patched_workspace(tmp_path / "ws", "exercise1_relu", patch)
    from actgrade.plots import build_figure

    figure, problems, _ = build_figure(catalog.find("1"), workspace)
    assert problems == []
    titles = [ax.get_title(loc="right") for ax in figure.axes]
    assert any("differs at 1 of 601 points" in title for title in titles), titles


def test_unknown_exercise_and_missing_file_are_usage_errors(tmp_path: Path) -> None:
    result = run("plot", "exercise42", "--workspace", "solutions", "-o", str(tmp_path / "x.png"))
    assert result.returncode == 2 and "unknown exercise" in result.stderr
    (tmp_path / "empty").mkdir()
    result = run("plot", "1", "--workspace", str(tmp_path / "empty"), "-o", str(tmp_path / "x.png"))
    assert result.returncode == 2 and "exercise1_relu.py is not in" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_an_exercise_without_a_plot_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from actgrade import plots
    from actgrade.cli import cli

    real = plots.plot_module
    monkeypatch.setattr(plots, "plot_module", lambda e: None if e.id == "exercise4" else real(e))
    result = CliRunner().invoke(cli, ["plot", "4", "--workspace", "solutions"])
    assert result.exit_code == 2
    assert "there is no plot for exercise4" in result.output
    assert "exercise3, exercise5" in result.output


def test_plot_help_lists_what_each_plot_shows_from_the_plots_themselves() -> None:
    from actgrade import plots
    from actgrade.cli import cli

    result = CliRunner().invoke(cli, ["plot", "--help"])
    assert result.exit_code == 0, result.output
    for exercise, shows in plots.plotted():
        assert exercise.id in result.output and shows[:40] in " ".join(result.output.split())
    assert len(plots.plotted()) == len(catalog.exercises())


def test_without_matplotlib_the_message_names_the_extra(tmp_path: Path) -> None:
    fake = tmp_path / "no_matplotlib"
    (fake / "matplotlib").mkdir(parents=True)
    (fake / "matplotlib" / "__init__.py").write_text("raise ImportError('No module named matplotlib')\n")
    python_path = os.pathsep.join(filter(None, [str(fake), os.environ.get("PYTHONPATH", "")]))
    result = run("plot", "1", "--workspace", "solutions", "-o", str(tmp_path / "x.png"),
                 env={"PYTHONPATH": python_path})
    assert result.returncode == 2, result.stdout + result.stderr
    assert 'pip install "actgrade[plots]"' in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_help_does_not_import_matplotlib_or_watchfiles() -> None:
    code = ("import sys; from click.testing import CliRunner; from actgrade.cli import cli; "
            "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0, r.output; "
            "assert 'plot' in r.output and 'watch' in r.output, r.output; "
            "heavy = [m for m in ('matplotlib', 'watchfiles', 'numpy') if m in sys.modules]; "
            "assert not heavy, heavy")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
