"""What a person is due at `now`: a prompt, a snoozed prompt again, a reminder, or why not.
Pure: it reads the stored person and what was queued, and returns a decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.delivery.outgoing import key
from bot.prompts import schedule
from bot.prompts.away import is_away
from bot.prompts.schedule import Period, Rule
from storage.models import Person, Workspace
from storage.prompts import Candidate

# Why nothing was queued for someone who was due, in the order they are checked.
REASONS = ("off", "paused", "away", "quiet", "recent")

# Someone asked: the stored person, or the plain values the job reads of them (a candidate).
Prompted = Person | Candidate


def rule_for(workspace: Workspace, person: Prompted | None = None) -> Rule:
    """The workspace's schedule, with the person's own day and time when they chose one."""
    weekday, minute = workspace.checkin_weekday, workspace.checkin_minute
    if person is not None and person.prompt_weekday is not None:
        weekday = person.prompt_weekday
    if person is not None and person.prompt_minute is not None:
        minute = person.prompt_minute
    return Rule(
        weekday=weekday,
        minute=minute,
        cadence=workspace.checkin_cadence,
        quiet_start=workspace.quiet_start_minute,
        quiet_end=workspace.quiet_end_minute,
        reminder_hours=workspace.reminder_hours,
    )


@dataclass(frozen=True)
class Decision:
    """`send` is prompt, repeat or reminder, or None; `reason` says why a due one was held."""

    period: Period
    send: str | None = None
    reason: str | None = None


def _wanted(
    rule: Rule,
    zone: ZoneInfo,
    person: Prompted,
    period: Period,
    asked: dict[str, datetime],
    last_check_in: datetime | None,
    now: datetime,
) -> tuple[str | None, datetime | None]:
    """What is due by the clock alone, and the latest prompt of the period."""
    prompt_key = key("prompt", person.user_id, period.key)
    prompts = [at for k, at in asked.items() if k.startswith(prompt_key)]
    local = now.astimezone(zone)
    if prompt_key not in asked:
        due_today = period.due <= local and local.date() == period.due.date()
        return ("prompt" if due_today else None), None
    latest = max(prompts)
    if last_check_in is not None and last_check_in >= latest:
        return None, latest  # checked in since the prompt: nothing more to ask
    snoozed = person.snoozed_until
    if (
        snoozed is not None
        and schedule.repeat_due(rule, snoozed, zone, now)
        and key("prompt", person.user_id, repeat_period(period, snoozed, zone)) not in asked
    ):
        return "repeat", latest
    if snoozed is not None and snoozed > now:
        return None, latest  # snoozed: the prompt comes again then, and no reminder before it
    if person.skipped_period == period.key or key("reminder", person.user_id, period.key) in asked:
        return None, latest
    when = schedule.reminder_at(rule, period, latest)
    if when is not None and when <= local and local.date() < period.next_starts_on:
        return "reminder", latest
    return None, latest


def repeat_period(period: Period, snoozed_until: datetime, zone: ZoneInfo) -> str:
    """The key's period of a snoozed prompt sent again: the period and that local day."""
    return f"{period.key}+{snoozed_until.astimezone(zone).date().isoformat()}"


def decide(
    workspace: Workspace,
    person: Prompted,
    zone: ZoneInfo,
    asked: dict[str, datetime],
    last_check_in: datetime | None,
    now: datetime,
) -> Decision:
    rule = rule_for(workspace, person)
    period = schedule.period_of(rule, zone, now)
    wanted, _ = _wanted(rule, zone, person, period, asked, last_check_in, now)
    if wanted is None:
        return Decision(period)
    recent = now - timedelta(days=workspace.skip_recent_days)
    checks = (
        ("off", person.prompts_off),
        ("paused", person.paused_until is not None and person.paused_until > now),
        (
            "away",
            is_away(person.status_emoji, person.status_text, person.status_expiration, now),
        ),
        ("quiet", schedule.is_quiet(rule, now.astimezone(zone))),
        (
            "recent",
            wanted == "prompt"
            and workspace.skip_recent_days > 0
            and last_check_in is not None
            and last_check_in >= recent,
        ),
    )
    for reason, holds in checks:
        if holds:
            return Decision(period, reason=reason)
    return Decision(period, send=wanted)
