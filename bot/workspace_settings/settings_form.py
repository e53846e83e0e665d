"""The settings modal's fields, and reading what an admin picked in them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from typing import Any

from bot import action_ids
from bot.ids import FormErrors, parse_id, selected, state_values
from bot.workspace_settings.zones import is_zone
from storage.models import Workspace

FOCUS_LIMIT = "settings_focus_limit"

MONTHS = tuple(calendar.month_name[1:])
FOCUS_LIMITS = range(1, 11)


@dataclass(frozen=True)
class Choices:
    """The three settings, as stored or as picked in the modal."""

    fiscal_year_start_month: int
    time_zone: str
    max_active_objectives: int

    @property
    def fiscal_start_name(self) -> str:
        return MONTHS[self.fiscal_year_start_month - 1]

    def fields(self) -> dict[str, Any]:
        """As the audit trail records them."""
        return {
            "fiscal_year_start_month": self.fiscal_year_start_month,
            "time_zone": self.time_zone,
            "max_active_objectives": self.max_active_objectives,
        }


def stored_choices(workspace: Workspace) -> Choices:
    return Choices(
        workspace.fiscal_year_start_month,
        workspace.time_zone,
        workspace.max_active_objectives,
    )


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
    return choices, errors


def _number(value: str | None, allowed: range) -> int | None:
    number = parse_id(value)
    return number if number in allowed else None
