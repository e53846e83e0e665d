"""The objective form as the person filled it in, read from (and kept in) the modal.

Each key result has a key that stays the same while the modal is open, so that its block ids
do not shift when another key result is removed: Slack keeps what was typed per block id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bot import action_ids
from bot.cycles import cycle_name
from bot.ids import metadata_object, metadata_text, parse_id, state_values, ticked

LEVELS = ("personal", "team", "company")
VISIBILITIES = ("public", "private")
MAX_KEY_RESULTS = 5

TITLE = "objective_title"
DESCRIPTION = "objective_description"
CHANNEL = "objective_channel"
OWNER = "objective_owner"
CYCLE = "objective_cycle"
VISIBILITY = "objective_visibility"
CELEBRATE = "objective_celebrate"
QUIETLY = "quietly"  # the value of the Celebrate quietly box
KEY_RESULT_FIELDS = ("title", "kind", "start", "target", "unit", "due")


def kr_block(key: int, name: str) -> str:
    """The block id of one field of one key result: `kr3_target`."""
    return f"kr{key}_{name}"


def kr_action(name: str) -> str:
    """The action id of a key result field, the same in every key result: `kr_kind`."""
    return f"kr_{name}"


class FormError(ValueError):
    """The modal's hidden data is not what the bot wrote: a forged or corrupted submission."""


@dataclass
class ParentChoice:
    id: int | None  # None: the option names no id a row could have (refused as unknown)
    label: str


@dataclass
class KeyResultDraft:
    key: int
    id: int | None = None  # the stored key result, when editing
    history: int = 0  # how many check-ins removing it would drop
    title: str = ""
    kind: str = "increase"
    start: str = ""
    target: str = ""
    unit: str = ""
    due_on: str | None = None  # YYYY-MM-DD; None is the end of the cycle


@dataclass
class ObjectiveDraft:
    owner_id: str
    cycle: str
    objective_id: int | None = None
    title: str = ""
    description: str = ""
    level: str = "personal"
    channel_id: str | None = None
    channel_shown: bool = False
    parent: ParentChoice | None = None
    visibility: str = "public"
    celebrate_quietly: bool = False
    key_results: list[KeyResultDraft] = field(default_factory=list)
    next_key: int = 1
    version: str = ""  # of the objective as the edit form was opened (writing.version)

    def add_key_result(self) -> None:
        if len(self.key_results) < MAX_KEY_RESULTS:
            self.key_results.append(KeyResultDraft(key=self.next_key))
            self.next_key += 1

    def remove_key_result(self, key: int) -> None:
        if len(self.key_results) > 1:
            self.key_results = [kr for kr in self.key_results if kr.key != key]


def metadata(draft: ObjectiveDraft) -> str:
    """What the modal carries between requests: ids only, re-checked on every submission."""
    slots = [[kr.key, kr.id, kr.history] for kr in draft.key_results]
    return json.dumps(
        {"o": draft.objective_id, "k": slots, "n": draft.next_key, "v": draft.version}
    )


def _int(value: Any) -> int:
    number = parse_id(value) if isinstance(value, int) else None
    if number is None:
        raise FormError(f"expected an id, got {value!r}")
    return number


def _slots(raw: str) -> tuple[int | None, list[KeyResultDraft], int, str]:
    try:
        data = metadata_object(raw)
        objective_id = None if data["o"] is None else _int(data["o"])
        slots = [
            KeyResultDraft(key=_int(k), id=None if i is None else _int(i), history=_int(h))
            for k, i, h in data["k"]
        ]
        next_key = _int(data["n"])
        version = data.get("v") or ""
    except (ValueError, KeyError, TypeError) as exc:
        raise FormError(f"unreadable private_metadata: {exc}") from exc
    keys = [kr.key for kr in slots]
    if not 1 <= len(slots) <= MAX_KEY_RESULTS or len(set(keys)) != len(keys):
        raise FormError("the form must hold one to five distinct key results")
    if not isinstance(version, str):
        raise FormError("unreadable version in private_metadata")
    return objective_id, slots, next_key, version


def draft_from_view(view: dict[str, Any]) -> ObjectiveDraft:
    """Everything the person typed, as text: checking it is validation's job."""
    objective_id, slots, next_key, version = _slots(metadata_text(view))
    values = state_values(view)
    state = _State(values)
    parent = state.option(action_ids.OBJECTIVE_PARENT, action_ids.OBJECTIVE_PARENT)
    draft = ObjectiveDraft(
        objective_id=objective_id,
        owner_id=state.get(OWNER, OWNER, "selected_user") or "",
        cycle=cycle_name(_value(state.option(CYCLE, CYCLE))) or "",
        title=state.text(TITLE, TITLE),
        description=state.text(DESCRIPTION, DESCRIPTION),
        level=_value(state.option(action_ids.OBJECTIVE_LEVEL, action_ids.OBJECTIVE_LEVEL))
        or "personal",
        channel_id=state.get(CHANNEL, CHANNEL, "selected_conversation"),
        channel_shown=any(b.get("block_id") == CHANNEL for b in view.get("blocks", [])),
        parent=_parent(parent),
        visibility=_value(state.option(VISIBILITY, VISIBILITY)) or "public",
        celebrate_quietly=QUIETLY in ticked(values, CELEBRATE, CELEBRATE),
        next_key=next_key,
        version=version,
    )
    for kr in slots:
        kr.title = state.text(kr_block(kr.key, "title"), kr_action("title"))
        kr.kind = _value(state.option(kr_block(kr.key, "kind"), kr_action("kind"))) or "increase"
        kr.start = state.text(kr_block(kr.key, "start"), kr_action("start"))
        kr.target = state.text(kr_block(kr.key, "target"), kr_action("target"))
        kr.unit = state.text(kr_block(kr.key, "unit"), kr_action("unit"))
        kr.due_on = state.get(kr_block(kr.key, "due"), kr_action("due"), "selected_date")
        draft.key_results.append(kr)
    return draft


def _value(option: dict[str, Any] | None) -> str:
    return str(option.get("value") or "") if option else ""


def _parent(option: dict[str, Any] | None) -> ParentChoice | None:
    value = _value(option)
    if not value or option is None:
        return None
    return ParentChoice(parse_id(value), str(option.get("text", {}).get("text", "")))


@dataclass
class _State:
    values: dict[str, Any]

    def get(self, block: str, action: str, key: str) -> Any:
        entry = self.values.get(block, {}).get(action) or {}
        return entry.get(key)

    def text(self, block: str, action: str) -> str:
        return str(self.get(block, action, "value") or "")

    def option(self, block: str, action: str) -> dict[str, Any] | None:
        option = self.get(block, action, "selected_option")
        return option if isinstance(option, dict) else None
