"""Filling in the objective modal the way Slack reports it: state values keyed by block id."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from tests.bot_fixtures import RunningBot
from tests.slack_requests import (
    channel_value,
    date_value,
    radio_value,
    select_value,
    text_value,
    user_value,
)

_KR_TITLE = re.compile(r"^kr(\d+)_title$")


@dataclass
class KRForm:
    title: str = "Raise NPS from 30 to 45"
    kind: str = "increase"
    start: str | None = "30"
    target: str | None = "45"
    unit: str | None = None
    due: str | None = None


@dataclass
class ObjectiveForm:
    title: str = "Delight our customers"
    description: str | None = None
    level: str = "personal"
    channel: str | None = None
    owner: str = "U1"
    cycle: str | None = None  # None keeps the modal's initial cycle
    parent: tuple[int, str] | None = None
    visibility: str = "public"
    celebrate_quietly: bool = False
    key_results: list[KRForm] = field(default_factory=lambda: [KRForm()])


def block_ids(view: dict[str, Any]) -> list[str]:
    return [block.get("block_id", "") for block in view["blocks"]]


def kr_keys(view: dict[str, Any]) -> list[int]:
    """The keys of the key results in the modal, in order."""
    return [int(m[1]) for b in block_ids(view) if (m := _KR_TITLE.match(b))]


def initial_cycle(view: dict[str, Any]) -> str:
    block = next(b for b in view["blocks"] if b.get("block_id") == "objective_cycle")
    return str(block["element"]["initial_option"]["value"])


def values(view: dict[str, Any], form: ObjectiveForm) -> dict[str, dict[str, dict[str, Any]]]:
    """The state Slack sends for `form` typed into `view` (its key results, by position)."""
    state: dict[str, dict[str, dict[str, Any]]] = {
        "objective_title": {"objective_title": text_value(form.title)},
        "objective_description": {"objective_description": text_value(form.description or "")},
        "objective_level": {"objective_level": radio_value(form.level)},
        "objective_owner": {"objective_owner": user_value(form.owner)},
        "objective_cycle": {"objective_cycle": select_value(form.cycle or initial_cycle(view))},
        "objective_parent": {"objective_parent": _parent(form.parent)},
        "objective_visibility": {"objective_visibility": radio_value(form.visibility)},
        "objective_celebrate": {"objective_celebrate": _quietly(form.celebrate_quietly)},
    }
    if form.description is None:
        state["objective_description"]["objective_description"]["value"] = None
    if "objective_channel" in block_ids(view) or form.channel:
        state["objective_channel"] = {"objective_channel": channel_value(form.channel)}
    for key, kr in zip(kr_keys(view), form.key_results, strict=False):
        state[f"kr{key}_title"] = {"kr_title": text_value(kr.title)}
        state[f"kr{key}_kind"] = {"kr_kind": select_value(kr.kind)}
        for name in ("start", "target", "unit"):
            typed = getattr(kr, name)
            if typed is not None:
                state[f"kr{key}_{name}"] = {f"kr_{name}": text_value(typed)}
        state[f"kr{key}_due"] = {"kr_due": date_value(kr.due)}
    return state


def _quietly(ticked: bool) -> dict[str, Any]:
    options = [{"text": {"type": "plain_text", "text": "Quietly"}, "value": "quietly"}]
    return {"type": "checkboxes", "selected_options": options if ticked else []}


def _parent(parent: tuple[int, str] | None) -> dict[str, Any]:
    if parent is None:
        return {"type": "external_select", "selected_option": None}
    return {
        "type": "external_select",
        "selected_option": {
            "text": {"type": "plain_text", "text": parent[1]},
            "value": str(parent[0]),
        },
    }


def with_state(view: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """The view as Slack sends it back in an interaction: with what was typed so far."""
    sent = copy.deepcopy(view)
    sent["state"] = {"values": state}
    return sent


def open_new(bot: RunningBot, text: str = "", *, user: str = "U1") -> dict[str, Any]:
    """`/okr new`, and the modal Slack opened (with its id and hash)."""
    before = len(bot.slack.calls_to("views.open"))
    assert bot.command(f"new {text}".strip(), user=user).status == 200
    call = bot.slack.wait_for("views.open", count=before + 1)[-1]
    assert call.response["ok"], call.response
    view: dict[str, Any] = call.response["view"]
    return view


def latest_update(bot: RunningBot, count: int = 1) -> dict[str, Any]:
    """The modal as the bot last redrew it with views.update."""
    call = bot.slack.wait_for("views.update", count=count)[-1]
    assert call.response["ok"], call.response
    view: dict[str, Any] = call.response["view"]
    return view


def create(bot: RunningBot, form: ObjectiveForm, *, user: str = "U1") -> dict[str, Any]:
    """Open the modal, add key results as needed, pick the level, submit; the bot's answer."""
    view = open_new(bot, user=user)
    updates = 0
    while len(kr_keys(view)) < len(form.key_results):
        bot.click("objective_kr_add", "add", view=with_state(view, values(view, form)), user=user)
        updates += 1
        view = latest_update(bot, updates)
    if form.level == "team":
        bot.click(
            "objective_level",
            view=with_state(view, values(view, form)),
            user=user,
            block_id="objective_level",
            selected=radio_value("team"),
        )
        updates += 1
        view = latest_update(bot, updates)
    reply = bot.submit(view, values(view, form), user=user)
    assert reply.status == 200, reply.body
    answer: dict[str, Any] = reply.json()
    return answer
