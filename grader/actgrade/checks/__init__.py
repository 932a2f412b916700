"""Hidden tests: one module per exercise, named like the exercise's file.

Each module defines its checks with the `@check` decorator from
`actgrade.checks.core`, written like pytest tests against a `submission`
proxy (the learner's module, running in the sandbox) and a `ctx` (seeded
random generator, the reference solution, teaching notes). It may define
`HINTS`, the three progressive hints of `actgrade hint`.
"""
