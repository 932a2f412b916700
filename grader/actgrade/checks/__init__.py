"""Hidden tests: one folder per exercise, named like the exercise's file.

`checks/exerciseN_<topic>/` holds everything the grader knows about exercise N:

- `__init__.py`: its checks, in the order they are graded, each defined with the `@check`
  decorator from `actgrade.checks.core` like a pytest test, against a `submission` proxy
  (the learner's module, running in the sandbox) and a `ctx` (seeded random generator, the
  reference solution, teaching notes). A large exercise splits them into modules by job and
  imports them here.
- `hints.py`: `HINTS`, the three progressive hints of `actgrade hint` (plain text).
- `plot.py` (optional): what `actgrade plot N` draws.

An exercise is discovered from its solution file plus this folder (`catalog.exercises`,
`Exercise.has_checks`): adding one takes one solution and one folder.
"""
