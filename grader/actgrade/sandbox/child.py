"""The sandboxed child: imports the learner's module and serves calls.

Started by `actgrade.sandbox.runner.Sandbox` in isolated mode (`python -I`)
with one argument, a JSON plan: the private copy of the workspace, the private
writable folder, the two pipe descriptors and the limits. Before any learner
code runs, the child confines itself (`actgrade.sandbox.confine`) and sends a
first message saying which layers took effect. Its stdout and stderr go to a
file the grader opened and reads through its own descriptor; requests and
answers travel on two private pipes, so whatever the learner prints can never
be mistaken for an answer. The child decides nothing: it reports what
happened (value, exception, warnings, mutated inputs) and the grader judges.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
import warnings
from typing import Any

from actgrade.sandbox import protocol


def _read_exact(fd: int, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int) -> tuple[dict, list[bytes]]:
    import json

    (length,) = protocol.HEADER.unpack(_read_exact(fd, protocol.HEADER.size))
    header = json.loads(_read_exact(fd, length))
    blobs = [_read_exact(fd, n) for n in header.get("blob_sizes", [])]
    return header, blobs


def _send(fd: int, header: dict, blobs: list[bytes] | None = None) -> None:
    data = memoryview(protocol.pack(header, blobs or []))
    while data:
        written = os.write(fd, data)
        data = data[written:]


def _describe_exception(exc: BaseException, workspace: str) -> dict:
    frames = traceback.extract_tb(exc.__traceback__)
    learner_frames = [f for f in frames if f.filename.startswith(workspace)]
    where = [
        {"file": os.path.basename(f.filename), "line": f.lineno, "function": f.name, "code": f.line or ""}
        for f in (learner_frames or frames)[-4:]
    ]
    info = {
        "type": type(exc).__name__,
        "message": protocol.short_repr(exc, 400) if not str(exc) else str(exc)[:400],
        "where": where,
        "not_implemented": isinstance(exc, NotImplementedError),
    }
    if isinstance(exc, SyntaxError):
        info.update(
            file=os.path.basename(exc.filename or ""),
            line=exc.lineno,
            text=(exc.text or "").rstrip("\n"),
            message=exc.msg,
        )
    return info


def _arrays_in(value: Any, found: list) -> list:
    """Every ndarray inside nested lists, tuples and dicts."""
    import numpy as np

    if isinstance(value, np.ndarray):
        found.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _arrays_in(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _arrays_in(item, found)
    return found


class EarlierTimeout(Exception):
    """Raised by a stand-in for a function that did not finish when it was run before."""


def _stand_in(module: str, name: str):  # noqa: ANN202  (a learner-facing function)
    def stand_in(*args: Any, **kwargs: Any) -> Any:
        raise EarlierTimeout(f"{module}.{name}")

    stand_in.__name__ = stand_in.__qualname__ = name
    return stand_in


class _BlockHungImports:
    """A meta-path finder that stops the import of learner modules whose import hung before."""

    def __init__(self) -> None:
        self.modules: set[str] = set()

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname in self.modules:
            raise EarlierTimeout(f"{fullname}.<import>")
        return None


class Child:
    def __init__(self, workspace: str) -> None:
        self.workspace = os.path.abspath(workspace)
        self.modules: dict[str, Any] = {}
        self.blocked_imports = _BlockHungImports()

    def handle(self, request: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        op = request["op"]
        if op == "import":
            return self.do_import(request["module"]), []
        if op == "names":
            module = self.modules[request["module"]]
            names = {
                name: ("function" if callable(value) else "value")
                for name, value in vars(module).items()
                if not name.startswith("__")
            }
            return {"ok": True, "names": names}, []
        if op == "value":
            value = getattr(self.modules[request["module"]], request["name"])
            tree, out_blobs = protocol.encode(value)
            return {"ok": True, "value": tree}, out_blobs
        if op == "call":
            return self.do_call(request, blobs)
        if op == "count":
            return self.do_count(request, blobs)
        if op == "stand_in":
            return self.do_stand_in(request["functions"]), []
        return {"ok": False, "exc": {"type": "ProtocolError", "message": f"unknown op {op}"}}, []

    def do_import(self, name: str) -> dict:
        importlib.invalidate_caches()  # the workspace copy may have been filled since the child started
        try:
            with warnings.catch_warnings(record=True):
                warnings.simplefilter("always")
                self.modules[name] = importlib.import_module(name)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt at import too
            return {"ok": False, "exc": _describe_exception(exc, self.workspace)}
        return {"ok": True}

    def do_stand_in(self, functions: list) -> dict:
        """Put stand-ins that raise `EarlierTimeout` in place of functions that hung before: the
        module is imported now, so whatever imports it later gets the stand-in. `<import>` as the
        name blocks the module's import itself."""
        for module, name in functions:
            if name == "<import>":
                if self.blocked_imports not in sys.meta_path:
                    sys.meta_path.insert(0, self.blocked_imports)
                self.blocked_imports.modules.add(module)
                continue
            try:
                with warnings.catch_warnings(record=True):
                    loaded = importlib.import_module(module)
                setattr(loaded, name, _stand_in(module, name))
            except BaseException:  # a module that cannot be imported needs no stand-in
                continue
        return {"ok": True}

    def do_call(self, request: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        import numpy as np

        func = getattr(self.modules[request["module"]], request["function"])
        args, kwargs = protocol.decode(request["arguments"], blobs)
        # A timing run (`discard`) skips the mutation check: copying megabytes
        # would be timed too, and every other check watches for mutation.
        inputs = [] if request.get("discard") else _arrays_in([args, kwargs], [])
        # Raw bytes, compared with plain `==` on bytes: a learner who patches
        # NumPy cannot fake "unchanged".
        before = [a.tobytes() for a in inputs]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                # Undo any np.seterr(all="ignore") the learner's module did at import.
                with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
                    value = func(*args, **kwargs)
            except BaseException as exc:
                return {
                    "ok": False,
                    "exc": _describe_exception(exc, self.workspace),
                    "warnings": _warnings(caught),
                }, []
        mutated = [i for i, (a, b) in enumerate(zip(inputs, before, strict=True)) if a.tobytes() != b]
        if request.get("discard"):  # a timing run: the value is not needed
            value = None
        tree, out_blobs = protocol.encode(value)
        return {
            "ok": True,
            "value": tree,
            "warnings": _warnings(caught),
            "mutated": mutated,
        }, out_blobs


    def do_count(self, request: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        """Run the function once under `loops.StepCounter`; only the counts come back."""
        from actgrade.sandbox.loops import StepCounter

        func = getattr(self.modules[request["module"]], request["function"])
        args, kwargs = protocol.decode(request["arguments"], blobs)
        counter = StepCounter(self.workspace)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                counter.run(func, *args, **kwargs)
            except BaseException as exc:
                return {"ok": False, "exc": _describe_exception(exc, self.workspace)}, []
        tree, out_blobs = protocol.encode(counter.to_json())
        return {"ok": True, "value": tree}, out_blobs


def _warnings(caught: list) -> list[dict]:
    seen, result = set(), []
    for w in caught:
        key = (w.category.__name__, str(w.message))
        if key not in seen:
            seen.add(key)
            result.append({"category": key[0], "message": key[1][:300], "line": w.lineno,
                           "file": os.path.basename(str(w.filename))})
    return result[:20]


def main(argv: list[str]) -> None:
    import json

    from actgrade.sandbox import confine

    plan = json.loads(argv[0])
    read_fd, write_fd = int(plan["read_fd"]), int(plan["write_fd"])
    confine.die_with_parent(int(plan["parent"]))
    isolation = confine.Isolation()
    confine.apply_limits(int(plan["memory_mb"]), int(plan["cpu_seconds"]), isolation)
    if plan.get("confine") and sys.platform.startswith("linux"):
        confine.enter_namespaces(plan["work"], isolation)
    else:
        isolation.missing.extend(["namespaces", "private-tmpfs"])
    # The grader's own package folder leaves the path: nothing more of it may be imported.
    sys.path[:] = [p for p in sys.path if p != plan.get("package_root")]
    sys.path.insert(0, plan["workspace"])
    sys.dont_write_bytecode = True  # the workspace copy is read-only anyway
    import numpy  # noqa: F401  (imported before confinement: its files are then out of reach)

    from actgrade.sandbox import loops  # noqa: F401  (likewise: the package is unreadable afterwards)

    if plan.get("confine"):
        confine.confine_after_numpy(plan["workspace"], plan["work"], isolation)
    else:
        isolation.missing.extend(["landlock-filesystem", "landlock-scope", "seccomp"])
    _send(write_fd, {"ok": True, "hello": True, "isolation": isolation.to_json()})

    child = Child(plan["workspace"])
    while True:
        try:
            request, blobs = _receive(read_fd)
        except EOFError:
            return
        try:
            answer, out_blobs = child.handle(request, blobs)
        except BaseException as exc:
            answer, out_blobs = {"ok": False, "exc": _describe_exception(exc, child.workspace)}, []
        try:
            _send(write_fd, answer, out_blobs)
        except BaseException as exc:  # e.g. the result could not be encoded
            _send(write_fd, {"ok": False, "exc": _describe_exception(exc, child.workspace)})


if __name__ == "__main__":
    main(sys.argv[1:])
