"""The workspaces the emulator pretends to be: members, channels, DMs, messages, views, files;
and what they share, as Slack shares it: ids unique across workspaces, interaction handles."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .interactions import Interactions
from .replies import SlackError
from .socket_mode import SocketMode
from .users import User


@dataclass
class Channel:
    id: str
    name: str
    is_member: bool = True
    is_archived: bool = False
    is_private: bool = False
    members: list[str] = field(default_factory=list)


@dataclass
class Upload:
    file_id: str
    filename: str
    length: int
    content: bytes | None = None
    title: str | None = None  # set once completed
    channel: str | None = None  # where it was shared, if anywhere


class Shared:
    """What every workspace of the emulator shares: ids (Slack's D…, V…, F… are unique across
    workspaces), trigger ids and response URLs, Socket Mode and the emulator's address."""

    def __init__(self, clock: Callable[[], float], socket_mode: SocketMode) -> None:
        self.base_url = ""
        self.interactions = Interactions(clock)
        self.socket_mode = socket_mode
        self._counters: dict[str, int] = {}
        self._last_ts = 0.0

    def next_id(self, prefix: str) -> str:
        self._counters[prefix] = self._counters.get(prefix, 0) + 1
        return f"{prefix}{self._counters[prefix]:08X}"

    def next_ts(self) -> str:
        # Real ts values are "<epoch>.<6 digits>", the moment of posting, unique per channel
        # (here per emulator): conversations.history's `oldest` compares them with clocks.
        self._last_ts = max(round(time.time(), 6), round(self._last_ts + 0.000001, 6))
        return f"{self._last_ts:.6f}"


class Workspace:
    """Plain data plus lookups; the emulator serialises access with its lock."""

    def __init__(
        self, *, team_id: str, team_name: str, bot_user_id: str, bot_id: str, shared: Shared
    ) -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.shared = shared
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.conversations: dict[frozenset[str], str] = {}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        self.reactions: set[tuple[str, str, str]] = set()
        self.views: dict[str, dict[str, Any]] = {}
        self.external_ids: dict[str, str] = {}
        self.home_views: dict[str, str] = {}
        self.uploads: dict[str, Upload] = {}
        # The chat:write.public scope: a public channel takes the bot's posts without a join.
        self.chat_write_public = True
        # Slack lists the bot among the members, so the bot's own user must be filterable.
        self.users[bot_user_id] = User(
            bot_user_id, team_id, "okr-bot", "OKR Bot", "America/New_York", is_bot=True
        )

    @property
    def base_url(self) -> str:
        return self.shared.base_url

    @property
    def interactions(self) -> Interactions:
        return self.shared.interactions

    @property
    def socket_mode(self) -> SocketMode:
        return self.shared.socket_mode

    def next_id(self, prefix: str) -> str:
        return self.shared.next_id(prefix)

    def next_ts(self) -> str:
        return self.shared.next_ts()

    def user(self, user_id: Any) -> User:
        user = self.users.get(str(user_id))
        if user is None:
            raise SlackError("user_not_found")
        return user

    def conversation_for(self, user_ids: Iterable[str]) -> str:
        """A DM ("D…") for one user, a group DM ("G…") for several; stable per set."""
        key = frozenset(user_ids)
        if key not in self.conversations:
            self.conversations[key] = self.next_id("D" if len(key) == 1 else "G")
        return self.conversations[key]

    def resolve_channel(self, raw: Any) -> str:
        """The conversation id a message to `raw` lands in, or why Slack would refuse it."""
        if not raw or not isinstance(raw, str):
            raise SlackError("channel_not_found")
        channel = self.channels.get(raw) or self._channel_named(raw.removeprefix("#"))
        if channel is not None:
            if channel.is_archived:
                raise SlackError("is_archived")
            if not channel.is_member and (channel.is_private or not self.chat_write_public):
                raise SlackError("not_in_channel")
            return channel.id
        if raw.startswith(("U", "W")):
            # Posting to a user id delivers into the DM with the bot, as Slack does, unless
            # there is no such person or they were deactivated.
            if self.user(raw).deleted:
                raise SlackError("account_inactive")
            return self.conversation_for([raw])
        if raw.startswith("D") or raw in self.conversations.values():
            return raw
        raise SlackError("channel_not_found")

    def channel(self, raw: Any) -> Channel | None:
        """A public or private channel by id (not a DM)."""
        return self.channels.get(str(raw))

    def _channel_named(self, name: str) -> Channel | None:
        return next((c for c in self.channels.values() if c.name == name), None)

    def message(self, channel: str, ts: Any) -> dict[str, Any]:
        message = self.messages.get((channel, str(ts)))
        if message is None:
            raise SlackError("message_not_found")
        return message
