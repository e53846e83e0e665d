"""The settings' pieces: zone search and labels, reading the modal, dates, who may redraw it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.action_ids import SETTINGS_FISCAL_START as FISCAL_START
from bot.action_ids import SETTINGS_TIME_ZONE as TIME_ZONE
from bot.people import describe, person
from bot.workspace_settings import editor, views
from bot.workspace_settings.preview import dates
from bot.workspace_settings.settings_form import FOCUS_LIMIT, Choices, picked
from bot.workspace_settings.zones import is_zone, label, search
from storage.db import Database
from storage.models import Workspace
from tests.clock import FakeClock
from tests.emulator import SlackEmulator
from tests.settings_forms import celebration_state, prompt_state
from tests.slack_requests import select_value

WINTER = datetime(2026, 11, 16, 14, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
STORED = Choices(1, "UTC", 3)


def test_zone_labels_show_the_offset_of_the_day() -> None:
    assert label("Europe/Lisbon", WINTER) == "Europe/Lisbon (UTC+00:00)"
    assert label("Europe/Lisbon", SUMMER) == "Europe/Lisbon (UTC+01:00)"
    assert label("America/St_Johns", WINTER) == "America/St Johns (UTC-03:30)"
    assert label("UTC", WINTER) == "UTC"


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("UTC", True),
        ("Europe/Lisbon", True),
        ("America/Argentina/Buenos_Aires", True),
        ("localtime", False),
        ("US/Eastern", False),
        ("../../etc/passwd", False),
        ("", False),
    ],
)
def test_only_region_zones_are_offered_and_accepted(name: str, known: bool) -> None:
    assert is_zone(name) is known


def test_searching_puts_cities_that_start_so_first() -> None:
    names = [option.name for option in search("new", WINTER)]
    assert names[0] == "America/New_York"
    assert "America/North_Dakota/New_Salem" in names
    assert [o.name for o in search("  New   york ", WINTER)] == ["America/New_York"]
    assert {o.name for o in search("+05:30", WINTER)} >= {"Asia/Kolkata", "Asia/Colombo"}
    assert search("no such place", WINTER) == []


def test_typing_nothing_offers_the_given_zones_then_common_ones() -> None:
    names = [o.name for o in search("", WINTER, first=["Pacific/Kiritimati", "Mars/Olympus"])]
    assert names[:2] == ["Pacific/Kiritimati", "UTC"]
    assert len(names) == len(set(names)) <= 100


def values(month: str | None, zone: str | None, limit: str | None) -> dict[str, Any]:
    return {
        "state": {
            "values": {
                FISCAL_START: {FISCAL_START: select_value(month)},
                TIME_ZONE: {TIME_ZONE: select_value(zone, "external_select")},
                FOCUS_LIMIT: {FOCUS_LIMIT: select_value(limit)},
                **prompt_state(),
                **celebration_state(),
            }
        }
    }


def test_the_modal_is_read_as_picked() -> None:
    assert picked(values("2", "Asia/Tokyo", "10"), STORED) == (Choices(2, "Asia/Tokyo", 10), {})


def test_a_bad_pick_keeps_the_stored_value_and_says_what_to_do() -> None:
    choices, errors = picked(values("0", "Asia/Tokyo", "x"), STORED)
    assert choices == Choices(1, "Asia/Tokyo", 3)
    assert set(errors) == {FISCAL_START, FOCUS_LIMIT}
    assert picked({}, STORED)[0] == STORED
    assert set(picked({}, STORED)[1]) == {
        FISCAL_START,
        TIME_ZONE,
        FOCUS_LIMIT,
        *prompt_state(),
        *(block for block in celebration_state() if "channel" not in block),
    }


def test_dates_say_the_year_once_unless_it_changes() -> None:
    assert dates(date(2027, 2, 1), date(2027, 4, 30)) == "1 Feb – 30 Apr 2027"
    assert dates(date(2026, 11, 1), date(2027, 1, 31)) == "1 Nov 2026 – 31 Jan 2027"


def test_the_default_focus_limit_is_labelled_as_the_stored_default() -> None:
    default = Workspace.__table__.c.max_active_objectives.default
    assert default is not None and default.arg == views.DEFAULT_FOCUS_LIMIT


def test_only_an_admin_gets_a_redrawn_modal(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    view = values("2", "UTC", "3")
    with db.begin() as session:
        for user_id in ("U1", "UADMIN"):  # as Slack described them
            describe(session, "T0001", user_id, slack.profile(user_id), clock())
        for user_id in ("U1", "UADMIN"):
            admin = person(session, "T0001", user_id, clock())
            shown = editor.redrawn(session, admin, view=view, now=clock())
            assert (shown is None) is (user_id == "U1")
        assert shown is not None and shown.preview.current.name == "FY2027-Q4"
