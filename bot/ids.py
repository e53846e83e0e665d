"""Ids read back from payloads (button values, hidden fields): never trusted, never parsed twice;
and the one shape of the errors a modal shows next to its inputs."""

from __future__ import annotations

# A refused modal submission's errors, as Slack's response_action "errors" takes them:
# block id -> what is wrong there and what to do instead. Every form answers with this type.
FormErrors = dict[str, str]

# Every id column is an INTEGER, which PostgreSQL ends at 2^31 - 1: a larger number names no
# row, and asking for it would fail with "integer out of range" instead of finding nothing.
LARGEST_ID = 2**31 - 1


def parse_id(raw: object) -> int | None:
    """An id (or a count, like a page offset) from a payload: plain ASCII digits within the
    range of the database's id columns, else None.

    `"²".isdigit()` is true but `int("²")` fails, hence the ASCII check; the length check
    comes first, so that no number is read from thousands of digits.
    """
    text = str(raw if raw is not None else "").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(LARGEST_ID))):
        return None
    number = int(text)
    return number if number <= LARGEST_ID else None
