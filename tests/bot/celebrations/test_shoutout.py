"""Check-ins record the milestones they reach once and queue one shout-out per check-in, to the
right place; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.checkins import record
from bot.checkins.values import Entry
from storage.db import Database
from storage.models import CheckIn, KeyResult, MilestoneReached, Objective, OutboxMessage, Workspace
from tests import factories
from tests.e2e.checkin_support import blocks_text
from tests.factories import KR

NOW = datetime(2026, 11, 16, 14, tzinfo=UTC)
CHANNEL = "C0CELEBRATE"


def arrange(db: Database, *krs: KR, **objective: Any) -> list[int]:
    """Ana's objective with these key results, and the celebration channel set."""
    with db.begin() as session:
        factories.person(session, "U1", NOW)
        row = factories.objective(session, NOW, key_results=list(krs) or None, **objective)
        workspace = session.get(Workspace, factories.TEAM_ID)
        assert workspace is not None
        workspace.celebration_channel_id = CHANNEL
        return [kr.id for kr in row.key_results]


def check_in(db: Database, at: datetime, *entries: tuple[int, float, str], note: str = "") -> None:
    """One record() call: (key result id, value, confidence) each."""
    with db.begin() as session:
        krs = [session.get(KeyResult, kr_id) for kr_id, _, _ in entries]
        record.record(
            session,
            author_id="U1",
            key_results=[kr for kr in krs if kr is not None],
            entries=[Entry(kr_id, value, confidence, note) for kr_id, value, confidence in entries],
            effective_on=at.date(),
            now=at,
            source="modal",
        )


def shoutouts(db: Database) -> list[OutboxMessage]:
    with db.begin() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == "celebration")
        return list(session.scalars(query.order_by(OutboxMessage.id)))


def reached(db: Database) -> set[tuple[str, int]]:
    with db.begin() as session:
        return {(r.subject, r.milestone) for r in session.scalars(select(MilestoneReached))}


def test_a_dip_and_recovery_celebrate_each_milestone_once(db: Database) -> None:
    (kr,) = arrange(db, KR("Raise NPS", start=0, target=100))
    for hours, value in enumerate([40, 55, 45, 60, 100]):
        check_in(db, NOW + timedelta(hours=hours), (kr, value, "on_track"), note=f"at {value}")
    half, whole = shoutouts(db)
    assert half.channel == CHANNEL and half.payload["reaction"] == "tada"
    assert "<@U1> reached 50 % on the key result *Raise NPS*" in blocks_text(half.payload)
    assert "“at 55”" in blocks_text(half.payload)
    assert "<@U1> completed the objective *Delight our customers*" in blocks_text(whole.payload)
    assert "“at 100”" in blocks_text(whole.payload)
    assert reached(db) == {("key_result", 50), ("key_result", 100), ("objective", 100)}


def test_several_milestones_at_once_are_all_recorded_and_the_highest_told(db: Database) -> None:
    krs = arrange(db, KR("Signups", start=0, target=1000), KR("Ads", start=0, target=10))
    with db.begin() as session:
        session.get(Workspace, factories.TEAM_ID).milestones = "25,50,75"  # type: ignore[union-attr]
    check_in(db, NOW, (krs[0], 800, "on_track"), (krs[1], 3, "on_track"))
    (only,) = shoutouts(db)
    told = blocks_text(only.payload)
    assert "reached 75 % on the key result *Signups*" in told
    assert "Also in this check-in: Ads (25 %)" in told
    assert reached(db) == {("key_result", 25), ("key_result", 50), ("key_result", 75)}
    check_in(db, NOW + timedelta(hours=1), (krs[0], 900, "on_track"))
    assert len(shoutouts(db)) == 1, "nothing new reached"


def test_an_edit_can_cross_a_milestone_once(db: Database) -> None:
    (kr,) = arrange(db, KR("Raise NPS", start=0, target=100))
    check_in(db, NOW, (kr, 45, "on_track"))
    assert shoutouts(db) == []
    for hours, value in [(1, 55.0), (2, 45.0), (3, 65.0)]:  # a typo fixed, then back and forth
        with db.begin() as session:
            row = session.scalars(select(CheckIn)).one()
            record.change(
                session,
                row,
                actor_id="U1",
                now=NOW + timedelta(hours=hours),
                value=value,
                confidence="on_track",
                note="fixed a typo",
                effective_on=row.effective_on,
            )
    (edited,) = shoutouts(db)
    assert edited.dedupe_key.startswith(f"celebration:{CHANNEL}:edit")
    assert "reached 50 %" in blocks_text(edited.payload)


def test_back_on_track_is_said_in_the_shout_out(db: Database) -> None:
    (kr,) = arrange(db, KR("Raise NPS", start=0, target=100))
    for hours, (value, confidence) in enumerate(
        [(10, "at_risk"), (20, "off_track"), (60, "on_track")]
    ):
        check_in(db, NOW + timedelta(hours=hours), (kr, value, confidence))
    (shout,) = shoutouts(db)
    assert "Back on track after 2 or more check-ins at risk or off track" in blocks_text(
        shout.payload
    )


def destination(db: Database, **objective: Any) -> tuple[str, str]:
    (kr,) = arrange(db, KR("Raise NPS", start=0, target=100), **objective)
    check_in(db, NOW, (kr, 50, "on_track"))
    (shout,) = shoutouts(db)
    return shout.channel, blocks_text(shout.payload)


def test_a_private_objective_is_celebrated_in_the_owners_dm_only(db: Database) -> None:
    channel, told = destination(db, visibility="private")
    assert channel == "U1" and "Your objective is private" in told


def test_a_team_objective_is_celebrated_in_its_own_channel(db: Database) -> None:
    assert destination(db, level="team", team_channel_id="C0TEAM")[0] == "C0TEAM"


def test_a_quiet_objective_is_celebrated_in_the_owners_dm(db: Database) -> None:
    (kr,) = arrange(db, KR("Raise NPS", start=0, target=100))
    with db.begin() as session:
        session.scalars(select(Objective)).one().celebrate_quietly = True
    check_in(db, NOW, (kr, 50, "on_track"))
    (shout,) = shoutouts(db)
    assert shout.channel == "U1" and "celebrate this objective quietly" in blocks_text(
        shout.payload
    )


def test_without_a_celebration_channel_the_owner_is_told_by_dm(db: Database) -> None:
    (kr,) = arrange(db, KR("Raise NPS", start=0, target=100))
    with db.begin() as session:
        session.get(Workspace, factories.TEAM_ID).celebration_channel_id = None  # type: ignore[union-attr]
    check_in(db, NOW, (kr, 50, "on_track"))
    (shout,) = shoutouts(db)
    assert shout.channel == "U1" and "No celebration channel is set" in blocks_text(shout.payload)


def test_renamed_words_are_used(db: Database) -> None:
    (kr,) = arrange(db, KR("Raise NPS", start=0, target=100))
    with db.begin() as session:
        workspace = session.get(Workspace, factories.TEAM_ID)
        assert workspace is not None
        workspace.word_objective, workspace.word_key_result = "goal", "result"
    check_in(db, NOW, (kr, 100, "on_track"))
    (shout,) = shoutouts(db)
    assert "completed the goal *Delight our customers*: every result is done" in blocks_text(
        shout.payload
    )
