"""The machinery every hidden-test module uses: checks, hints and the proxy.

A check is a function `def name(sub, ctx)` decorated with `@check(points=...)`.
It calls the learner's functions through `sub` (each call runs in the sandbox
and comes back as plain data), compares with `ctx.ref` (the reference
solution, in the grader's own process), and either returns (passed) or calls
`fail(category, text)`. Problems every check shares (a function that is
missing, not written yet, raising, hanging, crashing or changing its input)
are turned into hints here, once, so each check only says what is special
about it.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, NoReturn

import numpy as np

from actgrade.catalog import Exercise
from actgrade.report import Hint
from actgrade.sandbox.protocol import Uniform
from actgrade.sandbox.runner import Outcome, Sandbox


class CheckFailed(Exception):
    """Raised inside a check: it failed, for the reasons in `hints`."""

    def __init__(self, *hints: Hint) -> None:
        super().__init__(hints[0].text if hints else "")
        self.hints = list(hints)


def fail(category: str, text: str, *more: Hint) -> NoReturn:
    """Fail the current check with a hint: what exposed it, and the next step."""
    raise CheckFailed(Hint(category, text), *more)


@dataclass
class Check:
    """One hidden test: a name, points, and the function that runs it."""

    name: str
    title: str
    points: float
    run: Callable[[Submission, Context], None]
    timeout: float | None = None
    # The learner's function (or answer) the check is about, for `actgrade hint`; None: the last one
    # the check called.
    about: str | None = None


def check(points: float = 1.0, title: str | None = None, timeout: float | None = None, about: str | None = None):
    """Declare a check. The title defaults to the first line of the docstring."""

    def decorate(func: Callable) -> Check:
        doc = (inspect.getdoc(func) or func.__name__.replace("_", " ")).splitlines()[0]
        return Check(func.__name__, title or doc, float(points), func, timeout, about)

    return decorate


def checks_of(module: ModuleType) -> list[Check]:
    """The checks a hidden-test module defines: in the order of its `__all__` when it has one (a
    package that imports its checks from several modules), else in the order it defines them."""
    names = getattr(module, "__all__", None)
    if names:
        return [value for value in (getattr(module, name) for name in names) if isinstance(value, Check)]
    return [value for value in vars(module).values() if isinstance(value, Check)]


@dataclass
class Context:
    """What a check gets besides the submission."""

    seed: int
    rng: np.random.Generator
    ref: ModuleType
    exercise_id: str
    notes: list[Hint] = field(default_factory=list)

    def note(self, category: str, text: str) -> None:
        """Attach a hint to the check even when it passes: a warning or a lesson."""
        self.notes.append(Hint(category, text))


class NotStarted(Exception):
    """The learner's function still raises NotImplementedError."""

    def __init__(self, hint: Hint) -> None:
        super().__init__(hint.text)
        self.hint = hint


