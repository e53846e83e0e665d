"""Modal submissions answered once per revision of the modal: a copy Slack sends again (a retry,
or a replay of the signed body) changes nothing and gets the first answer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext
from sqlalchemy.orm import Session

from bot import replays
from handlers.deps import Deps

log = logging.getLogger("okr_bot.replays")


@dataclass(frozen=True)
class Answered:
    ack: dict[str, Any]  # what to ack() with: response_action and its view or errors
    first: bool  # False for a copy of a submission answered already


def answer_once(
    deps: Deps,
    context: BoltContext,
    body: dict[str, Any],
    answer: Callable[[Session], dict[str, Any]],
) -> Answered:
    """`answer` checks and writes the submission in the transaction that records it."""
    team_id = str(context.team_id)
    key = replays.view_key(body["view"])
    with deps.db.begin() as session:
        earlier = replays.claim(session, team_id, key, deps.clock())
        if earlier is not None:
            log.info("Slack sent the form %s again; answered already, the same way", key)
            return Answered(dict(earlier.answer or {}), first=False)
        acked = answer(session)
        if acked.get("response_action") == "errors":
            replays.forget(session, team_id, key)  # corrected, it comes back with the same hash
        else:
            replays.settle(session, team_id, key, acked)
    return Answered(acked, first=True)
