"""The objective modal, rendered from a draft: what was typed comes back as initial values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bot import action_ids
from bot.cycles import Quarter
from bot.objectives import cycle_picker
from bot.objectives.authoring import version
from bot.objectives.filled_form import (
    CELEBRATE,
    CHANNEL,
    CYCLE,
    DESCRIPTION,
    KEY_RESULT_FIELDS,
    MAX_KEY_RESULTS,
    OWNER,
    TITLE,
    VISIBILITY,
    KeyResultDraft,
    ObjectiveDraft,
    ParentChoice,
    kr_action,
    kr_block,
    metadata,
)
from bot.objectives.list_items import KIND_LABELS, LEVEL_LABELS
from bot.objectives.units import stored_unit
from bot.render import render
from storage.models import Objective

VALUE_LABELS = {
    "increase": ("From (today's value)", "To (target)"),
    "decrease": ("From (today's value)", "Down to (target)"),
    "stay_above": ("Today's value", "Stay above"),
    "stay_below": ("Today's value", "Stay below"),
}
# A stored key result's start is where it started, not today's value: its check-ins say that,
# and typing today's value there would move its start and so its progress.
STORED_START_LABELS = {
    "increase": "From (where it started)",
    "decrease": "From (where it started)",
    "stay_above": "Value when it was set",
    "stay_below": "Value when it was set",
}


def new_draft(owner_id: str, cycle: str) -> ObjectiveDraft:
    draft = ObjectiveDraft(owner_id=owner_id, cycle=cycle)
    draft.add_key_result()
    return draft


def draft_of(
    objective: Objective, cycle: Quarter, parent: ParentChoice | None, history: dict[int, int]
) -> ObjectiveDraft:
    """The form filled in with what is stored, for editing."""
    draft = ObjectiveDraft(
        objective_id=objective.id,
        owner_id=objective.owner_id,
        cycle=cycle.name,
        title=objective.title,
        description=objective.description,
        level=objective.level,
        channel_id=objective.team_channel_id,
        parent=parent,
        visibility=objective.visibility,
        celebrate_quietly=objective.celebrate_quietly,
        version=version(objective),
    )
    for key, kr in enumerate(objective.key_results, start=1):
        unit = stored_unit(kr.unit_kind, kr.unit)
        draft.key_results.append(
            KeyResultDraft(
                key=key,
                id=kr.id,
                history=history.get(kr.id, 0),
                title=kr.title,
                kind=kr.kind,
                start=_typed(kr.start_value),
                target=_typed(kr.target_value),
                unit=unit.label,
                # Due at the end of the cycle stays "empty", so it follows a change of cycle.
                due_on=None if kr.due_on in (None, cycle.ends_on) else _iso(kr.due_on),
            )
        )
    draft.next_key = len(draft.key_results) + 1
    return draft


def _typed(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{value:.0f}"
    return format(Decimal(repr(value)), "f")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# The ids of the form's fields, as bot/objectives/filled_form.py reads them back on submission.
FIELDS = {
    "title": TITLE,
    "description": DESCRIPTION,
    "level": action_ids.OBJECTIVE_LEVEL,
    "channel": CHANNEL,
    "owner": OWNER,
    "cycle": CYCLE,
    "parent": action_ids.OBJECTIVE_PARENT,
    "visibility": VISIBILITY,
    "celebrate": CELEBRATE,
    **{f"kr_{name}": kr_action(name) for name in KEY_RESULT_FIELDS},
}


def form_view(
    draft: ObjectiveDraft, choices: list[Quarter], current: Quarter, carried_from: str = ""
) -> dict[str, Any]:
    """The modal for `draft`, with the cycles on offer (and where it was carried from)."""
    context = form_context(draft, choices, current, carried_from)
    view: dict[str, Any] = render("objective_modal", **context)
    return view


def form_context(
    draft: ObjectiveDraft, choices: list[Quarter], current: Quarter, carried_from: str = ""
) -> dict[str, Any]:
    return {
        "carried_from": carried_from,
        "metadata": metadata(draft),
        "fields": FIELDS,
        "kr_block": kr_block,
        "draft": draft,
        "editing": draft.objective_id is not None,
        "levels": list(LEVEL_LABELS.items()),
        "kinds": list(KIND_LABELS.items()),
        "cycles": [(q.name, cycle_picker.describe(q, current)) for q in choices],
        "key_results": [_key_result(kr, n) for n, kr in enumerate(draft.key_results, start=1)],
        "removable": len(draft.key_results) > 1,
        "can_add": len(draft.key_results) < MAX_KEY_RESULTS,
    }


def _key_result(kr: KeyResultDraft, number: int) -> dict[str, Any]:
    labels = VALUE_LABELS.get(kr.kind)
    return {
        "draft": kr,
        "number": number,
        "numeric": labels is not None,
        "start_label": (STORED_START_LABELS[kr.kind] if kr.id else labels[0]) if labels else "",
        "start_optional": kr.kind in {"stay_above", "stay_below"},
        "target_label": labels[1] if labels else "",
    }
