"""Whether the bot can post in the channels an admin picked, asked of Slack after the settings
are saved (never inside a transaction), and the DM that tells the admin to `/invite` it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.delivery.outgoing import Outgoing, queue_all
from bot.presentation import channel_link, is_slack_id, mention
from bot.render import render
from storage import people

log = logging.getLogger("okr_bot.channel_access")

KIND = "channel_access"
# The posts whose failure to reach a private channel is told to the admins, and what they were.
TOLD_ON_FAILURE = {"celebration": "a milestone shout-out", "digest": "the weekly digest"}


def unreachable(client: WebClient, channel_ids: Iterable[str | None]) -> list[str]:
    """The channels the bot cannot post in: a private channel it is not in (Slack answers
    channel_not_found for one the bot cannot see). With chat:write.public every public channel
    takes its posts. A channel Slack does not say about (rate limit, old scopes) is left out."""
    found = []
    for channel_id in dict.fromkeys(c for c in channel_ids if c):
        try:
            channel = client.conversations_info(channel=channel_id)["channel"]
        except SlackApiError as exc:
            error = exc.response.get("error")
            if error == "channel_not_found":
                found.append(channel_id)
            else:
                log.info("Could not tell whether the bot can post in %s: %s", channel_id, error)
            continue
        if channel.get("is_private") and not channel.get("is_member"):
            found.append(channel_id)
    return found


def tell_admin(
    session: Session,
    team_id: str,
    admin_id: str,
    channel_ids: Sequence[str],
    *,
    bot_user_id: str,
    now: datetime,
) -> set[str]:
    """Queue a DM to the admin per channel they just picked, at most one a day per channel and
    admin (the outbox key `channel_access:<channel>:<day>/<admin>`): which channel, and to type
    `/invite @bot` there. The keys newly queued."""
    messages = [_dm(channel_id, admin_id, bot_user_id, now) for channel_id in channel_ids]
    return queue_all(session, team_id, messages, now=now)


def tell_admins_of_failure(
    session: Session, team_id: str, channel_id: str, *, kind: str, bot_user_id: str, now: datetime
) -> set[str]:
    """A post of `kind` failed to reach `channel_id`, a private channel the bot is not in: every
    active admin is told by DM (one insert), at most once a day per channel and admin, in the
    transaction recording the failure. Other kinds (a DM, an edit) are about no channel anyone
    picked: nothing is queued."""
    failed = TOLD_ON_FAILURE.get(kind)
    if failed is None:
        return set()
    messages = [
        _dm(channel_id, admin_id, bot_user_id, now, failed=failed)
        for admin_id in people.admin_ids(session, team_id)
    ]
    return queue_all(session, team_id, messages, now=now)


def _dm(
    channel_id: str, admin_id: str, bot_user_id: str, now: datetime, *, failed: str = ""
) -> Outgoing:
    """The DM about one channel to one admin; `failed`, what could not be posted there (else
    the admin just picked it in the settings)."""
    message = render(
        KIND,
        channel=channel_link(channel_id),
        bot=mention(bot_user_id) if is_slack_id(bot_user_id, "UW") else "@okr",
        failed=failed,
    )
    return Outgoing(
        kind=KIND,
        recipient=channel_id,
        period=f"{now.date().isoformat()}/{admin_id}",
        channel=admin_id,
        text=message["text"],
        blocks=message["blocks"],
    )
