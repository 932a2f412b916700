"""The wire format between the grader and the sandboxed child.

A message is a 4-byte big-endian length, a JSON header of that length, then
the raw bytes of every array the header mentions, back to back. Arrays travel
as dtype + shape + bytes, never pickled, so a learner's object cannot run code
in the grader: the grader rebuilds plain NumPy arrays of a few safe dtypes
from bytes, and anything else arrives as an `Unsupported` description.
"""

from __future__ import annotations

import functools
import json
import math
import struct
from dataclasses import dataclass
from typing import Any

import numpy as np

HEADER = struct.Struct(">I")
MAX_HEADER_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
# Only these kinds of dtype are rebuilt from bytes: bool, signed and unsigned
# integers, floats and complex numbers. Object, string or structured arrays
# are described instead, so the grader never trusts their contents.
SAFE_KINDS = frozenset("biufc")


@dataclass(frozen=True)
class Unsupported:
    """A value the child could not send as plain data (a learner's object)."""

    type_name: str
    text: str

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


@dataclass(frozen=True)
class Uniform:
    """A large random input described instead of sent: both sides build the
    same array from the seed, so timing checks skip copying megabytes."""

    seed: int
    size: int
    low: float = -5.0
    high: float = 5.0

    def array(self) -> np.ndarray:
        """A fresh copy of the described array (built once per process)."""
        return _built(self).copy()


@functools.lru_cache(maxsize=2)
def _built(spec: Uniform) -> np.ndarray:
    # A speed check times two functions on the same input: build it once.
    array = np.random.default_rng(spec.seed).uniform(spec.low, spec.high, size=spec.size)
    array.flags.writeable = False
    return array


def encode(value: Any) -> tuple[Any, list[bytes]]:
    """Turn a value into a JSON-able tree plus a list of raw byte blobs."""
    blobs: list[bytes] = []
    return _encode(value, blobs, 0), blobs


def _encode_array(array: np.ndarray, blobs: list[bytes], scalar: bool) -> Any:
    # np.asarray drops any ndarray subclass: only the raw data crosses.
    # (tobytes always writes C order, whatever the strides.)
    plain = np.asarray(array)
    if plain.dtype.kind not in SAFE_KINDS:
        return {"t": "other", "type": f"array of dtype {plain.dtype}", "text": short_repr(plain)}
    blobs.append(plain.tobytes())
    return {
        "t": "nd",
        "dtype": plain.dtype.str,
        "shape": list(plain.shape),
        "b": len(blobs) - 1,
        "scalar": scalar,
    }


def _encode(value: Any, blobs: list[bytes], depth: int) -> Any:
    if depth > MAX_DEPTH:
        return {"t": "other", "type": type(value).__name__, "text": "nested too deeply"}
    # Exact type checks on purpose: a subclass of int or float could lie.
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is int:
        return {"t": "int", "v": str(value)}
    if type(value) is float:
        return {"t": "float", "v": _float_text(value)}
    if isinstance(value, np.ndarray):
        return _encode_array(value, blobs, scalar=False)
    if type(value) is Uniform:
        return {"t": "uniform", "seed": value.seed, "size": value.size, "low": value.low, "high": value.high}
    if isinstance(value, np.generic):
        return _encode_array(np.asarray(value), blobs, scalar=True)
    if type(value) in (list, tuple):
        return {"t": type(value).__name__, "v": [_encode(v, blobs, depth + 1) for v in value]}
    if type(value) is dict:
        if not all(type(k) in (str, int) for k in value):
            return {"t": "other", "type": "dict", "text": "keys that are not strings"}
        return {
            "t": "dict",
            "k": [[type(k).__name__, str(k)] for k in value],
            "v": [_encode(v, blobs, depth + 1) for v in value.values()],
        }
    return {"t": "other", "type": type(value).__name__, "text": short_repr(value)}


def _float_text(value: float) -> str:
    return repr(value) if math.isfinite(value) else str(value)


def short_repr(value: Any, limit: int = 200) -> str:
    """`repr(value)`, cut to `limit` characters, and never an exception (a learner's __repr__ may raise)."""
    try:
        text = repr(value)
    except BaseException:  # a learner's __repr__ may raise anything
        text = "(no text)"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def decode(tree: Any, blobs: list[bytes], trusted: bool = True) -> Any:
    """Rebuild a value from `encode`'s output, trusting nothing in it.

    With `trusted` False (what the grader uses for the child's answers) only
    plain data is accepted: a `Uniform` description, which would make the
    receiver build an array of any size, is refused.
    """
    return _decode(tree, blobs, 0, trusted)


def _decode(tree: Any, blobs: list[bytes], depth: int, trusted: bool = True) -> Any:
    if depth > MAX_DEPTH + 1:
        raise ValueError("message nested too deeply")
    if tree is None or type(tree) in (bool, str):
        return tree
    if type(tree) is not dict:
        raise ValueError(f"unexpected node {type(tree).__name__}")
    kind = tree.get("t")
    if kind == "int":
        return int(tree["v"])
    if kind == "float":
        return float(tree["v"])
    if kind == "nd":
        dtype = np.dtype(tree["dtype"])
        if dtype.kind not in SAFE_KINDS:
            raise ValueError(f"unsafe dtype {dtype}")
        shape = tuple(int(n) for n in tree["shape"])
        data = blobs[int(tree["b"])]
        array = np.frombuffer(data, dtype=dtype).reshape(shape).copy()
        return array[()] if tree.get("scalar") else array
    if kind in ("list", "tuple"):
        items = [_decode(v, blobs, depth + 1, trusted) for v in tree["v"]]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        keys = [int(k) if t == "int" else str(k) for t, k in tree["k"]]
        return dict(zip(keys, [_decode(v, blobs, depth + 1, trusted) for v in tree["v"]], strict=True))
    if kind == "uniform":
        if not trusted:
            raise ValueError("the child may not describe arrays for the grader to build")
        spec = Uniform(int(tree["seed"]), int(tree["size"]), float(tree["low"]), float(tree["high"]))
        return spec.array()
    if kind == "other":
        return Unsupported(str(tree.get("type")), str(tree.get("text")))
    raise ValueError(f"unknown node kind {kind!r}")


def pack(header: dict, blobs: list[bytes]) -> bytes:
    """Frame a header and its blobs as one message."""
    header = dict(header, blob_sizes=[len(b) for b in blobs])
    body = json.dumps(header).encode()
    return b"".join([HEADER.pack(len(body)), body, *blobs])