def show(value: Any, limit: int = 8) -> str:
    """A short, readable rendering of an input or output for a hint."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return f"{value.item()!r}"
        if value.size <= limit * 2:
            text = np.array2string(value, precision=6, separator=", ", suppress_small=False)
            return f"np.array({' '.join(text.split())})"
        return f"an array of shape {value.shape} (dtype {value.dtype})"
    if isinstance(value, Uniform):
        return f"{value.size:,} random numbers between {value.low:g} and {value.high:g}"
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)) and len(value) > limit:
        return f"a {type(value).__name__} of {len(value)} items"
    text = repr(value)
    return text if len(text) < 120 else text[:117] + "..."


class Submission:
    """The learner's module, seen from the grader.

    `sub.relu(x)` runs `relu(x)` in the sandbox and returns its value as plain
    data; everything that went wrong on the way becomes a failed check with a
    hint. `sub.last` is the full `Outcome` of the latest call (warnings, time).
    """

    def __init__(self, sandbox: Sandbox, module: str, filename: str, ref: ModuleType,
                 names: dict[str, str], hung: dict[tuple[str, str], str] | None = None) -> None:
        self._sandbox = sandbox
        self._module = module
        self._filename = filename
        self._ref = ref
        self._names = names
        self.timeout: float | None = None
        self.last: Outcome | None = None
        self.called: list[str] = []  # the learner's names this check used, in order
        # (module, function) -> hint text, for functions that already hung once, shared with the
        # sibling modules: failing them at once, and putting stand-ins in their place in the child
        # for the functions that call them, keeps an endless loop from costing one timeout per check.
        self._hung: dict[tuple[str, str], str] = {} if hung is None else hung

    @property
    def hung(self) -> list[tuple[str, str]]:
        """(module, function) of every function that hung in this grading run, in order."""
        return list(self._hung)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.call(name, *args, **kwargs).value

        return call

    def has(self, name: str) -> bool:
        return name in self._names

    def has_hung(self, name: str) -> bool:
        """True once a call of `name` ran out of time in this grading run."""
        return (self._module, name) in self._hung

    def describe(self, name: str, args: tuple, kwargs: dict) -> str:
        """`relu(x)` with the reference's parameter names, for hint texts."""
        params: list[str] = []
        reference = getattr(self._ref, name, None)
        if callable(reference):
            params = list(inspect.signature(reference).parameters)
        shown = [params[i] if i < len(params) else "..." for i in range(len(args))]
        shown += [f"{key}={show(value)}" for key, value in kwargs.items()]
        return f"{name}({', '.join(shown)})"

    def inputs_text(self, name: str, args: tuple) -> str:
        reference = getattr(self._ref, name, None)
        params = list(inspect.signature(reference).parameters) if callable(reference) else []
        parts = [f"{params[i] if i < len(params) else 'arg'} = {show(a)}" for i, a in enumerate(args)]
        return "; ".join(parts)

    def require(self, name: str) -> None:
        """Fail with a helpful hint when the learner's module lacks `name`."""
        self.called.append(name)
        if name in self._names:
            return
        close = difflib.get_close_matches(name, list(self._names), n=1, cutoff=0.6)
        lowered = {n.lower(): n for n in self._names}
        guess = lowered.get(name.lower()) or (close[0] if close else None)
        text = f"Your file {self._filename} has no function named `{name}`."
        if guess:
            text += f" It has `{guess}`: rename it to `{name}` (names are case-sensitive)."
        else:
            text += f" Define `def {name}(...)` with exactly this name; the grader looks it up by name."
        fail("error", text)

    def sibling(self, module: str, filename: str) -> Submission | None:
        """Another of the learner's modules, in the same sandbox (exercise 5's seen from exercise 7),
        or None when it cannot be imported."""
        if not self._sandbox.import_module(module, timeout=30).ok:
            return None
        return Submission(self._sandbox, module, filename, self._ref, self._sandbox.names(module), self._hung)

    def value(self, name: str) -> Any:
        """A module-level value the learner sets, such as an answer constant."""
        self.require(name)
        outcome = self._sandbox.value(self._module, name)
        if not outcome.ok:
            self._raise_for(outcome, name, f"reading `{name}`")
        return outcome.value

    def call(self, name: str, *args: Any, **kwargs: Any) -> Outcome:
        """`name(*args, **kwargs)` run in the sandbox; the whole Outcome. The keyword arguments
        all go to the learner's function: options of the call itself go through `run`."""
        return self.run(name, args, kwargs)

    def run(self, name: str, args: tuple = (), kwargs: dict | None = None, *, repeat: int = 1,
            time_budget: float = 0.0, timeout: float | None = None, discard: bool = False,
            advice: tuple[tuple[str, str, str], ...] = ()) -> Outcome:
        """Run one call in the sandbox and return the whole Outcome; a failure becomes a hint.

        `repeat` and `time_budget` time it (the fastest of the runs); `discard` drops the value;
        `advice` holds check-specific (part of an exception message, hint category, next step)
        triples, tried before `KNOWN_ERRORS` when the learner's code raises.
        """
        kwargs = kwargs or {}
        self.require(name)
        if (self._module, name) in self._hung:
            fail("timeout", self._hung[self._module, name])
        outcome = self._sandbox.call(
            self._module, name, args, kwargs,
            timeout=timeout or self.timeout, repeat=repeat, time_budget=time_budget, discard=discard,
        )
        self.last = outcome
        call_text = self.describe(name, args, kwargs)
        if not outcome.ok:
            self._raise_for(outcome, name, call_text, args, advice)
        if outcome.mutated:
            fail("mutation", _mutation_text(call_text, self.inputs_text(name, args)))
        return outcome

    def steps(self, name: str, *args: Any, timeout: float | None = None) -> dict:
        """What one call of `name` does in Python (see `actgrade.sandbox.loops`): a dict with
        `steps`, `element_wrappers` and `peak_objects`. Failures become hints as for a call."""
        self.require(name)
        if (self._module, name) in self._hung:
            fail("timeout", self._hung[self._module, name])
        outcome = self._sandbox.count_steps(self._module, name, args, timeout=timeout or self.timeout)
        if not outcome.ok:
            self._raise_for(outcome, name, self.describe(name, args, {}), args)
        counts = outcome.value if isinstance(outcome.value, dict) else {}
        return {key: int(counts.get(key, 0)) if isinstance(counts.get(key, 0), int) else 0
                for key in ("steps", "element_wrappers", "peak_objects")}

    def _raise_for(self, outcome: Outcome, name: str, call_text: str, args: tuple = (),
                   advice: tuple[tuple[str, str, str], ...] = ()) -> NoReturn:
        inputs = self.inputs_text(name, args) if args else ""
        with_input = f" (with {inputs})" if inputs else ""
        if outcome.problem == "timeout":
            text = (f"`{call_text}` did not finish within the time limit ({outcome.detail}){with_input}. "
                    "Look for a loop that never ends (a `while` whose condition never changes), "
                    "or a Python loop over many elements where a NumPy expression would do.")
            self._hung[self._module, name] = text
            self._sandbox.skip_hung([(self._module, name)])
            fail("timeout", text)
        if outcome.problem == "crash":
            fail("error", f"While running `{call_text}`, {outcome.detail}. "
                 "Does your file call sys.exit(), os._exit() or quit()? Remove that: "
                 "return a value instead, and let the grader decide.")
        exc = outcome.exception or {}
        if exc.get("type") == "EarlierTimeout":
            fail("timeout", earlier_timeout_text(call_text, exc.get("message", "")))
        if exc.get("not_implemented"):
            raise NotStarted(Hint("not-implemented", _not_started_text(name, exc, self._filename)))
        category, text = _exception_text(call_text, exc, with_input, advice)
        fail(category, text)


