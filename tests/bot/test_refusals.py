"""One refusal type for every feature: each reason is put in its own words, as a message and as
a modal, valid Block Kit, with the person's text escaped."""

from __future__ import annotations

import json

import pytest

from bot.refusals import REASONS, About, Refusal, Refused, refuse, refused_message, refused_view
from tests.blockkit import MENTION_MARKERS, validate_message, validate_view
from tests.template_samples import HOSTILE
from tests.template_samples.settings import CALENDAR, Q4

EVERY_REASON = [(about, reason) for about, reasons in REASONS.items() for reason in reasons]


def refusal(about: About, reason: str, title: str = "Delight our customers") -> Refusal:
    shown = {"choices": CALENDAR, "preview": Q4} if about == "settings" else {}
    caught = refuse(
        about, reason, title=title, owner_id="U2", cycle="2026-Q3", current_cycle="2026-Q4", **shown
    )
    return caught.refusal


def words(payload: dict[str, object]) -> str:
    blocks = payload["blocks"]
    return " ".join(b["text"]["text"] for b in blocks if "text" in b)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("about", "reason"), EVERY_REASON)
def test_each_reason_renders_as_a_valid_message_and_modal(about: About, reason: str) -> None:
    refused = refusal(about, reason)
    message, view = refused_message(refused), refused_view(refused)
    validate_message(message)
    validate_view(view)
    assert message["response_type"] == "ephemeral"
    assert view["callback_id"] == "refusal"
    assert words(message) and words(view)


@pytest.mark.parametrize("about", list(REASONS))
def test_each_reason_of_a_feature_has_its_own_words(about: About) -> None:
    said = {reason: words(refused_message(refusal(about, reason))) for reason in REASONS[about]}
    assert len(set(said.values())) == len(said), said


@pytest.mark.parametrize(("about", "reason"), EVERY_REASON)
def test_the_persons_text_is_escaped(about: About, reason: str) -> None:
    refused = refusal(about, reason, title=HOSTILE)
    for payload in (refused_message(refused), refused_view(refused, title="Edit check-in")):
        rendered = json.dumps(payload)
        for marker in MENTION_MARKERS:
            assert marker not in rendered


def test_a_check_in_not_found_offers_the_check_in_form() -> None:
    for payload in (
        refused_message(refusal("check-in", "not_found")),
        refused_view(refusal("check-in", "not_found")),
    ):
        (actions,) = [b for b in payload["blocks"] if b["type"] == "actions"]
        assert [e["action_id"] for e in actions["elements"]] == ["checkin_mine"]


def test_the_owner_is_named_when_only_they_may_act() -> None:
    for about in ("check-in", "objective"):
        assert "<@U2>" in words(refused_message(refusal(about, "not_yours")))


def test_a_settings_refusal_shows_the_settings_as_they_are() -> None:
    message = refused_message(refusal("settings", "not_admin"))
    view = refused_view(refusal("settings", "not_described"))
    assert "Only workspace admins and owners" in words(message)
    assert "The settings now:" in words(message)
    assert "Slack has not told me yet" in words(view)
    assert "Nothing was changed." in words(view)
    assert "Fiscal year starts in *January*" in words(view)
    assert view["title"]["text"] == "Workspace settings"


def test_an_unknown_reason_is_a_mistake_in_the_code() -> None:
    with pytest.raises(AssertionError):
        refuse("objective", "deleted")
    assert isinstance(refuse("check-in", "deleted"), Refused)
