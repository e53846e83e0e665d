"""A person's own check-in prompts: their day and time or off (`/okr prompts`, the Home tab),
pauses (`/okr pause`, `/okr resume`), and the prompt's Snooze and Skip buttons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import action_ids
from bot.ids import FormErrors, picked_time, selected, state_values
from bot.people import ensure_workspace, zone
from bot.presentation import WEEKDAYS, clock_time, local_moment
from bot.prompts import message, schedule
from bot.prompts.decision import rule_for
from bot.prompts.pauses import read_pause
from bot.render import render
from bot.words import words_of
from storage.models import Person

CHOICES = ("default", "own", "off")
CHOICE = "my_prompts_choice"
DAY = "my_prompts_day"
TIME = "my_prompts_time"


@dataclass(frozen=True)
class MyPrompts:
    """What the person has chosen, the workspace default, and when the next prompt comes."""

    choice: str  # default | own | off
    weekday: int
    minute: int
    default: str  # "Monday at 09:00, weekly"
    next_prompt: str  # "Monday 7 Dec at 09:00", or "" when off
    paused_until: str  # "" when not paused
    zone: str


def _schedule_text(weekday: int, minute: int, cadence: str) -> str:
    every = {"weekly": "every week", "biweekly": "every 2 weeks"}.get(
        cadence, "the first of each month"
    )
    return f"{WEEKDAYS[weekday]} at {clock_time(minute)}, {every}"


def my_prompts(session: Session, person: Person, now: datetime) -> MyPrompts:
    workspace = ensure_workspace(session, person.team_id, now)
    own_zone = zone(person.time_zone)
    rule = rule_for(workspace, person)
    choice = (
        "off" if person.prompts_off else "own" if person.prompt_weekday is not None else "default"
    )
    paused = person.paused_until is not None and person.paused_until > now
    upcoming = schedule.next_prompt(rule, own_zone, max(now, person.paused_until or now))
    return MyPrompts(
        choice=choice,
        weekday=rule.weekday,
        minute=rule.minute,
        default=_schedule_text(
            workspace.checkin_weekday, workspace.checkin_minute, workspace.checkin_cadence
        ),
        next_prompt="" if person.prompts_off else local_moment(upcoming),
        paused_until=local_moment(person.paused_until.astimezone(own_zone))
        if paused and person.paused_until
        else "",
        zone=person.time_zone,
    )


def modal(session: Session, person: Person, now: datetime) -> dict[str, Any]:
    view: dict[str, Any] = render(
        "my_prompts_modal",
        mine=my_prompts(session, person, now),
        weekdays=list(enumerate(WEEKDAYS)),
        ids={"callback": action_ids.MY_PROMPTS_VIEW, "choice": CHOICE},
        day_block=DAY,
        time_block=TIME,
        clock_time=clock_time,
    )
    return view


def save(
    session: Session, person: Person, *, view: dict[str, Any], now: datetime
) -> MyPrompts | FormErrors:
    """The person's choice from the modal, or errors on the fields at fault (nothing written)."""
    values = state_values(view)
    choice = selected(values, CHOICE)
    if choice not in CHOICES:
        return {CHOICE: "Pick one: the workspace's, your own, or off."}
    weekday = selected(values, DAY)
    minute = picked_time(values, TIME)
    if choice == "own":
        errors: FormErrors = {}
        if weekday not in {str(day) for day in range(7)}:
            errors[DAY] = "Pick the day you want your prompt on."
        if minute is None:
            errors[TIME] = "Pick the time you want your prompt at, like 09:00."
        if errors:
            return errors
        assert weekday is not None
        person.prompt_weekday, person.prompt_minute = int(weekday), minute
    else:
        person.prompt_weekday = person.prompt_minute = None
    person.prompts_off = choice == "off"
    session.flush()
    return my_prompts(session, person, now)


def saved_view(mine: MyPrompts) -> dict[str, Any]:
    view: dict[str, Any] = render("my_prompts_saved", mine=mine)
    return view


def _reply(state: str, mine: MyPrompts, **extra: Any) -> dict[str, Any]:
    reply: dict[str, Any] = render("prompts_reply", state=state, mine=mine, **extra)
    return reply


def pause(session: Session, person: Person, words: str, now: datetime) -> dict[str, Any]:
    """`/okr pause [until DATE | 2w]`: no words shows the pause; else pause, or say why not."""
    if not words.strip():
        return _reply("shown", my_prompts(session, person, now))
    wanted = read_pause(words, zone(person.time_zone), now)
    if wanted.until is None:
        return _reply(
            "problem", my_prompts(session, person, now), problem=wanted.problem, words=words
        )
    person.paused_until = wanted.until
    person.snoozed_until = None
    session.flush()
    return _reply("paused", my_prompts(session, person, now))


def resume(session: Session, person: Person, now: datetime) -> dict[str, Any]:
    """`/okr resume`: prompts again from the next one due."""
    was_paused = person.paused_until is not None and person.paused_until > now
    person.paused_until = None
    session.flush()
    return _reply("resumed" if was_paused else "not_paused", my_prompts(session, person, now))


def snooze(session: Session, person: Person, period: str, now: datetime) -> dict[str, Any]:
    """The prompt again tomorrow at this local time (the job holds it in quiet hours, away or
    paused); the prompt is updated to say so, with Check in still at hand."""
    workspace = ensure_workspace(session, person.team_id, now)
    own_zone = zone(person.time_zone)
    person.snoozed_until = schedule.tomorrow_same_time(own_zone, now)
    session.flush()
    again = local_moment(person.snoozed_until)
    return message.answered("snoozed", period=period, words=words_of(workspace), again=again)


def skip(session: Session, person: Person, period: str, now: datetime) -> dict[str, Any]:
    """No reminder this period; the prompt says when the next one comes."""
    workspace = ensure_workspace(session, person.team_id, now)
    own_zone = zone(person.time_zone)
    rule = rule_for(workspace, person)
    current = schedule.period_of(rule, own_zone, now)
    person.skipped_period = current.key
    person.snoozed_until = None
    session.flush()
    following = schedule.period_of(rule, own_zone, schedule.at(current.next_starts_on, 0, own_zone))
    return message.answered(
        "skipped", period=period, words=words_of(workspace), again=local_moment(following.due)
    )