def earlier_timeout_text(call_text: str, hung: str) -> str:
    """The hint for a call that reached a function that hung earlier (`hung` is `module.function`)."""
    module, _, function = hung.partition(".")
    if function == "<import>":
        what = f"imports {module}.py, whose import did not finish"
    else:
        what = f"uses `{function}` from {module}.py, which did not finish within its time limit"
    return (f"`{call_text}` {what} when it was run earlier, so it is not run again: it counts as hung "
            f"here too. Fix `{function if function != '<import>' else module}` first (look for a loop that "
            "never ends); this check can then pass.")


def _mutation_text(call_text: str, inputs: str) -> str:
    return (
        f"`{call_text}` changed its input array in place (called with {inputs}). "
        "The caller still needs its data, so never write into an input. In-place steps such as "
        "`x -= m`, `x *= 2`, `x[x < 0] = 0` or `np.exp(x, out=x)` change the caller's array; "
        "`x = x - m` or `np.maximum(x, 0)` build a new one. Or start with `x = x.copy()`."
    )


def _not_started_text(name: str, exc: dict, filename: str) -> str:
    where = exc.get("where") or []
    raised_in = where[-1]["file"] if where else filename
    function = where[-1].get("function", "") if where else ""
    if raised_in and raised_in != filename:
        return (f"`{name}` uses `{function or 'a function'}` from {raised_in}, which is not written yet "
                f"(it still raises NotImplementedError). Finish that exercise first.")
    if function and function != name and not function.startswith("<"):
        return (f"`{name}` calls `{function}`, which is not written yet (it still raises "
                f"NotImplementedError). Write `{function}` in {filename} first.")
    return (f"`{name}` still raises NotImplementedError. Replace the `raise NotImplementedError` line in "
            f"{filename} with your code, then run the check again. `actgrade hint` gives a first nudge.")


