"""What people see after an action: confirmations and notices, rendered (refusals elsewhere)."""

from __future__ import annotations

from typing import Any

from bot.objectives.alignment import ParentOption
from bot.objectives.audience import USAGE, NotUnderstood
from bot.objectives.lifecycle import Done
from bot.objectives.submission import ObjectiveSaved
from bot.presentation import channel_link, mention
from bot.render import render


def saved_view(saved: ObjectiveSaved) -> dict[str, Any]:
    channel = channel_link(saved.team_channel_id) if saved.team_channel_id else None
    view: dict[str, Any] = render(
        "objective_saved", saved=saved, owner=mention(saved.owner_id), channel=channel
    )
    return view


def done_view(done: Done) -> dict[str, Any]:
    view: dict[str, Any] = render("objective_notice", kind=done.kind, title=done.title)
    return view


def done_message(done: Done) -> dict[str, Any]:
    message: dict[str, Any] = render("objective_message", kind=done.kind, title=done.title)
    return message


def owner_gone_message(saved: ObjectiveSaved) -> dict[str, Any]:
    """For the person who saved, when Slack says after the answer that the owner is gone."""
    message: dict[str, Any] = render(
        "objective_message",
        kind="owner_gone",
        title=saved.title,
        owner=mention(saved.owner_id),
        objective_id=saved.objective_id,
    )
    return message


def parent_options(options: list[ParentOption]) -> dict[str, Any]:
    answer: dict[str, Any] = render("objective_parent_options", options=options)
    return answer


def not_understood(problem: NotUnderstood) -> dict[str, Any]:
    message: dict[str, Any] = render("list_not_understood", problem=problem, usage=USAGE)
    return message
