"""`actgrade gradescope autograder.zip`: a Gradescope autograder that grades with actgrade.

Gradescope runs every submission in its own container, built once from the bundle: `setup.sh`
(run as root when the image is built) and `run_autograder` (run for each submission, from
`/autograder/source`, where the bundle is unpacked). The student's files arrive in
`/autograder/submission`; the score and the feedback go to `/autograder/results/results.json`.

`setup.sh` installs this very version of actgrade from PyPI into its own virtual environment;
`run_autograder` grades the chosen exercises with one seed for every student
(`actgrade.classroom.autograder`). `ACTGRADE_AUTOGRADER_ROOT` and `ACTGRADE_PYTHON` stand in for
`/autograder` and the installed Python when the bundle is tried outside Gradescope.
"""

from __future__ import annotations

import secrets
import stat
import zipfile
from pathlib import Path

import click

from actgrade import __version__
from actgrade.options import UsageProblem, friendly_errors

VENV = "/opt/actgrade"

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! python3 -m venv --help >/dev/null 2>&1; then
    apt-get update -q
    apt-get install -y -q python3 python3-venv python3-pip
fi
python3 -m venv {venv}
{venv}/bin/python -m pip install --quiet --upgrade pip
{venv}/bin/python -m pip install --quiet "actgrade=={version}"
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission: the student's files are in $ROOT/submission,
# the score and the feedback go to $ROOT/results/results.json.
# Exercises: {exercises}; seed {seed} (the same inputs for every student).
set -uo pipefail
ROOT="${{ACTGRADE_AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{ACTGRADE_PYTHON:-{venv}/bin/python}}"
mkdir -p "$ROOT/results"
"$PYTHON" -m actgrade.classroom.autograder --root "$ROOT" --exercises "{exercises}" --seed {seed} \\
    --pair-timeout {pair_timeout:g}
status=$?
if [ ! -s "$ROOT/results/results.json" ]; then
    message="The autograder could not start (exit status $status). This is not a verdict on your code: "
    message+="please ask your instructor to regrade your submission."
    printf '{{"score": 0, "output": "%s", "visibility": "visible", "tests": []}}\\n' "$message" \\
        > "$ROOT/results/results.json"
fi
exit 0
"""


def bundle_files(exercise_ids: list[str], seed: int, pair_timeout: float) -> dict[str, str]:
    """The bundle's files by name: setup.sh and run_autograder."""
    exercises = ",".join(exercise_ids)
    return {
        "setup.sh": SETUP_SH.format(venv=VENV, version=__version__),
        "run_autograder": RUN_AUTOGRADER.format(venv=VENV, exercises=exercises, seed=seed, pair_timeout=pair_timeout),
    }


def write_bundle(target: Path, exercise_ids: list[str], seed: int, pair_timeout: float) -> None:
    """The zip Gradescope asks for: the two scripts at its top level, executable."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, text in bundle_files(exercise_ids, seed, pair_timeout).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFREG | 0o755) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, text)


@click.command("gradescope")
@click.argument("zip_path", metavar="AUTOGRADER_ZIP", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--exercises", "-e", "exercise_names", multiple=True, metavar="LIST",
              help="Exercises to grade, e.g. `1,4` or `relu`; repeatable. Default: every exercise that has hidden "
                   "tests.")
@click.option("--seed", type=click.IntRange(min=0), default=None,
              help="Seed of the random inputs, the same for every student. Default: a new one, printed.")
@click.option("--pair-timeout", type=click.FloatRange(min=1), default=600.0, show_default=True,
              help="Seconds one exercise may take in all for one submission.")
@friendly_errors
def gradescope_command(zip_path: Path, exercise_names: tuple[str, ...], seed: int | None,
                       pair_timeout: float) -> None:
    """Write a Gradescope autograder zip that grades with actgrade.

    AUTOGRADER_ZIP is the file to write.

    \b
    Upload the zip as the assignment's autograder ("Zip file upload").
    Students submit their exerciseN_<topic>.py files; each exercise is
    graded as `actgrade check` grades it, and the hints are the feedback.
    """
    from actgrade.classroom.pairs import select_exercises

    exercises = sorted(select_exercises(exercise_names), key=lambda e: e.number)
    seed = secrets.randbelow(2**31) if seed is None else seed
    if zip_path.suffix.lower() != ".zip":
        raise UsageProblem(f"{zip_path} should end in .zip (Gradescope takes the autograder as a zip file)")
    try:
        write_bundle(zip_path, [e.id for e in exercises], seed, pair_timeout)
    except OSError as error:
        raise UsageProblem(f"cannot write {zip_path}: {error.strerror or error}") from None
    click.echo(f"Wrote {zip_path}: a Gradescope autograder for {', '.join(e.id for e in exercises)} with seed {seed}; "
               f"it installs actgrade {__version__} from PyPI.")
    click.echo("Expected files: " + ", ".join(e.filename for e in exercises) + ".")
