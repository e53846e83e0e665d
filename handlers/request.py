"""The one request path: who acts (the workspace from Bolt's context, the user, now), and a use
case run for them in one transaction. Slack is not asked who they are on the way: see
handlers/profiles.py for when it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from slack_bolt import BoltContext
from sqlalchemy.orm import Session

from bot import people
from handlers.deps import Deps
from storage.models import Person

Result = TypeVar("Result")


@dataclass(frozen=True)
class Actor:
    """Who acts, where and when. The workspace always comes from Bolt's context, which Bolt
    reads from the verified request; never from the body's own team fields."""

    team_id: str
    user_id: str
    now: datetime


def actor(deps: Deps, context: BoltContext) -> Actor:
    return Actor(str(context.team_id), str(context.user_id), deps.clock())


def run(deps: Deps, who: Actor, use_case: Callable[[Session, Person], Result]) -> Result:
    """`use_case` for the stored person (defaults for someone never seen), in one transaction."""
    with deps.db.begin() as session:
        return use_case(session, person(session, who))


def person(session: Session, who: Actor) -> Person:
    """The stored person acting, for a caller that owns the transaction (a modal submission
    answered once: handlers/submissions.py)."""
    return people.person(session, who.team_id, who.user_id, who.now)
