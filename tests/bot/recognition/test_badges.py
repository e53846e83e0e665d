"""Badges earned where they are earned: a first check-in, streaks of 4 and 12, a first objective
completed; each held once and told once by DM, never in a channel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.recognition import badges as rules
from bot.recognition.award import standing, streak_of
from bot.words import Words
from storage import people as stored_people
from storage.db import Database
from tests import factories
from tests.bot.recognition.support import badge_dms, badges, check_in
from tests.factories import KR

MONDAY = datetime(2026, 10, 5, 10, tzinfo=UTC)  # 2026-W41, cycle 2026-Q4


def objective(db: Database, owner: str = "U1", **kr: float) -> int:
    with db.begin() as session:
        factories.person(session, owner, MONDAY)
        made = factories.objective(
            session, MONDAY, owner=owner, key_results=[KR("Signups", start=0, target=100, **kr)]
        )
        return made.key_results[0].id


def test_the_first_check_in_earns_a_badge_told_once_by_dm(db: Database) -> None:
    kr_id = objective(db)
    check_in(db, kr_id, 10, MONDAY)
    check_in(db, kr_id, 20, MONDAY + timedelta(hours=2))
    assert badges(db) == ["first_checkin"]
    (key, blocks) = next(iter(badge_dms(db).items()))
    assert key == "badge:U1:first_checkin" and len(badge_dms(db)) == 1
    assert "New badge: First check-in" in blocks
    assert "1-week streak" in blocks and "Home tab" in blocks
    assert "1 week in a row" not in blocks, "one week is no run yet: it says how to grow it"


def test_four_weeks_in_a_row_earn_the_streak_badge_and_twelve_the_next(db: Database) -> None:
    kr_id = objective(db)
    for n in range(12):
        check_in(db, kr_id, n, MONDAY + timedelta(weeks=n))
        expected = ["first_checkin"] + (["streak_4"] if n >= 3 else [])
        assert badges(db) == expected + (["streak_12"] if n == 11 else []), n
    dms = badge_dms(db)
    assert list(dms) == ["badge:U1:first_checkin", "badge:U1:streak_4", "badge:U1:streak_12"]
    assert "New badge: 4-week streak" in dms["badge:U1:streak_4"]
    assert "You are on a 4-week streak" in dms["badge:U1:streak_4"]
    # The badge's reason says "4 weeks in a row"; the streak line says what to do, not it again.
    assert dms["badge:U1:streak_4"].count("4 weeks in a row") == 1


def test_a_missed_week_resets_the_streak(db: Database) -> None:
    kr_id = objective(db)
    for n in (0, 1, 2, 4):
        check_in(db, kr_id, n, MONDAY + timedelta(weeks=n))
    with db.begin() as session:
        workspace = stored_people.workspace(session, factories.TEAM_ID)
        assert workspace is not None
        assert streak_of(session, workspace, "U1", MONDAY + timedelta(weeks=4)) == 1
        assert streak_of(session, workspace, "U1", MONDAY + timedelta(weeks=6)) == 0
    assert "streak_4" not in badges(db)


def test_an_objective_done_earns_its_owner_a_badge_whoever_checked_in(db: Database) -> None:
    kr_id = objective(db, owner="U2")
    check_in(db, kr_id, 99, MONDAY, author="U1")
    assert badges(db, "U2") == []
    check_in(db, kr_id, 100, MONDAY + timedelta(hours=1), author="U1")
    assert badges(db, "U2") == ["first_objective_done"]
    assert badges(db, "U1") == ["first_checkin"], "the author's check-in badge only"
    assert "New badge: First objective done" in badge_dms(db)["badge:U2:first_objective_done"]


def test_the_home_standing_lists_streak_and_badges_in_the_workspace_words(db: Database) -> None:
    kr_id = objective(db)
    check_in(db, kr_id, 100, MONDAY)
    with db.begin() as session:
        workspace = stored_people.workspace(session, factories.TEAM_ID)
        assert workspace is not None
        workspace.word_objective = "goal"
        shown = standing(session, workspace, "U1", MONDAY)
    assert (shown.streak, shown.unit) == (1, "week")
    assert [b.name for b in shown.badges] == ["First check-in", "First goal done"]


def test_badge_names_follow_the_cadence_and_words() -> None:
    words = Words("OKR", "goal", "result")
    assert rules.shown("streak_4", words, "monthly").name == "4-month streak"
    assert (
        rules.shown("streak_12", words, "biweekly").why == "you checked in 12 fortnights in a row"
    )
    finish = rules.shown(rules.cycle_badge("2026-Q4"), words, "weekly")
    assert finish.name == "Strong finish in 2026-Q4"
    assert "every result of yours was at 70 %" in finish.why
    assert rules.for_check_in(3) == ["first_checkin"]
    assert rules.for_check_in(12) == ["first_checkin", "streak_4", "streak_12"]
    assert rules.strong_finish([0.7, 1.0]) and not rules.strong_finish([0.69, 1.0])
    assert not rules.strong_finish([])
