"""Rows created on first use, safely when two requests create the same one at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

Row = TypeVar("Row")


def get_or_create(session: Session, find: Callable[[], Row | None], make: Callable[[], Row]) -> Row:
    """Create in a savepoint so that a concurrent request creating the same row is harmless."""
    found = find()
    if found is not None:
        return found
    try:
        with session.begin_nested():
            row = make()
            session.add(row)
    except IntegrityError:
        found = find()
        assert found is not None
        return found
    return row
