"""The settings modal, its confirmation and the time zone options, rendered (refusals:
bot/refusals.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot import action_ids
from bot.ids import metadata_text
from bot.presentation import WEEKDAYS, clock_time, is_slack_id, mention
from bot.render import render
from bot.workspace_settings import celebrations_form as celebrations
from bot.workspace_settings import settings_form, zones
from bot.workspace_settings.editor import Form, SettingsSaved

IDS = {
    "callback": action_ids.SETTINGS_VIEW,
    "fiscal_start": action_ids.SETTINGS_FISCAL_START,
    "time_zone": action_ids.SETTINGS_TIME_ZONE,
    "focus_limit": settings_form.FOCUS_LIMIT,
    "close_reminder_days": settings_form.CLOSE_REMINDER_DAYS,
    "checkin_day": settings_form.CHECKIN_DAY,
    "checkin_time": settings_form.CHECKIN_TIME,
    "cadence": settings_form.CADENCE,
    "reminder_hours": settings_form.REMINDER_HOURS,
    "skip_recent_days": settings_form.SKIP_RECENT_DAYS,
    "quiet_start": settings_form.QUIET_START,
    "quiet_end": settings_form.QUIET_END,
    "milestones": celebrations.MILESTONES,
    "digest_day": celebrations.DIGEST_DAY,
    "digest_time": celebrations.DIGEST_TIME,
}
DEFAULT_FOCUS_LIMIT = 3
CELEBRATION_HINT = (
    "Milestone shout-outs of personal and company objectives are posted here; a team "
    "objective's go to its own channel. Empty: none in a channel."
)
DIGEST_HINT = "The weekly team digest is posted here. Empty: only in team objectives' channels."
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


def form_view(shown: Form, now: datetime, *, bot_user_id: str = "") -> dict[str, Any]:
    view: dict[str, Any] = render("settings_modal", **form_context(shown, now, bot_user_id))
    return view


def form_context(shown: Form, now: datetime, bot_user_id: str = "") -> dict[str, Any]:
    choices = shown.choices
    return {
        **_celebrations_context(choices, bot_user_id),
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


def _celebrations_context(choices: settings_form.Choices, bot_user_id: str) -> dict[str, Any]:
    words = choices.words
    return {
        "channel_fields": [
            (celebrations.CELEBRATION_CHANNEL, "Celebration channel", CELEBRATION_HINT),
            (celebrations.DIGEST_CHANNEL, "Digest channel", DIGEST_HINT),
        ],
        "choices_channels": {
            block: channel if channel and is_slack_id(channel, "CG") else None
            for block, channel in (
                (celebrations.CELEBRATION_CHANNEL, choices.celebration_channel),
                (celebrations.DIGEST_CHANNEL, choices.digest_channel),
            )
        },
        "milestones": [(str(m), f"{m} %") for m in celebrations.MILESTONE_CHOICES],
        "ticked": [
            (str(m), f"{m} %") for m in celebrations.MILESTONE_CHOICES if m in choices.milestones
        ],
        "word_fields": [
            (celebrations.WORD_OKR, "What you call an OKR", words.okr),
            (celebrations.WORD_OBJECTIVE, "What you call an objective", words.objective),
            (celebrations.WORD_KEY_RESULT, "What you call a key result", words.key_result),
        ],
        "bot": _bot(bot_user_id),
    }


def _bot(bot_user_id: str) -> str:
    """The bot as `/invite` takes it: a mention shows its name as the workspace sees it."""
    return mention(bot_user_id) if is_slack_id(bot_user_id, "UW") else "@okr"


def saved_view(
    saved: SettingsSaved, unreachable: Sequence[str] = (), bot_user_id: str = ""
) -> dict[str, Any]:
    """The confirmation; `unreachable`: the picked channels the bot was found unable to post in."""
    context = saved_context(saved, unreachable, bot_user_id)
    view: dict[str, Any] = render("settings_saved", **context)
    return view


def saved_context(
    saved: SettingsSaved, unreachable: Sequence[str] = (), bot_user_id: str = ""
) -> dict[str, Any]:
    changed = saved.changed
    return dict(
        saved=saved,
        unreachable=list(unreachable),
        bot=_bot(bot_user_id),
        celebrations_changed=bool(changed & {"celebration_channel", "milestones"}),
        digest_changed=bool(changed & {"digest_channel", "digest_weekday", "digest_minute"}),
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
