"""Every id a template renders that Slack sends back has a listener in the app create_app builds.

A button, a dispatching input or a submittable view whose id nobody listens to fails silently
in Slack (the person sees a warning triangle); this finds it from the templates' samples.
"""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import App, BoltRequest, BoltResponse

from bot import action_ids
from bot.app import create_app
from bot.render import render
from bot.settings import Settings
from storage.db import Database
from tests.bot_fixtures import BOT_TOKEN, SIGNING_SECRET, TEAM_ID
from tests.template_samples import all_samples

Interaction = tuple[str, str]  # (what Slack sends: action | options | view, the id)
EXTERNAL_MENUS = {"external_select", "multi_external_select"}
VIEWS = {"modal", "home"}


def sent_back(payload: Any) -> set[Interaction]:
    """The ids in a rendered message or view that Slack sends to the bot when people use them."""
    found: set[Interaction] = set()
    if not isinstance(payload, dict):
        return found
    if payload.get("type") in VIEWS and "submit" in payload:
        found.add(("view", str(payload.get("callback_id"))))
    for block in payload.get("blocks", []):
        found |= _block(block)
    return found


def _block(block: dict[str, Any]) -> set[Interaction]:
    if block["type"] == "input":
        elements = [block["element"]]
        # An input is read with its view's submission, unless it asks to be sent at once.
        dispatches = bool(block.get("dispatch_action"))
    else:
        elements = [*block.get("elements", []), *filter(None, [block.get("accessory")])]
        dispatches = True
    found: set[Interaction] = set()
    for element in elements:
        if "action_id" not in element:
            continue
        if element["type"] in EXTERNAL_MENUS:
            found.add(("options", element["action_id"]))
        if dispatches:
            found.add(("action", element["action_id"]))
    return found


def _body(kind: str, id_: str) -> dict[str, Any]:
    who = {"team": {"id": TEAM_ID}, "user": {"id": "U1"}}
    if kind == "action":
        action = {"action_id": id_, "block_id": "b", "type": "button", "action_ts": "1"}
        return {"type": "block_actions", "actions": [action], **who}
    if kind == "options":
        return {"type": "block_suggestion", "action_id": id_, "block_id": "b", "value": "", **who}
    view = {"id": "V1", "type": "modal", "callback_id": id_, "state": {"values": {}}}
    return {"type": "view_submission", "view": view, **who}


def listened(app: App, interaction: Interaction) -> bool:
    """True when one of the app's listeners matches what Slack would send for `interaction`."""
    request = BoltRequest(body=_body(*interaction), mode="socket_mode")
    return any(
        listener.matches(req=request, resp=BoltResponse(status=200)) for listener in app._listeners
    )


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    """The app's listeners only: nothing here reaches the database or Slack."""
    url = f"sqlite:///{tmp_path_factory.mktemp('listened') / 'unused.db'}"
    settings = Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        database_url=url,
        slack_api_url="http://127.0.0.1:9/api/",
        port=0,
    )
    return create_app(settings, db=Database(url))


def rendered() -> dict[str, set[Interaction]]:
    found: dict[str, set[Interaction]] = {}
    for name, contexts in all_samples().items():
        for context in contexts:
            found.setdefault(name, set()).update(sent_back(render(name, **context)))
    return found


RENDERED = rendered()


@pytest.mark.parametrize("template", sorted(RENDERED))
def test_every_id_a_template_renders_has_a_listener(app: App, template: str) -> None:
    unheard = {each for each in RENDERED[template] if not listened(app, each)}
    assert not unheard, f"{template} renders ids nobody listens to: {sorted(unheard)}"


def test_the_samples_render_every_id_the_app_listens_for() -> None:
    """The check above covers something: each listened id shows up in some template's sample."""
    ids = {id_ for found in RENDERED.values() for _, id_ in found}
    constants = {
        value for name, value in vars(action_ids).items() if name.isupper() and "VIEW" not in name
    }
    views = {action_ids.CHECKIN_VIEW, action_ids.CHECKIN_EDIT_VIEW}
    views |= {action_ids.OBJECTIVE_VIEW, action_ids.SETTINGS_VIEW}
    assert constants | views <= ids


def test_the_check_finds_an_id_nobody_listens_to(app: App) -> None:
    button = {"type": "button", "action_id": "nobody_listens", "text": {"type": "plain_text"}}
    menu = {"type": "external_select", "action_id": "nobody_suggests"}
    message = {
        "blocks": [
            {"type": "actions", "elements": [button]},
            {"type": "input", "element": menu, "label": {"type": "plain_text", "text": "x"}},
        ]
    }
    view = {"type": "modal", "callback_id": "nobody_submits", "submit": {}, "blocks": []}
    found = sent_back(message) | sent_back(view)
    assert found == {
        ("action", "nobody_listens"),
        ("options", "nobody_suggests"),
        ("view", "nobody_submits"),
    }
    assert not any(listened(app, each) for each in found)
    assert listened(app, ("action", action_ids.CHECKIN_OPEN))
    assert not listened(app, ("options", action_ids.CHECKIN_OPEN)), "kinds are told apart"


def test_an_input_read_only_on_submission_needs_no_listener() -> None:
    field = {"type": "plain_text_input", "action_id": "note"}
    block = {"type": "input", "element": field, "label": {"type": "plain_text", "text": "x"}}
    assert sent_back({"blocks": [block]}) == set()
    assert sent_back({"blocks": [{**block, "dispatch_action": True}]}) == {("action", "note")}


def test_a_view_without_a_submit_button_sends_nothing_back() -> None:
    assert (
        sent_back({"type": "modal", "callback_id": action_ids.HISTORY_VIEW, "blocks": []}) == set()
    )
