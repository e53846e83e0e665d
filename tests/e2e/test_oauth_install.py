"""OAuth mode over HTTP: the install link, Slack's redirect back, the installation stored
(encrypted), and each workspace answered with its own token; on SQLite and PostgreSQL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy import text

from storage.db import Database
from tests import slack_requests
from tests.bot_fixtures import RunningBot
from tests.clock import FakeClock
from tests.e2e.oauth_support import get, install, oauth_bot
from tests.emulator import SlackEmulator


def command_from(bot: RunningBot, team_id: str, command: str) -> slack_requests.Reply:
    body = slack_requests.slash_command_body(
        command,
        team_id=team_id,
        user_id="U1",
        channel_id="C0GENERAL",
        response_url=bot.slack.new_response_url(),
        trigger_id=bot.slack.new_trigger_id(team_id=team_id),
    )
    return bot.post(body, "application/x-www-form-urlencoded")


def raw_tokens(db: Database) -> list[str]:
    """Every token column of the stores' tables, as the database holds them."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT bot_token, bot_refresh_token FROM slack_bots UNION ALL "
                "SELECT bot_token, bot_refresh_token FROM slack_installations"
            )
        ).all()
    return [value for row in rows for value in row if value is not None]


def test_install_link_redirects_to_slack_with_a_signed_state_and_its_cookie(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with oauth_bot(db, slack, clock) as bot:
        page = get(bot, "/slack/install")
    assert page.status == 302
    location = urlsplit(page.headers["Location"])
    assert f"{location.scheme}://{location.netloc}" == slack.base_url
    assert location.path == "/oauth/v2/authorize"
    query = parse_qs(location.query)
    assert query["client_id"] == [slack.grants.client_id]
    assert "chat:write" in query["scope"][0].split(",")
    state = query["state"][0]
    assert page.headers["Set-Cookie"].startswith(f"slack-app-oauth-state={state};")
    with db.engine.connect() as connection:
        stored = connection.execute(text("SELECT state FROM slack_oauth_states")).scalars().all()
    # The database keeps the state without its signature, which only the bot can make.
    assert len(stored) == 1 and state.startswith(stored[0] + ".")


def test_installed_workspace_is_answered_with_its_own_token(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with oauth_bot(db, slack, clock) as bot:
        done = install(bot, "T0002", "Beta")
        assert done.status == 200, done.body
        (token,) = slack.grants.tokens_of("T0002")
        assert command_from(bot, "T0002", "new").status == 200
        (opened,) = slack.wait_for("views.open")
        bot.settle()
    assert opened.token == token
    stored = raw_tokens(db)
    assert stored and all(value.startswith("fernet:") for value in stored)
    assert not any("xoxb-" in value or "xoxe" in value for value in stored), "encrypted at rest"


def test_a_forged_or_replayed_state_installs_nothing(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with oauth_bot(db, slack, clock) as bot:
        start = get(bot, "/slack/install")
        state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
        forged = state.rsplit(".", 1)[0] + ".0123456789abcdef0123456789abcdef"
        cookie = f"slack-app-oauth-state={forged}"
        code = slack.approve_install("T0003", "Gamma")
        refused = get(bot, f"/slack/oauth_redirect?code={code}&state={forged}", cookie=cookie)
        assert install(bot, "T0002", "Beta").status == 200
    assert refused.status == 401
    assert slack.grants.tokens_of("T0003") == []
    with db.engine.connect() as connection:
        teams = connection.execute(text("SELECT team_id FROM slack_bots")).scalars().all()
    assert teams == ["T0002"]


def test_a_workspace_that_never_installed_is_not_answered(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with oauth_bot(db, slack, clock) as bot:
        assert install(bot, "T0002", "Beta").status == 200
        command_from(bot, "T0009", "new")
        bot.settle()
    assert slack.calls_to("views.open") == []


def test_slack_is_asked_who_the_bot_is_once_per_token_not_per_request(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with oauth_bot(db, slack, clock) as bot:
        assert install(bot, "T0002", "Beta").status == 200
        assert install(bot, "T0003", "Gamma").status == 200
        before = len(slack.calls_to("auth.test"))
        for _ in range(3):
            for team_id in ("T0002", "T0003"):
                assert command_from(bot, team_id, "help").status == 200
        bot.settle()
    asked = sorted(call.token for call in slack.calls_to("auth.test")[before:])
    assert asked == sorted(slack.grants.tokens_of("T0002") + slack.grants.tokens_of("T0003"))
