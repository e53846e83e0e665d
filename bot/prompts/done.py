"""After a check-in by any route: the period's prompt, if one was queued, is updated in place
to show it is done and what was recorded (an `edits` row: the sender makes it a chat.update)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery.outgoing import Outgoing, key, queue
from bot.people import current_cycle, workspace_today, zone
from bot.prompts import message, schedule
from bot.prompts.decision import rule_for
from bot.words import words_of
from storage import people as stored_people
from storage import prompts as stored_prompts
from storage.models import CheckIn, KeyResult


def prompt_done(
    session: Session, team_id: str, author_id: str, rows: Sequence[CheckIn], now: datetime
) -> bool:
    """Queue the update of the author's latest prompt of this period; False when there was no
    prompt, nothing was recorded, or its update was queued already."""
    workspace = stored_people.workspace(session, team_id)
    person = stored_people.person(session, team_id, author_id)
    if not rows or workspace is None or person is None:
        return False
    period = schedule.period_of(rule_for(workspace, person), zone(person.time_zone), now)
    prompts = stored_prompts.prompts_of_period(
        session, team_id, author_id, key("prompt", author_id, period.key)
    )
    if not prompts:
        return False
    cycle = current_cycle(session, workspace, now)
    checked: dict[int, KeyResult] = {row.key_result_id: row.key_result for row in rows}
    groups, more = message.groups_of(list(checked.values()), cycle, workspace_today(workspace, now))
    shown = message.answered(
        "done",
        period=period.key,
        words=words_of(workspace),
        groups=groups,
        more=more,
        recorded=len(rows),
    )
    done = Outgoing(
        kind="prompt_done",
        recipient=author_id,
        period=period.key,
        channel=author_id,
        text=shown["text"],
        blocks=shown["blocks"],
        edits=prompts[-1].dedupe_key,
    )
    return queue(session, team_id, done, now=now)
