"""SlackEmulator: a local stand-in for Slack's Web API and Socket Mode that slack_sdk talks to."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Collection
from types import TracebackType
from typing import Any

from .calls import Call, CallLog
from .dispatch import Dispatcher
from .faults import FaultQueue
from .oauth import Grants
from .ratelimit import RateLimiter
from .server import HttpServer
from .socket_mode import SocketMode
from .state import Channel, Shared, Workspace
from .users import User
from .workspaces import Workspaces

# What fail_randomly() fails by default: the calls that deliver messages.
RANDOMLY_FAILING = (
    "chat.postMessage",
    "chat.update",
    "conversations.history",
    "conversations.open",
)


class SlackEmulator:
    def __init__(
        self,
        *,
        bot_token: str = "xoxb-test-token",
        app_token: str = "xapp-test-token",
        app_id: str = "A0OKRBOT",
        team_id: str = "T0001",
        team_name: str = "Acme",
        bot_user_id: str = "UBOT",
        rate_limit_scale: float = 1.0,
        socket_ping_interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._bot_token = bot_token
        self._app_token = app_token
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self._lock = threading.RLock()
        self._log = CallLog()
        self._faults = FaultQueue()
        self._limits = RateLimiter(clock, rate_limit_scale)
        self._socket_mode = SocketMode(app_id, self._log, socket_ping_interval)
        first = Workspace(
            team_id=team_id,
            team_name=team_name,
            bot_user_id=bot_user_id,
            bot_id="B0001",
            shared=Shared(clock, self._socket_mode),
        )
        self._stopping = threading.Event()
        self.grants = Grants(clock)
        self._workspaces = Workspaces(first, bot_token, self.grants)
        self._dispatcher = Dispatcher(
            bot_token,
            app_token,
            self._workspaces,
            self._limits,
            self._lock,
            self._log,
            self._faults,
            self._stopping,
            self.grants,
        )
        self._server: HttpServer | None = None

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> SlackEmulator:
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        self._stopping.clear()
        self._server = HttpServer(self._dispatcher.route, self._socket_mode)
        with self._lock:
            self._workspaces.shared.base_url = f"http://127.0.0.1:{self._server.port}"
        self._server.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()
        self._socket_mode.reset()
        self._server.stop()
        self._server = None

    def __enter__(self) -> SlackEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def bot_token(self) -> str:
        """The token Web API methods accept (read-only: the dispatcher holds it too)."""
        return self._bot_token

    @property
    def app_token(self) -> str:
        """The app-level token apps.connections.open accepts, and nothing else does."""
        return self._app_token

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("start() the emulator first: the port is chosen then")
        return self._workspaces.shared.base_url

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    # --- handles Slack would send with interactions -----------------------------------------

    def new_response_url(self) -> str:
        base_url = self.base_url
        with self._lock:
            return base_url + self._workspaces.shared.interactions.new_response_url()

    def new_trigger_id(self, view_id: str | None = None, *, team_id: str | None = None) -> str:
        """`view_id`: the modal the interaction happened in (views.push stacks on it); only a
        token of `team_id` (default: the first workspace) may open a view with it."""
        with self._lock:
            team = self._workspaces[team_id].team_id
            return self._workspaces.shared.interactions.new_trigger_id(team, view_id)

    # --- inspecting calls -------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        return self._log.snapshot()

    def calls_to(self, method: str) -> list[Call]:
        return self._log.matching(method)

    def wait_for(
        self,
        method: str,
        *,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """All matching calls (at least `count`); AssertionError if they don't come in time."""
        return self._log.wait_for(method, count=count, timeout=timeout, predicate=predicate)

    def watch(self, watcher: Callable[[Call], None]) -> None:
        """`watcher(call)` as each call is answered, before its caller gets the answer."""
        self._log.watch(watcher)

    def reset(self) -> None:
        self._socket_mode.reset()
        with self._lock:
            self._faults.clear()
            self._limits.reset()
            self._log.clear()
            # One test's conversations are not the next one's; the first workspace's people and
            # channels stay, other workspaces go with the installs that reached them.
            self._workspaces.reset()
            self._workspaces.first.messages.clear()
            self._workspaces.first.reactions.clear()
            self._workspaces.first.chat_write_public = True
            self.grants.reset()

    # --- installs in many workspaces (OAuth) ------------------------------------------------

    def approve_install(self, team_id: str, team_name: str) -> str:
        """What Slack's authorize page redirects back with once an admin of `team_id` approved
        the install: a code for oauth.v2.access (`grants` holds the app's credentials). Its
        tokens act in the workspace of `team_id` (the first one's too, if it is that one)."""
        with self._lock:
            return self.grants.code_for(self._workspaces.team(team_id, team_name))

    def revoke_install(self, team_id: str) -> None:
        """The app was uninstalled from `team_id`: its tokens stop working."""
        with self._lock:
            self.grants.revoke(team_id)

    # --- Socket Mode -----------------------------------------------------------------------

    def wait_for_socket_connection(self, timeout: float = 5.0, *, count: int = 1) -> None:
        """Until `count` connections have been accepted in all and one is open."""
        self._socket_mode.wait_for_connection(timeout, count)

    def socket_send(
        self,
        envelope_type: str,
        payload: dict[str, Any],
        *,
        accepts_response_payload: bool | None = None,
    ) -> str:
        """Send an envelope down the newest connection, as Slack does; its envelope_id.
        `accepts_response_payload` defaults to Slack's: true for commands and interactions."""
        return self._socket_mode.send(envelope_type, payload, accepts_response_payload)

    def wait_for_socket_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """The client's ack of that envelope: `{"envelope_id": ..., "payload": ...}`."""
        return self._socket_mode.wait_for_ack(envelope_id, timeout)

    def socket_disconnect(self, reason: str | None = "refresh_requested") -> None:
        """Close the open connections, after a `disconnect` message when `reason` is set: without
        one, slack_sdk's client only notices at its next health check (every 10 s in Bolt)."""
        self._socket_mode.disconnect(reason)

    # --- arranging the workspaces -----------------------------------------------------------
    # `team_id`: the workspace arranged or read (default: the first one, the bot token's); a
    # workspace other than the first is made on first mention and forgotten by `reset()`.

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        tz: str = "America/New_York",
        is_admin: bool = False,
        is_owner: bool = False,
        deleted: bool = False,
        is_bot: bool = False,
        status_text: str = "",
        status_emoji: str = "",
        status_expiration: int = 0,
        team_id: str | None = None,
    ) -> None:
        name = name or user_id.lower()
        user = User(
            user_id,
            team_id or self.team_id,
            name,
            real_name or name,
            tz,
            is_admin,
            is_owner,
            deleted,
            is_bot,
            status_text,
            status_emoji,
            status_expiration,
        )
        with self._lock:
            self._workspaces[team_id].users[user_id] = user

    def profile(self, user_id: str, *, team_id: str | None = None) -> dict[str, Any]:
        """The user object users.info answers for `user_id`, as user_change events carry it."""
        with self._lock:
            return self._workspaces[team_id].user(user_id).to_slack()

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str,
        is_member: bool = True,
        is_archived: bool = False,
        is_private: bool = False,
        members: Collection[str] = (),
        team_id: str | None = None,
    ) -> None:
        with self._lock:
            self._workspaces[team_id].channels[channel_id] = Channel(
                channel_id, name, is_member, is_archived, is_private, list(members)
            )

    def grant_chat_write_public(self, granted: bool, *, team_id: str | None = None) -> None:
        """Whether the bot's token has chat:write.public (until `reset()`): an install made
        before the scope was added must join a public channel to post in it."""
        with self._lock:
            self._workspaces[team_id].chat_write_public = granted

    def deactivate(self, user_id: str, *, team_id: str | None = None) -> None:
        """The person leaves the workspace: messages to them fail with account_inactive."""
        with self._lock:
            self._workspaces[team_id].user(user_id).deleted = True

    def fail_randomly(
        self,
        share: float,
        *,
        seed: int = 0,
        methods: Collection[str] = RANDOMLY_FAILING,
        retry_after: int = 1,
    ) -> None:
        """From now until `reset()`, a seeded `share` of the calls to `methods` fail: 429 with
        Retry-After, or a 5xx (half of them after the call did its work)."""
        with self._lock:
            self._faults.fail_randomly(share, seed=seed, methods=methods, retry_after=retry_after)

    def set_latency(self, seconds: float) -> None:
        """Every call waits that long before it is answered (until `reset()`)."""
        with self._lock:
            self._faults.latency = seconds

    def messages_in(self, channel: str, *, team_id: str | None = None) -> list[dict[str, Any]]:
        """The messages in a conversation, oldest first, with their metadata."""
        with self._lock:
            messages = self._workspaces[team_id].messages
            found = [m for (c, _), m in messages.items() if c == channel]
            return copy.deepcopy(sorted(found, key=lambda m: float(m["ts"])))

    def messages_by_metadata_key(self, *, team_id: str | None = None) -> dict[str, int]:
        """How many messages carry each outbox key in their metadata (okr_outbox)."""
        counts: dict[str, int] = {}
        with self._lock:
            for message in self._workspaces[team_id].messages.values():
                metadata = message.get("metadata") or {}
                if metadata.get("event_type") == "okr_outbox":
                    key = str(metadata.get("event_payload", {}).get("key"))
                    counts[key] = counts.get(key, 0) + 1
        return counts

    def reactions_on(self, channel: str, ts: str, *, team_id: str | None = None) -> list[str]:
        """The names of the reactions the bot added to a message, sorted."""
        with self._lock:
            reactions = self._workspaces[team_id].reactions
            return sorted(name for c, t, name in reactions if (c, t) == (channel, ts))

    def uploaded(self, file_id: str, *, team_id: str | None = None) -> bytes | None:
        """The bytes of a completed upload, or None if there is no such completed file."""
        with self._lock:
            upload = self._workspaces[team_id].uploads.get(file_id)
            return upload.content if upload is not None and upload.title is not None else None

    def dm_channel(self, user_id: str, *, team_id: str | None = None) -> str:
        """The DM between the bot and `user_id` (opened if it was not)."""
        with self._lock:
            return self._workspaces[team_id].conversation_for([user_id])

    def fail(
        self,
        method: str,
        *,
        error: str | None = None,
        status: int | None = None,
        retry_after: int | None = None,
        delay: float | None = None,
        times: int = 1,
    ) -> None:
        with self._lock:
            self._faults.add(
                method,
                error=error,
                status=status,
                retry_after=retry_after,
                delay=delay,
                times=times,
            )
