"""Classroom tools: actgrade's exercises as nbgrader assignments.

`actgrade nbgrader COURSE_DIR` (`actgrade.classroom.nbgrader`) writes an
nbgrader course whose source notebooks are generated from the reference
solutions and graded by the same hidden checks as `actgrade check`
(`actgrade.classroom.course` builds them; `actgrade.classroom.autograde` grades
a submitted notebook from its source, and `actgrade.classroom.preprocessor`
plugs that into nbgrader's autograde and feedback; `actgrade.notebook` runs the
test cells' visible checks in a kernel).
"""
