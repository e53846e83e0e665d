"""Generated junk sent to every action id, view callback and options endpoint the app
registers: wrong types, missing keys, "²", huge numbers, nested junk. No listener may raise
(no "Listener failed" in the log) and no answer may be a 500."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import slack_requests
from tests.bot_fixtures import TEAM_ID, RunningBot

JUNK_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["²", "٣", "1²", "-1", "0", "99999999999999999999", "1,²", "", " "])
)
JUNK = st.recursive(
    JUNK_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
# Shaped as Slack shapes them, which the front door checks (bot/payload_shapes.py), with junk
# where the values go: block ids and action ids of the bot's own forms, and forged ones.
FORM_IDS = (
    "objective_title",
    "objective_owner",
    "objective_cycle",
    "objective_parent",
    "effective_on",
    "settings_fiscal_start",
    "settings_time_zone",
    "settings_focus_limit",
    "x",
)
BLOCK_IDS = st.sampled_from(
    ("value-1", "value-²", "value-99999999999", "confidence-1", "note-1", "kr1_title", *FORM_IDS)
)
ACTION_IDS = st.sampled_from(
    ("value", "confidence", "note", "kr_title", "kr_kind", "kr_start", "kr_target", *FORM_IDS)
)
ENTRY = st.dictionaries(
    st.sampled_from(
        (
            "type",
            "value",
            "selected_option",
            "selected_options",
            "selected_date",
            "selected_user",
            "selected_conversation",
            "selected_channel",
        )
    ),
    JUNK,
    max_size=3,
)
STATE = st.dictionaries(BLOCK_IDS, st.dictionaries(ACTION_IDS, ENTRY, max_size=2), max_size=4)
VIEW = st.fixed_dictionaries(
    {"type": st.just("modal")},
    optional={
        "private_metadata": JUNK,
        "state": st.fixed_dictionaries({"values": STATE}),
        "blocks": st.lists(st.dictionaries(st.text(max_size=8), JUNK, max_size=2), max_size=3),
        "hash": JUNK,
        "previous_view_id": JUNK,
    },
)
JUNK_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def registered(bot: RunningBot, kind: str) -> list[str]:
    """The ids of the app's listeners of `kind` (action, view_submission, options), read from
    the matchers Bolt built for them: the constraint is held by the matcher function's closure."""
    ids: set[str] = set()
    for listener in bot.app._listeners:
        match = listener.matchers[0].func  # type: ignore[attr-defined]
        if not match.__qualname__.startswith(f"{kind}."):
            continue
        held = dict(zip(match.__code__.co_freevars, match.__closure__ or (), strict=True))
        for name in ("constraints", "callback_id"):
            if name in held and isinstance(held[name].cell_contents, str):
                ids.add(held[name].cell_contents)
    assert ids, f"no {kind} listeners found: has Bolt changed how it matches?"
    return sorted(ids)


def open_view_id(bot: RunningBot) -> str:
    """The id of a modal the emulator has open: Slack sends the ids of real views only."""
    if not bot.slack.calls_to("views.open"):
        assert bot.command("new").status == 200
    return str(bot.slack.wait_for("views.open")[0].response["view"]["id"])


def send(bot: RunningBot, payload: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    caplog.clear()
    reply = bot.interact(payload)
    bot.settle()
    assert reply.status != 500, (payload, reply.body)
    failed = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not failed, (payload, failed)


@given(data=st.data())
@JUNK_SETTINGS
def test_junk_clicks_never_break_a_listener(
    bot: RunningBot, caplog: pytest.LogCaptureFixture, data: st.DataObject
) -> None:
    action_id = data.draw(st.sampled_from(registered(bot, "action")))
    in_modal = data.draw(st.booleans())
    payload = slack_requests.block_actions_payload(
        team_id=TEAM_ID,
        user_id="U1",
        action_id=action_id,
        trigger_id=bot.slack.new_trigger_id(),
        response_url=None if in_modal else bot.slack.new_response_url(),
        view={**data.draw(VIEW), "id": open_view_id(bot)} if in_modal else None,
    )
    payload["actions"][0].update(
        data.draw(
            st.fixed_dictionaries(
                {}, optional={"value": JUNK, "selected_option": JUNK, "selected_user": JUNK}
            )
        )
    )
    send(bot, payload, caplog)


@given(data=st.data())
@JUNK_SETTINGS
def test_junk_submissions_never_break_a_listener(
    bot: RunningBot, caplog: pytest.LogCaptureFixture, data: st.DataObject
) -> None:
    view = {
        **data.draw(VIEW),
        "id": open_view_id(bot),
        "callback_id": data.draw(st.sampled_from(registered(bot, "view_submission"))),
    }
    payload = slack_requests.view_submission_payload(
        team_id=TEAM_ID, user_id="U1", view=view, values={}, trigger_id=bot.slack.new_trigger_id()
    )
    payload["view"].update({k: v for k, v in view.items() if k in {"state", "private_metadata"}})
    send(bot, payload, caplog)


@given(data=st.data())
@JUNK_SETTINGS
def test_junk_typed_into_a_search_never_breaks_a_listener(
    bot: RunningBot, caplog: pytest.LogCaptureFixture, data: st.DataObject
) -> None:
    action_id = data.draw(st.sampled_from(registered(bot, "options")))
    payload = slack_requests.block_suggestion_payload(
        team_id=TEAM_ID,
        user_id="U1",
        action_id=action_id,
        block_id=action_id,
        value="",
        view={**data.draw(VIEW), "id": open_view_id(bot)},
    )
    payload["value"] = data.draw(st.text(max_size=20) | st.sampled_from(["²", "1²", "9" * 30]))
    send(bot, payload, caplog)


def test_a_forged_superscript_two_reaches_every_endpoint_harmlessly(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    """`"²".isdigit()` is true and `int("²")` raises: sent, deterministically, as the value of
    every button and menu (in a message and in a modal), as every view's hidden data and typed
    values, and as every search."""
    for action_id in registered(bot, "action"):
        for in_modal in (False, True):
            payload = slack_requests.block_actions_payload(
                team_id=TEAM_ID,
                user_id="U1",
                action_id=action_id,
                value="²",
                trigger_id=bot.slack.new_trigger_id(),
                response_url=None if in_modal else bot.slack.new_response_url(),
                view={"type": "modal", "id": open_view_id(bot), "private_metadata": "²"}
                if in_modal
                else None,
            )
            payload["actions"][0]["selected_option"] = {"value": "²"}
            send(bot, payload, caplog)
    state = {block: {"value": {"type": "plain_text_input", "value": "²"}} for block in FORM_IDS}
    for callback_id in registered(bot, "view_submission"):
        view = {"type": "modal", "id": open_view_id(bot), "callback_id": callback_id}
        payload = slack_requests.view_submission_payload(
            team_id=TEAM_ID,
            user_id="U1",
            view=view,
            values=state,
            trigger_id=bot.slack.new_trigger_id(),
        )
        payload["view"]["private_metadata"] = "²"
        send(bot, payload, caplog)
    for action_id in registered(bot, "options"):
        payload = slack_requests.block_suggestion_payload(
            team_id=TEAM_ID,
            user_id="U1",
            action_id=action_id,
            block_id=action_id,
            value="²",
            view={"type": "modal", "id": open_view_id(bot), "private_metadata": "²"},
        )
        send(bot, payload, caplog)
