"""What Slack says of people, asked only outside transactions and after the answer: who `@name`
is (someone the bot already knows, else Slack's member list: users.list, a Tier 2 method of about
20 calls a minute, kept a while per workspace and not asked for while Slack says to wait), and
one person's profile (users.info)."""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.slack import SlackBusy, busy_for
from storage import people as stored_people

log = logging.getLogger("okr_bot.directory")

# New members show up within this long; the list is asked for at most once per period.
MEMBERS_KEPT_FOR = timedelta(minutes=10)


@dataclass(frozen=True)
class _Members:
    fetched_at: datetime
    by_name: dict[str, str]  # handle, display name and real name, lowercased -> user id


@dataclass(frozen=True)
class Described:
    user: dict[str, Any] | None  # a users.info `user`; None when Slack did not say
    unknown: bool  # Slack knows no such user in this workspace


class Directory:
    """One per app: the member list of each workspace, shared by its requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one users.list at a time; the others use its answer
        self._members: dict[str, _Members] = {}
        self._busy_until: dict[str, datetime] = {}
        self._channels: dict[tuple[str, str], tuple[datetime, list[str]]] = {}

    def known(self, session: Session, team_id: str, name: str) -> str | None:
        """The user id of the one stored active person called `name`, if there is just one."""
        known = stored_people.active_named(session, team_id, name.lower(), limit=2)
        return known[0] if len(known) == 1 else None

    def listed(self, client: WebClient, team_id: str, name: str, now: datetime) -> str | None:
        """The user id of the active member Slack lists as `name`, or None. SlackBusy when Slack
        asks to wait and no list is kept. Never call it with a transaction open."""
        return self._listed(client, team_id, now).get(name.lower())

    def channel_members(
        self, client: WebClient, team_id: str, channel_id: str, now: datetime
    ) -> list[str] | None:
        """The channel's members (conversations.members, paged), kept as long as the member list;
        None when the bot may not see them (a private channel it is not in, or no such channel).
        Never call it with a transaction open."""
        kept = self._channels.get((team_id, channel_id))
        if kept is not None and now - kept[0] < MEMBERS_KEPT_FOR:
            return kept[1]
        try:
            members = [
                str(member)
                for page in client.conversations_members(channel=channel_id, limit=200)
                for member in page.get("members", [])
            ]
        except SlackApiError as exc:
            if exc.response.get("error") not in {"channel_not_found", "not_in_channel"}:
                raise
            return None
        self._channels[(team_id, channel_id)] = (now, members)
        return members

    def profile(self, client: WebClient, user_id: str) -> dict[str, Any] | None:
        """Slack's description of `user_id` (users.info), or None when Slack asks to wait or
        knows no such user: the stored description, or the defaults, serve meanwhile."""
        return self.described(client, user_id).user

    def described(self, client: WebClient, user_id: str) -> Described:
        """What users.info says of `user_id`, telling "Slack asks to wait" from "no such user"."""
        try:
            user: dict[str, Any] = client.users_info(user=user_id)["user"]
        except SlackApiError as exc:
            unknown = exc.response.get("error") == "user_not_found"
            if busy_for(exc) is None and not unknown:
                raise
            log.info("No profile of %s from Slack for now: %s", user_id, exc.response.get("error"))
            return Described(None, unknown)
        return Described(user, unknown=False)

    def _listed(self, client: WebClient, team_id: str, now: datetime) -> dict[str, str]:
        with self._lock:
            kept = self._members.get(team_id)
            if kept is not None and now - kept.fetched_at < MEMBERS_KEPT_FOR:
                return kept.by_name
            until = self._busy_until.get(team_id)
            if until is None or now >= until:
                try:
                    by_name = _members(client)
                except SlackApiError as exc:
                    seconds = busy_for(exc)
                    if seconds is None:
                        raise
                    until = self._busy_until[team_id] = now + timedelta(seconds=seconds)
                else:
                    self._members[team_id] = _Members(now, by_name)
                    return by_name
            if kept is not None:
                return kept.by_name  # older than planned beats no answer while Slack says wait
            raise SlackBusy(max(1, math.ceil((until - now).total_seconds())))


def _members(client: WebClient) -> dict[str, str]:
    by_name: dict[str, str] = {}
    for page in client.users_list(limit=200):
        for member in page.get("members", []):
            if member.get("deleted"):
                continue
            profile = member.get("profile", {})
            for name in (member.get("name"), profile.get("display_name"), member.get("real_name")):
                if name:
                    by_name.setdefault(str(name).lower(), str(member["id"]))
    return by_name
