"""Classroom tools: grading a class, and actgrade's exercises in nbgrader and Gradescope.

- `actgrade grade SUBMISSIONS_DIR` (`actgrade.classroom.batch`) grades every student's
  exercises on a Dask cluster (`engine`, `run`, `pairs`, `journal`) and writes grades.csv,
  results.json and report.html (`results`, `class_report`).
- `actgrade gradescope autograder.zip` (`actgrade.classroom.gradescope`) writes a Gradescope
  autograder whose `run_autograder` grades one submission (`actgrade.classroom.autograder`).
- `actgrade nbgrader COURSE_DIR` (`actgrade.classroom.nbgrader`) writes an nbgrader course
  whose source notebooks are generated from the reference solutions and graded by the same
  hidden checks as `actgrade check` (`course` writes the course and its config, `notebooks`
  builds each notebook from the solution's `pieces`); `autograde` grades a submitted notebook
  from its source and `preprocessor` plugs that into nbgrader's autograde and feedback;
  `actgrade.notebook` runs the test cells' visible checks in a kernel.
"""
