"""The settings modal's fields, and reading what an admin picked in them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from typing import Any

from bot import action_ids
from bot.ids import FormErrors, parse_id, picked_time, selected, state_values, typed
from bot.words import Words, words_of
from bot.workspace_settings.celebrations_form import celebrations_picked
from bot.workspace_settings.zones import is_zone
from storage.models import Workspace

FOCUS_LIMIT = "settings_focus_limit"
CHECKIN_DAY = "settings_checkin_day"
CHECKIN_TIME = "settings_checkin_time"
CADENCE = "settings_cadence"
REMINDER_HOURS = "settings_reminder_hours"
SKIP_RECENT_DAYS = "settings_skip_recent_days"
QUIET_START = "settings_quiet_start"
QUIET_END = "settings_quiet_end"
CLOSE_REMINDER_DAYS = "settings_close_reminder_days"

MONTHS = tuple(calendar.month_name[1:])
FOCUS_LIMITS = range(1, 11)
REMINDER_RANGE = range(0, 169)  # hours; 0 turns reminders off
SKIP_RANGE = range(0, 31)  # days; 0 always prompts
CLOSE_REMINDER_RANGE = range(0, 31)  # days before a cycle ends; 0 sends no close reminder
CADENCE_LABELS = {
    "weekly": "Every week",
    "biweekly": "Every 2 weeks",
    "monthly": "Every month, on the first such weekday",
}


@dataclass(frozen=True)
class Choices:
    """The workspace settings, as stored or as picked in the modal."""

    fiscal_year_start_month: int
    time_zone: str
    max_active_objectives: int
    checkin_weekday: int = 0
    checkin_minute: int = 9 * 60
    cadence: str = "weekly"
    reminder_hours: int = 24
    skip_recent_days: int = 3
    quiet_start: int = 19 * 60
    quiet_end: int = 8 * 60
    celebration_channel: str | None = None
    digest_channel: str | None = None
    milestones: tuple[int, ...] = (50, 100)
    digest_weekday: int = 4
    digest_minute: int = 16 * 60
    words: Words = field(default_factory=Words)
    close_reminder_days: int = 7

    @property
    def fiscal_start_name(self) -> str:
        return MONTHS[self.fiscal_year_start_month - 1]

    def fields(self) -> dict[str, Any]:
        """As the audit trail records them."""
        return {
            "fiscal_year_start_month": self.fiscal_year_start_month,
            "time_zone": self.time_zone,
            "max_active_objectives": self.max_active_objectives,
            "checkin_weekday": self.checkin_weekday,
            "checkin_minute": self.checkin_minute,
            "cadence": self.cadence,
            "reminder_hours": self.reminder_hours,
            "skip_recent_days": self.skip_recent_days,
            "quiet_start": self.quiet_start,
            "quiet_end": self.quiet_end,
            "celebration_channel": self.celebration_channel,
            "digest_channel": self.digest_channel,
            "milestones": list(self.milestones),
            "digest_weekday": self.digest_weekday,
            "digest_minute": self.digest_minute,
            "words": self.words.fields(),
            "close_reminder_days": self.close_reminder_days,
        }


def stored_choices(workspace: Workspace) -> Choices:
    return Choices(
        workspace.fiscal_year_start_month,
        workspace.time_zone,
        workspace.max_active_objectives,
        workspace.checkin_weekday,
        workspace.checkin_minute,
        workspace.checkin_cadence,
        workspace.reminder_hours,
        workspace.skip_recent_days,
        workspace.quiet_start_minute,
        workspace.quiet_end_minute,
        workspace.celebration_channel_id,
        workspace.digest_channel_id,
        milestones_of(workspace.milestones),
        workspace.digest_weekday,
        workspace.digest_minute,
        words_of(workspace),
        workspace.close_reminder_days,
    )


def milestones_of(stored: str) -> tuple[int, ...]:
    """The milestones as stored ("50,100"), in order; anything unreadable is left out."""
    return tuple(sorted({int(part) for part in stored.split(",") if part.strip().isdigit()}))


def apply(choices: Choices, workspace: Workspace) -> None:
    """Write the settings to the workspace's row."""
    workspace.fiscal_year_start_month = choices.fiscal_year_start_month
    workspace.max_active_objectives = choices.max_active_objectives
    workspace.time_zone = choices.time_zone
    workspace.checkin_weekday = choices.checkin_weekday
    workspace.checkin_minute = choices.checkin_minute
    workspace.checkin_cadence = choices.cadence
    workspace.reminder_hours = choices.reminder_hours
    workspace.skip_recent_days = choices.skip_recent_days
    workspace.quiet_start_minute = choices.quiet_start
    workspace.quiet_end_minute = choices.quiet_end
    workspace.celebration_channel_id = choices.celebration_channel
    workspace.digest_channel_id = choices.digest_channel
    workspace.milestones = ",".join(str(m) for m in choices.milestones)
    workspace.digest_weekday = choices.digest_weekday
    workspace.digest_minute = choices.digest_minute
    workspace.word_okr = choices.words.okr
    workspace.word_objective = choices.words.objective
    workspace.word_key_result = choices.words.key_result
    workspace.close_reminder_days = choices.close_reminder_days