# Exceptions beginners' NumPy code often raises: (part of the message, category, next step).
KNOWN_ERRORS: tuple[tuple[str, str, str], ...] = (
    ("truth value of an array", "error",
     "`if x >= 0:` (like `and`, `or` or Python's `max`) asks one yes/no question about the whole array, "
     "so Python cannot decide. To choose element by element, use np.where(condition, a, b)."),
    ("arrays can be converted to Python scalars", "error",
     "A function of the `math` module (math.exp, math.log) and float() take one number, not an array. "
     "Use the NumPy version, which works on the whole array at once: np.exp, np.log."),
)
GENERIC_NEXT_STEP = "Read the line it names; try the same call in Python to see it happen."


def _exception_text(call_text: str, exc: dict, with_input: str,
                    advice: tuple[tuple[str, str, str], ...] = ()) -> tuple[str, str]:
    """(category, text) of the hint for an exception the learner's code raised."""
    kind, message = exc.get("type", "Exception"), exc.get("message", "")
    where = exc.get("where") or []
    location, code = "", ""
    if where:
        last = where[-1]
        location = f" at line {last['line']} of {last['file']}"
        code = (last.get("code") or "").strip()
        if code:
            location += f" (`{code}`)"
    text = f"`{call_text}` raised {kind}: {message}{location}{with_input}."
    if kind == "MemoryError":
        return "error", text + (" Your code asked for more memory than the grader allows (2 GiB). "
                                "Look for an array that grows with every step, or an outer product you do not need.")
    if kind in ("SystemExit", "KeyboardInterrupt"):
        return "error", text + " Do not call sys.exit() or exit() in an exercise: return the result instead."
    # A key is part of the message (`could not be broadcast`) or of the line that raised (`outer(`):
    # the line often names the cause more precisely than NumPy's message.
    for key, category, next_step in (*advice, *KNOWN_ERRORS):
        if key in message or (key.endswith("(") and key in code):
            return category, f"{text} {next_step}"
    return "error", f"{text} {GENERIC_NEXT_STEP}"


def import_failure_hint(outcome: Outcome, exercise: Exercise) -> Hint:
    """One hint that says why the learner's file could not even be imported."""
    if outcome.problem == "timeout":
        return Hint("timeout", f"Importing {exercise.filename} did not finish ({outcome.detail}). "
                    "Code at the top level of the file runs on import: move experiments into "
                    "`if __name__ == \"__main__\":`.")
    if outcome.problem == "crash":
        return Hint("error", f"While importing {exercise.filename}, {outcome.detail}. "
                    "Remove any sys.exit(), os._exit() or quit() from the file.")
    exc = outcome.exception or {}
    kind = exc.get("type", "Exception")
    if kind == "EarlierTimeout":
        return Hint("timeout", f"Importing {exercise.filename}: " + earlier_timeout_text(exercise.module,
                                                                                       exc.get("message", "")))
    if kind in ("SyntaxError", "IndentationError", "TabError"):
        where = exc.get("file") or exercise.filename
        if exc.get("line"):
            where += f", line {exc['line']}"
        code = (exc.get("text") or "").strip()
        shown = f": `{code}`" if code else ""
        next_step = ("fix that line (look at the line before it too)." if exc.get("line") else
                     "open it in your editor and save it again as plain (UTF-8) Python text.")
        return Hint("error", f"{where}: {kind}: {exc.get('message')}{shown}. Python cannot read the "
                    f"file, so nothing in it can be checked; {next_step}")
    if kind == "SystemExit":
        return Hint("error", f"{exercise.filename} calls sys.exit() (or exit()) when it is imported. "
                    "Remove it: the grader imports your file and calls your functions.")
    where = exc.get("where") or []
    location = f" at line {where[-1]['line']} of {where[-1]['file']}" if where else ""
    if kind in ("ModuleNotFoundError", "ImportError"):
        return Hint("error", f"Importing {exercise.filename} failed{location}: {kind}: {exc.get('message')}. "
                    "Earlier exercises are imported by their module name "
                    "(for example `from exercise1_relu import relu`) and must be in the same folder; "
                    "only NumPy and the standard library are available.")
    return Hint("error", f"Importing {exercise.filename} raised {kind}: {exc.get('message')}{location}. "
                "Code at the top level of the file runs on import; fix or remove that line.")
