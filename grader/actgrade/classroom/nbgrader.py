"""`actgrade nbgrader COURSE_DIR`: write an nbgrader course from the exercises.

Imported by `actgrade --help`, so only click and the standard library load
here; the course builder (nbformat, the grader) loads when the command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

NEXT_STEPS = """\
Next, in {course}:
  nbgrader generate_assignment {assignment}       # release/{assignment}/: the students' notebooks
  nbgrader validate source/{assignment}/*.ipynb    # optional: the reference passes every test
Students' notebooks go to submitted/<student>/{assignment}/ (nbgrader collect does this), then:
  nbgrader autograde {assignment}
  nbgrader generate_feedback {assignment}          # feedback/<student>/{assignment}/*.html, with the hints
  nbgrader export                                  # grades.csv"""


@click.command("nbgrader")
@click.argument("course_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--assignment", "-a", default="activations", show_default=True,
              help="Name of the nbgrader assignment (its folder under source/).")
@click.option("--exercises", "-e", "exercise_names", multiple=True, metavar="LIST",
              help="Exercises to include, e.g. `1,4` or `relu`; repeatable. "
                   "Default: every exercise that has hidden tests.")
@click.option("--seed", type=int, default=None,
              help="Seed of the hidden tests' random inputs, the same for every student of the "
                   "assignment. Default: a new random seed, written into the notebooks.")
@click.option("--course-id", default=None, help="nbgrader course id. Default: the folder's name.")
@click.option("--timeout", type=click.IntRange(min=1), default=30, show_default=True,
              help="Seconds each cell other than a hidden test (the student's own cells, the worked "
                   "examples) may run during autograding.")
@click.option("--test-timeout", type=click.IntRange(min=1), default=None,
              help="Seconds each test cell may run. Default: from the checks' own limits, at least 120.")
@click.option("--force", is_flag=True, help="Overwrite existing source notebooks and nbgrader_config.py.")
def nbgrader_command(course_dir: Path, assignment: str, exercise_names: tuple[str, ...], seed: int | None,
                     course_id: str | None, timeout: int, test_timeout: int | None, force: bool) -> None:
    """Write an nbgrader course in COURSE_DIR: source notebooks and nbgrader_config.py.

    One notebook per exercise, generated from the reference solution and graded
    by the same hidden tests and hints as `actgrade check`. nbgrader itself
    (generate_assignment, autograde, generate_feedback, export) runs unchanged.
    """
    from actgrade.catalog import UnknownExercise
    from actgrade.options import UsageProblem

    try:
        import nbformat  # noqa: F401
    except ImportError:
        raise UsageProblem("`actgrade nbgrader` needs nbformat and nbgrader: "
                           "python3 -m pip install \"actgrade[nbgrader]\"") from None
    from actgrade.classroom import course

    names = [part for value in exercise_names for part in value.replace(",", " ").split()]
    try:
        chosen = course.select_exercises(names)
        if not names:
            skipped = [e.id for e in course.catalog.exercises() if e not in chosen]
            if skipped:
                click.echo(f"Skipping {', '.join(skipped)}: no hidden tests yet.", err=True)
        written, config, used_seed = course.build_course(
            course_dir, chosen, assignment=assignment, seed=seed, course_id=course_id,
            timeout=timeout, test_timeout=test_timeout, force=force)
    except (UnknownExercise, course.CourseError) as error:
        raise UsageProblem(str(error)) from None

    for item in written:
        click.echo(f"wrote {item.path}  ({item.tests} tests, {item.points:g} points)")
        if item.failing_reference:
            click.echo(f"warning: the reference solution of {item.exercise.id} fails "
                       f"{', '.join(item.failing_reference)} with seed {used_seed}; "
                       "students could not get full marks.", err=True)
        if item.failing_visible:
            click.echo(f"warning: the reference solution of {item.exercise.id} fails "
                       f"{', '.join(item.failing_visible)} on the visible inputs; "
                       "Validate would report a correct notebook as failing.", err=True)
    if config is None:
        click.echo(f"kept the existing {course_dir / 'nbgrader_config.py'} (--force rewrites it); "
                   "it needs the settings `actgrade nbgrader` writes (README: What nbgrader_config.py sets)", err=True)
    else:
        click.echo(f"wrote {config}")
    click.echo(f"seed of the hidden tests: {used_seed}")
    click.echo(NEXT_STEPS.format(course=course_dir, assignment=assignment))
