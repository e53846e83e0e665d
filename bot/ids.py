"""Ids read back from payloads (button values, hidden fields): never trusted, never parsed twice."""

from __future__ import annotations


def parse_id(raw: object) -> int | None:
    """An id from a payload: plain ASCII digits of a sane length, else None.

    `"²".isdigit()` is true but `int("²")` fails, hence the ASCII check.
    """
    text = str(raw if raw is not None else "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None
