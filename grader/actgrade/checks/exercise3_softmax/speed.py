"""The vectorisation check of softmax and softmax_jacobian."""

from __future__ import annotations

from actgrade.checks.core import Context, Submission, check
from actgrade.checks.expect import (
    vectorised,
)

from .common import JACOBIAN_LOOP_ADVICE, JACOBIAN_ROW_LOOP_NOTE, SOFTMAX_LOOP_ADVICE, SOFTMAX_ROW_LOOP_NOTE, SPEED_ROWS
from .helpers import scores

# -- speed ----------------------------------------------------------------------------------

@check(points=1)
def vectorised_speed(sub: Submission, ctx: Context) -> None:
    """No Python loop over the entries of a row (a loop over the rows gets a note)"""
    z = scores(ctx, (SPEED_ROWS, 2))
    vectorised(sub, "softmax", z, SOFTMAX_LOOP_ADVICE, unit="scores", row_loop_note=SOFTMAX_ROW_LOOP_NOTE, ctx=ctx)
    vectorised(sub, "softmax_jacobian", z, JACOBIAN_LOOP_ADVICE, unit="scores",
               row_loop_note=JACOBIAN_ROW_LOOP_NOTE, ctx=ctx)