def picked(view: dict[str, Any], stored: Choices) -> tuple[Choices, FormErrors]:
    """What the modal's state holds; a field without a valid pick keeps `stored`, with an error."""
    values = state_values(view)
    choices, errors = stored, {}
    month = _number(
        selected(values, action_ids.SETTINGS_FISCAL_START),
        range(1, 13),
    )
    if month is None:
        errors[action_ids.SETTINGS_FISCAL_START] = "Pick the month your fiscal year starts in."
    else:
        choices = replace(choices, fiscal_year_start_month=month)
    zone = selected(values, action_ids.SETTINGS_TIME_ZONE)
    if zone is None or not is_zone(zone):
        errors[action_ids.SETTINGS_TIME_ZONE] = (
            "Pick a time zone from the list: type a city, like Lisbon or Chicago."
        )
    else:
        choices = replace(choices, time_zone=zone)
    limit = _number(selected(values, FOCUS_LIMIT), FOCUS_LIMITS)
    if limit is None:
        errors[FOCUS_LIMIT] = (
            f"Pick a number from {FOCUS_LIMITS[0]} to {FOCUS_LIMITS[-1]}: "
            "the most active objectives one person should own in a cycle."
        )
    else:
        choices = replace(choices, max_active_objectives=limit)
    choices = _prompts_picked(values, choices, errors)
    days = _typed_number(values, CLOSE_REMINDER_DAYS, CLOSE_REMINDER_RANGE)
    if days is None:
        errors[CLOSE_REMINDER_DAYS] = (
            "Type a whole number of days from 0 to 30, like 7; 0 sends no close reminder."
        )
    else:
        choices = replace(choices, close_reminder_days=days)
    choices = replace(choices, **celebrations_picked(values, choices.words, errors))
    return choices, errors


def _prompts_picked(values: dict[str, Any], choices: Choices, errors: FormErrors) -> Choices:
    """The check-in prompt settings; each field without a valid value keeps `choices`' own."""
    day = _number(selected(values, CHECKIN_DAY), range(7))
    if day is None:
        errors[CHECKIN_DAY] = "Pick the day of the week prompts are sent on."
    else:
        choices = replace(choices, checkin_weekday=day)
    minute = picked_time(values, CHECKIN_TIME)
    if minute is None:
        errors[CHECKIN_TIME] = "Pick the time prompts are sent at, like 09:00."
    else:
        choices = replace(choices, checkin_minute=minute)
    cadence = selected(values, CADENCE)
    if cadence not in CADENCE_LABELS:
        errors[CADENCE] = "Pick how often people are asked to check in."
    else:
        choices = replace(choices, cadence=cadence)
    hours = _typed_number(values, REMINDER_HOURS, REMINDER_RANGE)
    if hours is None:
        errors[REMINDER_HOURS] = (
            "Type a whole number of hours from 0 to 168, like 24; 0 turns reminders off."
        )
    else:
        choices = replace(choices, reminder_hours=hours)
    days = _typed_number(values, SKIP_RECENT_DAYS, SKIP_RANGE)
    if days is None:
        errors[SKIP_RECENT_DAYS] = (
            "Type a whole number of days from 0 to 30, like 3; 0 always sends the prompt."
        )
    else:
        choices = replace(choices, skip_recent_days=days)
    start, end = picked_time(values, QUIET_START), picked_time(values, QUIET_END)
    for block, quiet in ((QUIET_START, start), (QUIET_END, end)):
        if quiet is None:
            errors[block] = "Pick a time, like 19:00 and 08:00; the same time twice means none."
    return replace(
        choices,
        quiet_start=choices.quiet_start if start is None else start,
        quiet_end=choices.quiet_end if end is None else end,
    )


def _typed_number(values: dict[str, Any], block: str, allowed: range) -> int | None:
    return _number(typed(values, block).strip(), allowed)


def _number(value: str | None, allowed: range) -> int | None:
    number = parse_id(value)
    return number if number in allowed else None
