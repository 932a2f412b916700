"""Inputs and helpers shared by the softmax and Jacobian checks."""

from __future__ import annotations

import numpy as np

from actgrade.checks.core import Context
from actgrade.checks.expect import (
    array_text,
)

# -- helpers --------------------------------------------------------------------------------

def scores(ctx: Context, shape: tuple[int, ...], scale: float = 2.0, dtype=np.float64) -> np.ndarray:
    return ctx.rng.normal(scale=scale, size=shape).astype(dtype)


def ref_softmax(ctx: Context, z: np.ndarray, axis: int = -1) -> np.ndarray:
    """The reference's softmax, computed in float64 whatever the input's dtype."""
    return np.asarray(ctx.ref.softmax(np.asarray(z, dtype=np.float64), axis=axis), dtype=np.float64)


def jacobian_of(s: np.ndarray) -> np.ndarray:
    """J_ij = S_i (delta_ij - S_j) for every row of s (the formula, on given S)."""
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


def close(got: np.ndarray, want: np.ndarray, rtol: float, atol: float) -> bool:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.all(np.isclose(got, want, rtol=rtol, atol=atol)))


def unit(z: np.ndarray, along: int) -> str:
    """What one slice along `along` is called: a row, a column, or the whole list of scores."""
    if z.ndim < 2:
        return "list of scores"
    return "column" if along % z.ndim == 0 else "row"


def slice_at(z: np.ndarray, index: tuple, along: int) -> tuple[str, tuple]:
    """(`row 2 of z` / `column 1 of z` / `z`, the index of that slice) for the element `index`."""
    if z.ndim < 2:
        return "z", (slice(None),)
    if along % z.ndim == 0:
        return f"column {int(index[1])} of z", (slice(None), int(index[1]))
    return f"row {int(index[0])} of z", (int(index[0]), slice(None))


def named(name: str, values: np.ndarray) -> str:
    """`z = [1, 2]` for a whole 1-D z, `row 2 of z, [1, 2]` for a slice."""
    return f"{name} = {z_text(values)}" if name == "z" else f"{name}, {z_text(values)}"


def z_text(z: np.ndarray) -> str:
    return array_text(z) + (" (float32)" if z.dtype == np.float32 else "")
