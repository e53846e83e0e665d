"""The running bot over HTTP, driven exactly as Slack drives it."""

from __future__ import annotations

import json
import time
import urllib.request

from sqlalchemy import func, select

from storage.models import Workspace
from tests import slack_requests
from tests.blockkit import validate_message, validate_view
from tests.bot_fixtures import SIGNING_SECRET, TEAM_ID, RunningBot


def test_okr_help_answers_in_the_ack_with_valid_blocks(bot: RunningBot) -> None:
    started = time.perf_counter()
    reply = bot.command("help")
    elapsed = time.perf_counter() - started
    assert reply.status == 200
    message = reply.json()
    validate_message(message)
    assert message["response_type"] == "ephemeral"
    assert "/okr help" in message["text"]
    assert elapsed < 3, "Slack gives up on an answer after 3 seconds"


def test_bare_okr_is_help(bot: RunningBot) -> None:
    assert bot.command("").json()["text"] == bot.command("help").json()["text"]


def test_unknown_subcommand_names_it_and_suggests_the_closest(bot: RunningBot) -> None:
    message = bot.command("hepl me").json()
    validate_message(message)
    assert message["text"] == 'Unknown command "hepl"'
    assert "Did you mean `/okr help`?" in message["blocks"][0]["text"]["text"]


def test_unknown_subcommand_cannot_ping_anyone(bot: RunningBot) -> None:
    message = bot.command("<!channel>").json()
    assert "<!channel>" not in json.dumps(message)
    assert "&lt;!channel&gt;" in message["text"]


def test_wrong_signature_is_refused_and_nothing_happens(bot: RunningBot) -> None:
    body = slack_requests.event_body(
        {"type": "app_home_opened", "user": "U1", "tab": "home"}, team_id=TEAM_ID
    )
    reply = bot.post(body, "application/json", signature="v0=" + "0" * 64)
    assert reply.status == 401
    assert bot.slack.calls_to("views.publish") == []


def test_stale_timestamp_is_refused_even_when_correctly_signed(bot: RunningBot) -> None:
    body = slack_requests.event_body(
        {"type": "app_home_opened", "user": "U1", "tab": "home"}, team_id=TEAM_ID
    )
    six_minutes_ago = int(time.time()) - 360
    reply = slack_requests.post(
        bot.events_url, body, "application/json", secret=SIGNING_SECRET, timestamp=six_minutes_ago
    )
    assert reply.status == 401
    assert bot.slack.calls_to("views.publish") == []
    with bot.db.begin() as session:
        assert session.scalar(select(func.count()).select_from(Workspace)) == 0


def test_url_verification_challenge_is_echoed(bot: RunningBot) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"}).encode()
    reply = bot.post(body, "application/json")
    assert reply.status == 200
    assert "abc123" in reply.body


def test_home_tab_is_published_with_a_valid_view(bot: RunningBot) -> None:
    assert bot.event({"type": "app_home_opened", "user": "U1", "tab": "home"}).status == 200
    (call,) = bot.slack.wait_for("views.publish")
    assert call.params["user_id"] == "U1"
    assert call.response["ok"] is True
    validate_view(call.params["view"])


def test_healthz_reports_the_database(bot: RunningBot) -> None:
    with urllib.request.urlopen(bot.url + "/healthz", timeout=5) as response:
        assert response.status == 200
        status = json.load(response)
    assert status["status"] == "ok" and status["database"] == "ok"
    assert status["schema"] is not None
