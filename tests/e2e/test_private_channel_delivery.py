"""A shout-out to a private channel the bot is not in fails with its reason, and every admin is
told by DM, once a day per channel, to /invite the bot there: over HTTP and the emulator, on
SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from bot.delivery.outgoing import Outgoing, queue
from storage.models import OutboxMessage
from tests import factories
from tests.bot_fixtures import RunningBot
from tests.delivery import sender
from tests.e2e.checkin_support import blocks_text
from tests.e2e.test_celebrations import arrange, check_in
from tests.e2e.test_settings_celebrations import invite_dms

LEADS = "GLEADS"


def deliver(bot: RunningBot) -> str:
    delivering = sender(bot.db, bot.slack, bot.clock)
    try:
        return delivering.deliver().line()
    finally:
        delivering.close()


def failed_shoutouts(bot: RunningBot) -> list[str | None]:
    with bot.db.begin() as session:
        query = select(OutboxMessage).where(
            OutboxMessage.kind == "celebration", OutboxMessage.status == "failed"
        )
        return [row.last_error for row in session.scalars(query)]


def test_a_shout_out_the_bot_cannot_post_gets_each_admin_one_invite_dm_a_day(
    bot: RunningBot,
) -> None:
    arrange(bot, level="team", team_channel_id=LEADS)
    bot.slack.add_channel(LEADS, name="leads", is_member=False, is_private=True)
    bot.slack.add_user("UOWNER", name="Olga", is_owner=True)
    bot.introduce("UADMIN", "UOWNER")

    check_in(bot, "1: 60 on track", replies=1)
    # Ana's first-check-in badge and the two admins' DMs are sent; the shout-out is not.
    assert deliver(bot) == "delivered 3, 1 failed"
    (error,) = failed_shoutouts(bot)
    assert error is not None and "a private channel the bot is not in" in error
    assert bot.slack.messages_in(LEADS) == []
    for admin in ("UADMIN", "UOWNER"):
        (dm,) = invite_dms(bot, admin)
        assert "<#GLEADS>" in dm and "/invite <@UBOT>" in dm
    (told,) = bot.slack.messages_in(bot.slack.dm_channel("UADMIN"))
    said = blocks_text(told)
    assert "could not post a milestone shout-out in <#GLEADS>" in said, said
    assert "so that post was not sent" in said and "Edit on the objective" in said
    assert invite_dms(bot, "U1") == [], "the owner is no admin"

    # Completed the same day: that shout-out fails too, and the admins are not told again.
    check_in(bot, "1: 100 on track", replies=2)
    assert deliver(bot) == "delivered 1, 1 failed", "Ana's first-objective-done badge is sent"
    assert len(failed_shoutouts(bot)) == 2
    assert [len(invite_dms(bot, admin)) for admin in ("UADMIN", "UOWNER")] == [1, 1]

    # The next day, once invited, the next shout-out is posted and nobody is told.
    bot.slack.add_channel(LEADS, name="leads", is_member=True, is_private=True)
    bot.clock.advance(days=1)
    with bot.db.begin() as session:
        factories.objective(
            session,
            bot.clock.now,
            title="Hire",
            level="team",
            team_channel_id=LEADS,
            key_results=[factories.KR("Hires", start=0, target=10)],
        )
    check_in(bot, "2: 5 on track", replies=3)
    assert deliver(bot) == "delivered 1, 0 failed"
    assert len(bot.slack.messages_in(LEADS)) == 1
    assert [len(invite_dms(bot, admin)) for admin in ("UADMIN", "UOWNER")] == [1, 1]


def test_a_digest_refused_by_a_private_channel_is_told_and_other_kinds_are_not(
    bot: RunningBot,
) -> None:
    bot.slack.add_channel(LEADS, name="leads", is_member=False, is_private=True)
    bot.introduce("UADMIN")
    with bot.db.begin() as session:
        for kind in ("digest", "change_notice"):
            queue(
                session,
                factories.TEAM_ID,
                Outgoing(kind, LEADS, "2026-W47", LEADS, text=f"a {kind}"),
                now=bot.clock.now,
            )
    assert deliver(bot) == "delivered 1, 2 failed"
    (dm,) = bot.slack.messages_in(bot.slack.dm_channel("UADMIN"))
    assert "could not post the weekly digest in <#GLEADS>" in blocks_text(dm)
