"""The settings modal, its confirmation and the time zone options, rendered (refusals:
bot/refusals.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import action_ids
from bot.ids import metadata_text
from bot.presentation import WEEKDAYS, clock_time
from bot.render import render
from bot.workspace_settings import settings_form, zones
from bot.workspace_settings.editor import Form, SettingsSaved

IDS = {
    "callback": action_ids.SETTINGS_VIEW,
    "fiscal_start": action_ids.SETTINGS_FISCAL_START,
    "time_zone": action_ids.SETTINGS_TIME_ZONE,
    "focus_limit": settings_form.FOCUS_LIMIT,
    "checkin_day": settings_form.CHECKIN_DAY,
    "checkin_time": settings_form.CHECKIN_TIME,
    "cadence": settings_form.CADENCE,
    "reminder_hours": settings_form.REMINDER_HOURS,
    "skip_recent_days": settings_form.SKIP_RECENT_DAYS,
    "quiet_start": settings_form.QUIET_START,
    "quiet_end": settings_form.QUIET_END,
}
DEFAULT_FOCUS_LIMIT = 3
PROMPT_FIELDS = {
    "checkin_weekday",
    "checkin_minute",
    "cadence",
    "reminder_hours",
    "skip_recent_days",
    "quiet_start",
    "quiet_end",
}


def _limit_label(limit: int) -> str:
    label = "1 objective" if limit == 1 else f"{limit} objectives"
    return f"{label} (the default)" if limit == DEFAULT_FOCUS_LIMIT else label


def form_view(shown: Form, now: datetime) -> dict[str, Any]:
    view: dict[str, Any] = render("settings_modal", **form_context(shown, now))
    return view


def form_context(shown: Form, now: datetime) -> dict[str, Any]:
    choices = shown.choices
    return {
        "ids": IDS,
        "shown": shown,
        "choices": choices,
        "preview": shown.preview,
        "months": [
            (str(number), name) for number, name in enumerate(settings_form.MONTHS, start=1)
        ],
        "limits": [(str(limit), _limit_label(limit)) for limit in settings_form.FOCUS_LIMITS],
        "zone": zones.ZoneOption(choices.time_zone, zones.label(choices.time_zone, now)),
        "my_zone": shown.my_zone if shown.my_zone != choices.time_zone else "",
        "weekdays": [(str(number), name) for number, name in enumerate(WEEKDAYS)],
        "cadences": list(settings_form.CADENCE_LABELS.items()),
        "clock_time": clock_time,
    }


def saved_view(saved: SettingsSaved) -> dict[str, Any]:
    view: dict[str, Any] = render("settings_saved", **saved_context(saved))
    return view


def saved_context(saved: SettingsSaved) -> dict[str, Any]:
    changed = saved.changed
    return dict(
        saved=saved,
        changed=changed,
        prompts_changed=bool(changed & PROMPT_FIELDS),
        weekdays=WEEKDAYS,
        cadences=settings_form.CADENCE_LABELS,
        clock_time=clock_time,
        cycles_changed=bool(changed & {"fiscal_year_start_month", "time_zone"}),
    )


def zone_options(typed: str, now: datetime, view: dict[str, Any]) -> dict[str, Any]:
    """The zones matching what was typed; before typing, the admin's own zone comes first."""
    mine = metadata_text(view)
    options = zones.search(typed, now, first=[mine])
    answer: dict[str, Any] = render("settings_zone_options", options=options)
    return answer
