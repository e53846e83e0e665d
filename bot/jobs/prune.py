"""The `prune` job: forgets what is no longer needed, sent messages and handled requests."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import replays
from bot.slack import Clients
from storage import handled_requests, outbox
from storage.db import Database

# Sent messages are kept this long: an operator can still see what went out and when, and a
# chat.update queued soon after still finds the message it edits.
SENT_KEPT_FOR = timedelta(days=14)


def run(db: Database, clients: Clients, now: datetime) -> str:
    """Forget sent outbox rows older than SENT_KEPT_FOR and handled requests older than a day."""
    messages = requests = 0
    with db.begin() as session:
        for team_id in outbox.team_ids(session):
            messages += outbox.prune(session, team_id, now - SENT_KEPT_FOR)
        for team_id in handled_requests.team_ids(session):
            requests += handled_requests.prune(session, team_id, now - replays.KEPT_FOR)
    return f"forgot {_count(messages, 'sent message')} and {_count(requests, 'handled request')}"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")
