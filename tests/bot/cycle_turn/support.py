"""A workspace's quarter for the `cycle` job: owners in three zones, scored and unscored key
results, a private objective, a closed one, a hostile name; 2026-Q4 ends on Thursday 31 Dec."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from bot.cycle_turn import job
from bot.people import ensure_workspace
from storage import people as stored_people
from storage.db import Database
from storage.models import Objective, Workspace
from tests import factories
from tests.bot.prompts.support import CLIENTS, queued
from tests.factories import KR, TEAM_ID

CREATED = datetime(2026, 10, 5, 10, tzinfo=UTC)
CELEBRATIONS = "C0CELEB"
HOSTILE_NAME = "<!channel> <@U999> Dee"
# Ana in UTC, Bo in New York (UTC-5), Cy in Tokyo (UTC+9), Dee (a hostile name) in UTC, Eve
# closed her only objective already.
ZONES = {"U1": "UTC", "U2": "America/New_York", "U3": "Asia/Tokyo", "U4": "UTC", "U5": "UTC"}
NAMES = {"U1": "Ana Lima", "U2": "Bo Chen", "U3": "Cy Diaz", "U4": HOSTILE_NAME, "U5": "Eve Ode"}


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    year = 2027 if month < 6 else 2026
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def arrange(db: Database, *, channel: str | None = CELEBRATIONS) -> dict[str, int]:
    """The quarter's objectives by owner: Ana scored hers (0.6 and 0.8) and left one unscored at
    half way; Bo's is at 30 %; Cy's is private; Dee completed hers; Eve closed hers."""
    with db.begin() as session:
        workspace = ensure_workspace(session, TEAM_ID, CREATED)
        workspace.celebration_channel_id = channel
        for user_id, zone in ZONES.items():
            person = factories.person(session, user_id, CREATED)
            person.time_zone, person.display_name = zone, NAMES[user_id]
        ana = _objective(session, "U1", "Grow signups", [KR("Signups"), KR("Trials")], [60, 80])
        ana.key_results[0].score, ana.key_results[1].score = 0.6, 0.8
        hire = _objective(session, "U1", "Hire well", [KR("Hires", target=10)], [5])
        _objective(session, "U2", "Cut churn", [KR("Churn fixes")], [30])
        _objective(session, "U3", "Secret plan", [KR("Steps")], [90], visibility="private")
        _objective(session, "U4", "Ship the app", [KR("Releases", target=4)], [4])
        eve = _objective(session, "U5", "Tidy the docs", [KR("Pages")], [100])
        eve.closed_at, eve.closed_by = at(12, 20, 10), "U5"
        eve.key_results[0].score = 1.0
        return {"Grow signups": ana.id, "Hire well": hire.id, "eve": eve.id}


def _objective(
    session: Session,
    owner: str,
    title: str,
    key_results: list[KR],
    values: list[float],
    *,
    visibility: str = "public",
) -> Objective:
    row = factories.objective(
        session, CREATED, owner=owner, title=title, key_results=key_results, visibility=visibility
    )
    for kr, value in zip(row.key_results, values, strict=True):
        factories.check_in(session, kr, CREATED, value=value, author=owner)
    return row


def carry(db: Database, original_id: int, owner: str = "U1") -> None:
    """A copy of an objective in 2027-Q1, carried over from it (as the close modal makes one)."""
    with db.begin() as session:
        copy = factories.objective(session, at(1, 1, 8), owner=owner, title="Carried")
        copy.carried_from_id = original_id


def workspace(session: Session) -> Workspace:
    found = stored_people.workspace(session, TEAM_ID)
    assert found is not None
    return found


def tick(db: Database, now: datetime) -> str:
    return job.run(db, CLIENTS, now)


def keys(db: Database, kind: str) -> set[str]:
    return {key for key, row in queued(db).items() if row.kind == kind}
