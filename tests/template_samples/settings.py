"""Samples for the workspace settings templates: typical, edge and hostile data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from bot.words import Words
from bot.workspace_settings.editor import Form, SettingsSaved
from bot.workspace_settings.preview import CycleLine, Preview, StillRunning
from bot.workspace_settings.settings_form import Choices
from bot.workspace_settings.views import form_context, saved_context
from bot.workspace_settings.zones import ZoneOption, search
from tests.template_samples import HOSTILE

NOW = datetime(2026, 11, 16, 14, 0, tzinfo=UTC)
LIMIT = "max_active_objectives"
PLAIN = ('"quoted" \\ back {braces} % *bold* _it_ ~s~ `code` ' * 3)[:150]

CALENDAR = Choices(1, "UTC", 3)
FEBRUARY = Choices(2, "Pacific/Kiritimati", 5)
Q4 = Preview(
    CycleLine("2026-Q4", "1 Oct – 31 Dec 2026"), CycleLine("2027-Q1", "1 Jan – 31 Mar 2027"), []
)
MOVED = Preview(
    CycleLine("FY2027-Q4", "1 Nov 2026 – 31 Jan 2027"),
    CycleLine("FY2028-Q1", "1 Feb – 30 Apr 2027"),
    [StillRunning("2026-Q4", "1 Oct – 31 Dec 2026", 1), StillRunning("FY2027-Q3", "x", 12)],
)
HOSTILE_PREVIEW = Preview(
    CycleLine(HOSTILE, HOSTILE),
    CycleLine(HOSTILE, HOSTILE),
    [StillRunning(HOSTILE, HOSTILE, n) for n in range(1, 9)],
)
HOSTILE_CHOICES = Choices(12, HOSTILE, 10, 6, 23 * 60 + 59, "monthly", 168, 30, 0, 0)
PROMPTS = Choices(1, "UTC", 3, 4, 7 * 60 + 30, "biweekly", 48, 0, 22 * 60, 6 * 60)
CELEBRATING = replace(
    CALENDAR,
    celebration_channel="CWINS",
    digest_channel="GLEADS",
    milestones=(25, 50, 75, 100),
    digest_weekday=0,
    digest_minute=8 * 60,
    words=Words("Goals", "goal", "result"),
)
# Stored words are checked when typed; hostile ones stand for a row edited by hand.
HOSTILE_WORDS = replace(
    CELEBRATING,
    celebration_channel=HOSTILE,
    digest_channel="<!channel>",
    milestones=(),
    words=Words(HOSTILE, HOSTILE, HOSTILE),
)
NEXT = replace(Q4, next_digest="Friday 20 Nov at 16:00 (UTC)")


def _modal(choices: Choices, preview: Preview, my_zone: str) -> dict[str, Any]:
    return form_context(Form(choices, preview, my_zone), NOW)


SAMPLES: dict[str, list[dict[str, Any]]] = {
    "settings_modal": [
        _modal(CALENDAR, Q4, "Europe/Lisbon"),
        _modal(FEBRUARY, MOVED, "Pacific/Kiritimati"),
        _modal(Choices(13, "Mars/Olympus", 0), Q4, ""),
        _modal(PROMPTS, Q4, "UTC"),
        form_context(Form(CELEBRATING, NEXT, "UTC"), NOW, "UBOT"),
        form_context(Form(replace(HOSTILE_WORDS, words=Words()), NEXT, "UTC"), NOW, "<!channel>"),
        # Typed words show in plain-text inputs, where nothing is escaped nor read as a mention.
        form_context(Form(replace(HOSTILE_WORDS, words=Words(PLAIN, PLAIN, PLAIN)), NEXT, ""), NOW),
        # The zone shows in plain text too, where nothing is escaped: it is always an IANA name.
        _modal(Choices(12, PLAIN, 10), HOSTILE_PREVIEW, PLAIN),
    ],
    "settings_saved": [
        saved_context(saved)
        for saved in (
            SettingsSaved(CALENDAR, FEBRUARY, MOVED),
            SettingsSaved(CALENDAR, Choices(1, "UTC", 4), Q4),
            SettingsSaved(CALENDAR, CALENDAR, Q4),
            SettingsSaved(CALENDAR, PROMPTS, Q4),
            SettingsSaved(PROMPTS, replace(PROMPTS, reminder_hours=0), Q4),
            SettingsSaved(CALENDAR, HOSTILE_CHOICES, HOSTILE_PREVIEW),
            SettingsSaved(HOSTILE_CHOICES, HOSTILE_CHOICES, HOSTILE_PREVIEW),
            SettingsSaved(CALENDAR, CELEBRATING, Q4),
            SettingsSaved(CELEBRATING, HOSTILE_WORDS, HOSTILE_PREVIEW),
        )
    ]
    + [
        saved_context(SettingsSaved(CALENDAR, CELEBRATING, Q4), ["GLEADS"], "UBOT"),
        saved_context(SettingsSaved(CELEBRATING, CELEBRATING, Q4), ["CWINS", "GLEADS"], ""),
        saved_context(SettingsSaved(CALENDAR, HOSTILE_WORDS, Q4), [HOSTILE, HOSTILE], HOSTILE),
    ],
    "channel_access": [
        {"channel": "<#GLEADS>", "bot": "<@UBOT>", "failed": ""},
        {"channel": "a channel", "bot": "@okr", "failed": ""},
        {"channel": "<#GLEADS>", "bot": "<@UBOT>", "failed": "a milestone shout-out"},
        {"channel": "<#GLEADS>", "bot": "@okr", "failed": "the weekly digest"},
    ],
    "settings_zone_options": [
        {"options": []},
        {"options": search("", NOW)},
        {"options": search("a", NOW)},
        {"options": [ZoneOption(PLAIN, PLAIN * 3) for _ in range(100)]},
    ],
}
