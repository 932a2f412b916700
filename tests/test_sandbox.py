"""The sandbox on its own: the wire format trusts nothing, and the child's
failures come back as outcomes, never as exceptions in the grader."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from actgrade.sandbox import protocol
from actgrade.sandbox.runner import Sandbox


def roundtrip(value):
    tree, blobs = protocol.encode(value)
    return protocol.decode(tree, blobs)


def test_plain_data_roundtrips_exactly() -> None:
    value = {"params": [(np.arange(6.0).reshape(2, 3), np.zeros(3, np.float32))],
             "losses": [1.5, float("nan"), float("inf")], "n": 3, "ok": True, "name": "x",
             "grid": np.ones((2, 0)), "scalar": np.float64(2.5), "flags": np.array([True, False])}
    back = roundtrip(value)
    np.testing.assert_array_equal(back["params"][0][0], value["params"][0][0])
    assert back["params"][0][1].dtype == np.float32 and isinstance(back["params"][0], tuple)
    assert back["losses"][0] == 1.5 and np.isnan(back["losses"][1]) and back["losses"][2] == np.inf
    assert back["n"] == 3 and back["ok"] is True and back["grid"].shape == (2, 0)
    assert isinstance(back["scalar"], np.float64) and back["flags"].dtype == bool


def test_objects_arrive_as_descriptions_not_objects() -> None:
    class Sneaky:
        def __reduce__(self):  # would run code if it were ever unpickled
            return (print, ("pwned",))

    back = roundtrip([Sneaky(), np.array([object()], dtype=object)])
    assert all(isinstance(item, protocol.Unsupported) for item in back)
    assert back[0].type_name == "Sneaky"


def test_ndarray_subclass_is_sent_as_plain_array() -> None:
    class Liar(np.ndarray):
        def __eq__(self, other):
            return True

    back = roundtrip(np.array([1.0, 2.0]).view(Liar))
    assert type(back) is np.ndarray and back.tolist() == [1.0, 2.0]


def test_decoder_rejects_unsafe_dtypes_and_bad_nodes() -> None:
    with pytest.raises(ValueError):
        protocol.decode({"t": "nd", "dtype": "|O", "shape": [1], "b": 0}, [b"\0" * 8])
    with pytest.raises(ValueError):
        protocol.decode({"t": "pickle", "v": "gASV"}, [])


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "m.py").write_text(
        "import os, sys, numpy as np\n"
        "print('printed at import')\n"
        "def double(x): return 2 * x\n"
        "def inplace(x):\n    x *= 2\n    return x\n"
        "def hang(x):\n    while True: pass\n"
        "def die(x): os._exit(7)\n"
        "def noisy(x): return np.exp(x)\n"
        "def boom(x): raise ValueError('bad input')\n"
        "def gigabytes(x):\n    keep = []\n    while True: keep.append(np.ones(10_000_000))\n"
    )
    return tmp_path


def test_calls_results_warnings_and_mutation(workspace: Path) -> None:
    with Sandbox(workspace, timeout=5) as box:
        assert box.import_module("m").ok
        x = np.array([1.0, -2.0])
        assert box.call("m", "double", (x,)).value.tolist() == [2.0, -4.0]
        assert box.call("m", "inplace", (x,)).mutated == [0]
        warned = box.call("m", "noisy", (np.array([1000.0]),))
        assert warned.ok and any("overflow" in w["message"] for w in warned.warnings)
        raised = box.call("m", "boom", (x,))
        assert not raised.ok and raised.exception["type"] == "ValueError"
        assert raised.exception["where"][-1]["file"] == "m.py"
        assert "printed at import" in box.output()


def test_hang_times_out_and_the_child_is_replaced(workspace: Path) -> None:
    with Sandbox(workspace, timeout=1) as box:
        box.import_module("m")
        start = time.monotonic()
        outcome = box.call("m", "hang", (np.zeros(2),))
        assert outcome.problem == "timeout" and time.monotonic() - start < 5
        assert box.call("m", "double", (np.ones(1),)).value.tolist() == [2.0]  # re-imported


def test_exit_and_memory_hog_are_outcomes(workspace: Path) -> None:
    with Sandbox(workspace, timeout=30, memory_mb=1024) as box:
        box.import_module("m")
        died = box.call("m", "die", (np.zeros(1),))
        assert died.problem == "crash" and "code 7" in died.detail
        hog = box.call("m", "gigabytes", (np.zeros(1),))
        assert not hog.ok and (hog.problem == "crash" or hog.exception["type"] == "MemoryError")


def test_close_kills_the_child(workspace: Path) -> None:
    box = Sandbox(workspace, timeout=5)
    box.import_module("m")
    process = box._process
    box.close()
    assert process.poll() is not None


def test_a_child_that_cannot_start_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    """With 8 MiB of address space the child cannot even import NumPy: the grader starts it
    twice, then says so (with what the child printed) instead of failing on a closed pipe."""
    from actgrade.sandbox.runner import SandboxUnavailable

    with Sandbox(tmp_path, memory_mb=8) as sandbox:
        with pytest.raises(SandboxUnavailable, match="could not start") as raised:
            sandbox.ensure_isolation()
    assert sandbox.restarts == 2
    assert "MemoryError" in str(raised.value) or "exited" in str(raised.value)
