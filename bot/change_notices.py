"""Telling an owner, by DM, what someone else changed of their objective or its check-ins: who,
what, before → after.

The notice is queued in the outbox in the transaction of the change, so it is sent once the
change is committed and never for a change that was rolled back. Nobody is told of their own
changes. What changed is read by the feature that changed it (`bot/objectives/owner_notices.py`,
`bot/checkins/notices.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery.outgoing import Outgoing, queue
from bot.presentation import mention
from bot.render import render
from storage.models import Objective

KIND = "change_notice"
# Past this many lines the notice says how many more changes there were: the History has them all.
LINES_SHOWN = 12


@dataclass(frozen=True)
class Change:
    """One thing changed, as people read it. `linked`: old and new are mentions or channel links
    built by code, shown as they are; anything else is people's text, escaped by the template."""

    what: str
    old: str = ""
    new: str = ""
    linked: bool = False


def tell_owner(
    session: Session,
    objective: Objective,
    *,
    actor_id: str,
    action: str,
    changes: Sequence[Change],
    period: str,
    now: datetime,
    owners: Sequence[str] = (),
) -> list[str]:
    """Queue the notice for the objective's owner (and `owners`, e.g. whoever owned it before)
    unless they made the change themselves; the recipients it was queued for.

    `action` is one of: change, archive, delete, check_in, edit_check_in, delete_check_in,
    undo_check_in. `period` makes it once: the audit event's id, or the check-in's."""
    recipients = [
        owner for owner in dict.fromkeys([objective.owner_id, *owners]) if owner != actor_id
    ]
    for owner in recipients:
        message = render(
            "change_notice",
            actor=mention(actor_id),
            action=action,
            title=objective.title,
            objective_id=objective.id,
            viewable=objective.state != "deleted",
            changes=list(changes[:LINES_SHOWN]),
            more=max(0, len(changes) - LINES_SHOWN),
        )
        queue(
            session,
            objective.team_id,
            Outgoing(
                kind=KIND,
                recipient=owner,
                period=period,
                channel=owner,
                text=message["text"],
                blocks=message["blocks"],
            ),
            now=now,
        )
    return recipients
