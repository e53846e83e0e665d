"""The shout-out: where it goes (a channel, or the owner's DM), and what it says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.delivery.outgoing import Outgoing
from bot.presentation import goal_of, mention, value_of
from bot.progress import BACK_ON_TRACK_AFTER, key_result_progress
from bot.render import render
from bot.words import Words
from storage.models import KeyResult, Objective, Workspace

KIND = "celebration"
REACTION = "tada"
# Why a shout-out went to the owner alone rather than to a channel.
PRIVATE, QUIET, NO_CHANNEL = "private", "quiet", "no_channel"


@dataclass(frozen=True)
class Destination:
    """A channel id, or the owner's user id for a DM, and why it is a DM ("" for a channel)."""

    channel: str
    why_dm: str = ""


def destination(objective: Objective, workspace: Workspace) -> Destination:
    """A team objective celebrates in its own channel, personal and company ones in the
    celebration channel; private, quiet, or no channel to post in: the owner's DM."""
    if objective.visibility == "private":
        return Destination(objective.owner_id, PRIVATE)
    if objective.celebrate_quietly:
        return Destination(objective.owner_id, QUIET)
    own = objective.team_channel_id if objective.level == "team" else None
    channel = own or workspace.celebration_channel_id
    return Destination(channel, "") if channel else Destination(objective.owner_id, NO_CHANNEL)


@dataclass(frozen=True)
class Also:
    """Another key result of the same objective that reached a milestone in the same check-in."""

    title: str
    milestone: int


@dataclass(frozen=True)
class Shoutout:
    """What the template lays out."""

    owner: str  # a mention built by code
    objective_id: int
    objective_title: str
    key_result_title: str
    milestone: int
    objective_done: bool
    fraction: float
    value: str
    goal: str
    note: str
    back_on_track: bool
    also: Sequence[Also]
    why_dm: str

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)


def shoutout(
    key_result: KeyResult,
    *,
    milestone: int,
    objective_done: bool,
    note: str,
    back_on_track: bool,
    also: Sequence[Also],
    why_dm: str,
) -> Shoutout:
    objective = key_result.objective
    fraction = key_result_progress(
        key_result.kind, key_result.start_value, key_result.target_value, key_result.current_value
    ).fraction
    return Shoutout(
        owner=mention(objective.owner_id),
        objective_id=objective.id,
        objective_title=objective.title,
        key_result_title=key_result.title,
        milestone=milestone,
        objective_done=objective_done,
        fraction=fraction,
        value=value_of(key_result, key_result.current_value),
        goal=goal_of(key_result),
        note=note,
        back_on_track=back_on_track,
        also=also,
        why_dm=why_dm,
    )


def outgoing(shown: Shoutout, words: Words, where: Destination, *, period: str) -> Outgoing:
    """The shout-out as an outbox message, once per check-in batch (`period`), with its 🎉."""
    message = render("celebration", shout=shown, words=words, back_after=BACK_ON_TRACK_AFTER)
    return Outgoing(
        kind=KIND,
        recipient=where.channel,
        period=period,
        channel=where.channel,
        text=message["text"],
        blocks=message["blocks"],
        reaction=REACTION,
    )
