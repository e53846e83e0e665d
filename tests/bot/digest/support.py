"""A workspace's week for digest tests: team objectives in two channels, a private one, a
personal one, and check-ins that make movers, risks and a recovery; as of Friday 4 Dec 2026."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.people import ensure_workspace
from storage.db import Database
from storage.models import KeyResult
from tests import factories
from tests.factories import KR, TEAM_ID

# Friday 4 Dec 2026 at 16:00 UTC: the default digest time of a workspace in UTC. Its week.
NOW = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
WEEK = "2026-W49"
TEAM, OTHER, DIGESTS = "C0TEAM", "C0OTHER", "C0DIGEST"
HOSTILE_NAME = "<!channel> <@U999> Dee"
NAMES = {"U1": "Ana Lima", "U2": "Bo Chen", "U3": "Cy Diaz", "U4": "Eve Secret", "U5": HOSTILE_NAME}


def on(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def check_in(
    session: Session,
    kr: KeyResult,
    day: date,
    value: float,
    confidence: str = "on_track",
    *,
    recorded: date | None = None,
) -> None:
    factories.check_in(
        session,
        kr,
        on(recorded or day),
        value=value,
        confidence=confidence,
        author=kr.objective.owner_id,
        effective_on=day,
    )


def arrange(db: Database, *, digest_channel: str | None = DIGESTS, people: bool = True) -> None:
    """Ana moved her key result 20 → 65 this week (the mover); Bo's churn is back on track after
    two worrying check-ins yet behind pace; Cy last checked in two weeks ago, at risk; Eve's
    objective is private; Dee (a hostile name) recorded a backdated check-in this week on a
    personal objective; Bo has a team objective in another channel too."""
    start = NOW - timedelta(days=60)  # in the cycle 2026-Q4
    with db.begin() as session:
        workspace = ensure_workspace(session, TEAM_ID, start)
        workspace.digest_channel_id = digest_channel
        if people:
            for user_id, name in NAMES.items():
                factories.person(session, user_id, start).display_name = name
        ana = factories.objective(
            session,
            start,
            title="Ship the mobile app",
            owner="U1",
            level="team",
            team_channel_id=TEAM,
            key_results=[KR("Beta testers", target=100)],
        )
        bo = factories.objective(
            session,
            start,
            title="Keep our customers",
            owner="U2",
            level="team",
            team_channel_id=TEAM,
            key_results=[KR("Monthly churn", "decrease", 10, 5)],
        )
        cy = factories.objective(
            session,
            start,
            title="Faster support",
            owner="U3",
            level="team",
            team_channel_id=TEAM,
            key_results=[KR("Tickets closed", target=50)],
        )
        factories.objective(
            session,
            start,
            title="Secret plan",
            owner="U4",
            level="team",
            team_channel_id=TEAM,
            visibility="private",
            key_results=[KR("Hidden target")],
        )
        dee = factories.objective(
            session,
            start,
            title="Learn Rust",
            owner="U5",
            key_results=[KR("Chapters read", target=20)],
        )
        factories.objective(
            session,
            start,
            title="Hire two engineers",
            owner="U2",
            level="team",
            team_channel_id=OTHER,
            key_results=[KR("Engineers hired", target=2)],
        )
        (beta,), (churn,), (tickets,), (chapters,) = (o.key_results for o in (ana, bo, cy, dee))
        check_in(session, beta, date(2026, 11, 20), 20)
        check_in(session, beta, date(2026, 12, 2), 65)
        check_in(session, churn, date(2026, 11, 10), 9, "at_risk")
        check_in(session, churn, date(2026, 11, 17), 9, "off_track")
        check_in(session, churn, date(2026, 11, 24), 9, "at_risk")
        check_in(session, churn, date(2026, 12, 3), 8, "on_track")
        check_in(session, tickets, date(2026, 11, 20), 10, "at_risk")
        check_in(session, chapters, date(2026, 11, 25), 6, recorded=date(2026, 12, 3))
