"""OAuth mode over HTTP: expiring tokens rotated through the emulator's oauth.v2.access, and
app_uninstalled / tokens_revoked deleting the tokens at once and stopping the workspace's jobs
and messages; on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, text

from bot.delivery.outgoing import Outgoing, queue
from bot.delivery.pace import Limits
from bot.delivery.sender import Sender
from bot.installs import installs
from bot.people import ensure_workspace
from bot.slack import UNINSTALLED, NotInstalled
from storage import outbox
from storage import prompts as stored_prompts
from storage.db import Database
from storage.models import OutboxMessage, Workspace
from tests import slack_requests
from tests.bot_fixtures import RunningBot
from tests.clock import FakeClock
from tests.e2e.oauth_support import install, oauth_bot, oauth_clients, oauth_settings
from tests.e2e.test_oauth_install import command_from
from tests.emulator import SlackEmulator


def _dm(user: str) -> Outgoing:
    return Outgoing(kind="notice", recipient=user, period="2026-W48", channel=user, text="hi")


def test_an_expiring_token_is_rotated_for_requests_and_for_jobs(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    # Tokens for an hour: within Bolt's and our 120 minutes, so each use rotates first.
    slack.grants.expires_in = 3600
    with oauth_bot(db, slack, clock) as bot:
        assert install(bot, "T0002", "Beta").status == 200
        (first,) = slack.grants.tokens_of("T0002")
        assert first.startswith("xoxe.xoxb-")
        assert command_from(bot, "T0002", "new").status == 200
        (opened,) = slack.wait_for("views.open")
        bot.settle()
        clients = oauth_clients(db, slack)
        posting = clients.client_for("T0002")
    refreshes = [
        call for call in slack.calls_to("oauth.v2.access") if call.params.get("grant_type")
    ]
    # The request's, the profile refresh's after the answer (bot/slack.Clients) and ours.
    assert len(refreshes) >= 2
    assert {call.params["grant_type"] for call in refreshes} == {"refresh_token"}
    assert opened.token != first and opened.token in slack.grants.tokens_of("T0002")
    assert posting.token not in (first, opened.token)
    assert posting.auth_test()["team_id"] == "T0002"


def _uninstall(bot: RunningBot, event: dict[str, object]) -> None:
    body = slack_requests.event_body(event, team_id="T0002")
    assert bot.post(body, "application/json").status == 200
    bot.settle()


@pytest.mark.parametrize(
    "event",
    [
        {"type": "app_uninstalled"},
        {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOTT0002"]}},
    ],
    ids=["app_uninstalled", "tokens_revoked"],
)
def test_uninstalling_deletes_the_tokens_and_stops_jobs_and_messages(
    db: Database, slack: SlackEmulator, clock: FakeClock, event: dict[str, object]
) -> None:
    with oauth_bot(db, slack, clock) as bot:
        assert install(bot, "T0002", "Beta").status == 200
        assert install(bot, "T0003", "Gamma").status == 200
        with db.begin() as session:
            for team_id in ("T0002", "T0003"):
                ensure_workspace(session, team_id, clock.now)
                assert queue(session, team_id, _dm("U1"), now=clock.now)
        _uninstall(bot, event)
        clients = oauth_clients(db, slack)
        with pytest.raises(NotInstalled):
            clients.client_for("T0002")
        assert clients.client_for("T0003").auth_test()["team_id"] == "T0003"
    with db.engine.connect() as connection:
        kept = (
            connection.execute(
                text(
                    "SELECT team_id FROM slack_bots "
                    "UNION ALL SELECT team_id FROM slack_installations"
                )
            )
            .scalars()
            .all()
        )
    assert sorted(kept) == ["T0003", "T0003"], "T0002's tokens are gone, T0003's stay"
    with db.begin() as session:
        assert stored_prompts.team_ids(session) == ["T0003"], "jobs skip T0002"
        rows = {m.team_id: (m.status, m.last_error) for m in session.scalars(select(OutboxMessage))}
        uninstalled = session.get(Workspace, "T0002")
        assert uninstalled is not None and uninstalled.uninstalled_at == clock.now
    assert rows == {"T0002": (outbox.FAILED, UNINSTALLED), "T0003": (outbox.PENDING, None)}


def test_a_message_queued_after_the_uninstall_is_failed_not_sent(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with oauth_bot(db, slack, clock) as bot:
        assert install(bot, "T0002", "Beta").status == 200
        _uninstall(bot, {"type": "app_uninstalled"})
    clients = oauth_clients(db, slack)
    with db.begin() as session:
        ensure_workspace(session, "T0002", clock.now)
        assert queue(session, "T0002", _dm("U1"), now=clock.now)
    sender = Sender(db, clients, clock=clock, limits=Limits(per_conversation=None), name="s1")
    try:
        sender.deliver()
    finally:
        sender.close()
    with db.begin() as session:
        (row,) = session.scalars(select(OutboxMessage)).all()
    assert (row.status, row.last_error) == (outbox.FAILED, UNINSTALLED)
    assert slack.calls_to("chat.postMessage") == []


def test_installing_again_resumes_the_jobs(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with oauth_bot(db, slack, clock) as bot:
        assert install(bot, "T0002", "Beta").status == 200
        with db.begin() as session:
            ensure_workspace(session, "T0002", clock.now)
        _uninstall(bot, {"type": "app_uninstalled"})
        with db.begin() as session:
            assert stored_prompts.team_ids(session) == []
        assert install(bot, "T0002", "Beta").status == 200
    with db.begin() as session:
        assert stored_prompts.team_ids(session) == ["T0002"]


def test_replicas_refreshing_together_use_the_refresh_token_once(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    # Slack revokes a refresh token once used: two replicas refreshing with the same one would
    # leave one of them failing. Each "replica" here has its own store and engine.
    slack.grants.expires_in = 3600  # within the 2 hours: due for a refresh
    with oauth_bot(db, slack, clock) as bot:
        assert install(bot, "T0002", "Beta").status == 200
    (installed,) = slack.grants.tokens_of("T0002")
    slack.grants.expires_in = 12 * 3600  # what the refresh gives is good for 12 hours
    slack.set_latency(0.3)  # every refresh overlaps the others
    settings = oauth_settings(db, slack)
    replicas = [Database(db.url) for _ in range(2)]
    stores = [installs(settings, replica) for replica in replicas]
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            tokens = list(
                pool.map(lambda n: stores[n % 2].store.bot_token("T0002"), range(6))  # type: ignore[union-attr]
            )
    finally:
        for replica in replicas:
            replica.dispose()
    slack.set_latency(0)
    refreshes = [c for c in slack.calls_to("oauth.v2.access") if c.params.get("grant_type")]
    assert len(refreshes) == 1, "one replica refreshed; the others used the token in hand"
    assert set(tokens) <= set(slack.grants.tokens_of("T0002"))
    (fresh,) = set(slack.grants.tokens_of("T0002")) - {installed}
    assert fresh in tokens
    later = installs(settings, db)
    assert later is not None and later.store.bot_token("T0002") == fresh
    assert len(slack.calls_to("oauth.v2.access")) == 2, "the install's and one refresh"
