"""The modal round-trips: what it shows is what comes back, and its hidden data is checked."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot.cycles import quarter_of
from bot.objectives.filled_form import (
    FormError,
    KeyResultDraft,
    ObjectiveDraft,
    ParentChoice,
    draft_from_view,
)
from bot.objectives.modal import form_view, new_draft

CURRENT = quarter_of(date(2026, 11, 16))


def state_shown_by(view: dict[str, Any]) -> dict[str, Any]:
    """What Slack would report if the person submitted the modal untouched."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block.get("element")
        if block["type"] != "input" or element is None:
            continue
        entry: dict[str, Any] = {"type": element["type"]}
        if element["type"] == "plain_text_input":
            entry["value"] = element.get("initial_value")
        elif element["type"] in {"static_select", "external_select", "radio_buttons"}:
            entry["selected_option"] = element.get("initial_option")
        elif element["type"] == "users_select":
            entry["selected_user"] = element.get("initial_user")
        elif element["type"] == "conversations_select":
            entry["selected_conversation"] = element.get("initial_conversation")
        elif element["type"] == "datepicker":
            entry["selected_date"] = element.get("initial_date")
        elif element["type"] == "checkboxes":
            entry["selected_options"] = element.get("initial_options", [])
        values[block["block_id"]] = {element["action_id"]: entry}
    return values


def full_draft() -> ObjectiveDraft:
    draft = ObjectiveDraft(
        owner_id="U2",
        cycle="2026-Q4",
        objective_id=12,
        title="Delight customers",
        description="Why it matters",
        level="team",
        channel_id="C0TEAM",
        channel_shown=True,
        parent=ParentChoice(3, "🏢 Win the market"),
        visibility="private",
        celebrate_quietly=True,
        next_key=9,
    )
    draft.key_results = [
        KeyResultDraft(2, 21, 4, "Raise NPS", "increase", "20", "40", "", None),
        KeyResultDraft(5, 22, 0, "Keep uptime", "stay_above", "", "99.9", "%", "2026-12-01"),
        KeyResultDraft(8, None, 0, "Ship it", "milestone", "", "", "", None),
    ]
    return draft


def test_the_modal_round_trips_a_draft() -> None:
    draft = full_draft()
    view = form_view(draft, [CURRENT], CURRENT)
    view["state"] = {"values": state_shown_by(view)}
    assert draft_from_view(view) == draft


def test_a_new_draft_has_one_key_result_and_grows_to_five() -> None:
    draft = new_draft("U1", "2026-Q4")
    assert [kr.key for kr in draft.key_results] == [1]
    for _ in range(6):
        draft.add_key_result()
    assert [kr.key for kr in draft.key_results] == [1, 2, 3, 4, 5]
    draft.remove_key_result(3)
    draft.add_key_result()
    assert [kr.key for kr in draft.key_results] == [1, 2, 4, 5, 6], "keys are never reused"


def test_the_last_key_result_cannot_be_removed() -> None:
    draft = new_draft("U1", "2026-Q4")
    draft.remove_key_result(1)
    assert len(draft.key_results) == 1


@pytest.mark.parametrize(
    "metadata",
    [
        "",
        "not json",
        '{"o": null, "k": [], "n": 1}',
        '{"o": null, "k": [[1, null, 0], [1, null, 0]], "n": 2}',
        '{"o": "12", "k": [[1, null, 0]], "n": 2}',
        '{"o": null, "k": [[1, null, 0]] , "n": true}',
        json.dumps({"o": None, "k": [[k, None, 0] for k in range(1, 7)], "n": 7}),
    ],
)
def test_forged_hidden_data_is_refused(metadata: str) -> None:
    with pytest.raises(FormError):
        draft_from_view({"private_metadata": metadata, "state": {"values": {}}})
