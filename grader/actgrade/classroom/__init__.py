"""Classroom tools: grading a class, and actgrade's exercises in nbgrader and Gradescope.

- `actgrade grade SUBMISSIONS_DIR` (`actgrade.classroom.batch`) grades every student's
  exercises on a Dask cluster (`engine`, `run`, `pairs`, `journal`) and writes grades.csv,
  results.json and report.html (`results`, `class_report`).
- `actgrade gradescope autograder.zip` (`actgrade.classroom.gradescope`) writes a Gradescope
  autograder whose `run_autograder` grades one submission (`actgrade.classroom.autograder`).
- `actgrade nbgrader COURSE_DIR` (`actgrade.classroom.nbgrader`) writes an nbgrader course
  whose source notebooks are generated from the reference solutions and graded by the same
  hidden checks as `actgrade check` (`actgrade.classroom.course` builds them;
  `actgrade.notebook` runs the checks from the test cells).
"""
