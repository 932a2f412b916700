"""Warm sandboxes: children forked from a pre-started template (placeholder: none yet)."""

from __future__ import annotations


def shared_launcher() -> None:
    """This process's launcher, or None when children start as fresh interpreters."""
    return None
