"""Count what a learner's function does in Python, to tell element loops from NumPy.

Runs in the sandboxed child. While the function runs once, a trace hook counts
the Python-level steps taken in the learner's own files (lines executed,
functions entered, built-in functions called) and notes calls of NumPy's
element-by-element wrappers (`np.vectorize`, `np.frompyfunc`). It also watches
how many Python objects are alive at each step, which grows with the input
when the function builds a list of numbers.

A loop can also run inside C, out of sight of the trace hook: in
`np.fromiter(map(math.exp, x))` the learner's lines run once while `map` calls
`math.exp` a million times. So while the function runs, the built-in functions
of `math`, `cmath` and the numeric built-ins (`abs`, `max`, `min`, `pow`,
`round`, `sum`), wherever the learner's modules reach them, are replaced by
counting wrappers, and each of their calls counts as a step.

These counts depend on what the code does, never on how busy the machine is:
a vectorised function takes the same few steps for 1,000 numbers as for
10,000, an element loop takes ten times as many.
"""

from __future__ import annotations

import builtins
import cmath
import contextlib
import math
import os
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

# numpy's Python-level element loops (np.vectorize) and the built-in behind them.
_ELEMENT_WRAPPERS = frozenset({"_vectorize_call", "_vectorize_call_with_signature"})
_ELEMENT_BUILTINS = frozenset({"frompyfunc"})
# Built-ins a loop inside C (map, sorted, np.fromiter) can call once per element.
_NUMERIC_BUILTINS = ("abs", "max", "min", "pow", "round", "sum")


class StepCounter:
    """Counts Python-level work done in files under `workspace` while `run` runs."""

    def __init__(self, workspace: str) -> None:
        self.workspace = os.path.join(os.path.abspath(workspace), "")
        self.steps = 0
        self.element_wrappers = 0
        self.peak_objects = 0
        self._baseline = 0

    def _mine(self, frame: Any) -> bool:
        return frame.f_code.co_filename.startswith(self.workspace)

    def _sample(self) -> None:
        alive = sys.getallocatedblocks() - self._baseline
        if alive > self.peak_objects:
            self.peak_objects = alive

    def _trace(self, frame: Any, event: str, arg: Any) -> Callable | None:
        if event == "call":
            if frame.f_code.co_name in _ELEMENT_WRAPPERS:
                self.element_wrappers += 1
            if self._mine(frame):
                self.steps += 1
                self._sample()
                return self._trace_lines
        return None

    def _trace_lines(self, frame: Any, event: str, arg: Any) -> Callable:
        if event == "line":
            self.steps += 1
            self._sample()
        return self._trace_lines

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        if event == "c_call" and self._mine(frame):
            self.steps += 1
            if getattr(arg, "__name__", "") in _ELEMENT_BUILTINS:
                self.element_wrappers += 1
            self._sample()

    def _counting(self, original: Callable) -> Callable:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.steps += 1
            return original(*args, **kwargs)

        return counted

    @contextlib.contextmanager
    def _counted_builtins(self) -> Iterator[None]:
        """Swap every built-in function the learner's code can reach for a counting wrapper."""
        places: list[tuple[Any, str, Any]] = []
        for module in (math, cmath):
            places += [(module, name, value) for name, value in vars(module).items()
                       if isinstance(value, types.BuiltinFunctionType)]
        places += [(builtins, name, getattr(builtins, name)) for name in _NUMERIC_BUILTINS]
        for module in list(sys.modules.values()):
            if self._is_learners(module):
                places += [(module, name, value) for name, value in vars(module).items()
                           if isinstance(value, types.BuiltinFunctionType)
                           and getattr(value, "__module__", None) in ("math", "cmath", "builtins")]
        wrappers: dict[int, Callable] = {}
        try:
            for owner, name, value in places:
                setattr(owner, name, wrappers.setdefault(id(value), self._counting(value)))
            yield
        finally:
            for owner, name, value in reversed(places):
                setattr(owner, name, value)

    def _is_learners(self, module: Any) -> bool:
        path = getattr(module, "__file__", None)
        return isinstance(path, str) and os.path.abspath(path).startswith(self.workspace)

    def run(self, func: Callable, *args: Any, **kwargs: Any) -> Any:
        with self._counted_builtins():
            self._baseline = sys.getallocatedblocks()
            sys.settrace(self._trace)
            sys.setprofile(self._profile)
            try:
                return func(*args, **kwargs)
            finally:
                sys.setprofile(None)
                sys.settrace(None)

    def to_json(self) -> dict:
        return {"steps": self.steps, "element_wrappers": self.element_wrappers, "peak_objects": self.peak_objects}
