"""Requests Slack sends more than once: a retry after a slow or lost answer, or a replay of the
same signed body within its 5 minutes. The first is acted on; a copy changes nothing."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.people import ensure_workspace
from storage import handled_requests as stored_requests
from storage.models import HandledRequest
from storage.rows import get_or_create

# Slack's signature is good for 5 minutes, so no copy can come a day later: older records
# only take room, and each claim clears them.
KEPT_FOR = timedelta(days=1)
KEY_LENGTH = 200  # handled_requests.key


def view_key(view: dict[str, Any]) -> str:
    """One revision of a modal: Slack gives each revision (views.update, push) a new hash."""
    return _fitting(f"view:{view.get('id')}:{view.get('hash')}")


def message_key(source_ref: str) -> str:
    """One message ("<channel>:<ts>"), whichever event (and event_id) brought it."""
    return _fitting(f"message:{source_ref}")


def _fitting(key: str) -> str:
    """Slack's ids, hashes and ts are short ASCII; a forged one is kept as its digest, so that
    it neither overflows the key column (PostgreSQL refuses it) nor fails to encode."""
    if key.isascii() and len(key) <= KEY_LENGTH:
        return key
    return "digest:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def claim(session: Session, team_id: str, key: str, now: datetime) -> HandledRequest | None:
    """None the first time: the request is then claimed until the transaction ends, and a copy
    arriving meanwhile waits for it (PostgreSQL's unique key; SQLite's write lock). Else the
    record of the first time, whose answer the copy gives again."""
    ensure_workspace(session, team_id, now)
    stored_requests.prune(session, team_id, now - KEPT_FOR)
    mine = HandledRequest(team_id=team_id, key=key, handled_at=now)
    found = get_or_create(
        session, lambda: stored_requests.find(session, team_id, key), lambda: mine
    )
    return None if found is mine else found


def first_time(session: Session, team_id: str, key: str, now: datetime) -> bool:
    """Whether to act on the request: True the first time, and it is then claimed; False for a
    copy answered already or being answered right now by another transaction (another replica),
    which is not waited for. For requests whose copies need no answer of their own (events)."""
    if not stored_requests.hold_without_waiting(session, team_id, key):
        return False
    return claim(session, team_id, key, now) is None


def settle(session: Session, team_id: str, key: str, answer: dict[str, Any]) -> None:
    """What the first time answered, for the copies to answer again."""
    _claimed(session, team_id, key).answer = answer
    session.flush()


def forget(session: Session, team_id: str, key: str) -> None:
    """The request changed nothing (a form sent back with errors): the same request, sent again
    once corrected, is acted on."""
    session.delete(_claimed(session, team_id, key))
    session.flush()


def _claimed(session: Session, team_id: str, key: str) -> HandledRequest:
    row = stored_requests.find(session, team_id, key)
    assert row is not None, "claim() comes first, in the same transaction"
    return row
