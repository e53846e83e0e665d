"""What every listener may use: settings, the database, the clock, the /okr dispatch table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.charts.worker import Drawer
from bot.clock import Clock, utc_now
from bot.directory import Directory
from bot.installs import Installs
from bot.settings import Settings
from bot.slack import Clients
from storage.db import Database


@dataclass(frozen=True)
class CommandRequest:
    """One `/okr <name> <args>` invocation, as a subcommand handler sees it."""

    args: str
    body: dict[str, Any]
    ack: Ack
    respond: Respond
    client: WebClient
    context: BoltContext

    @property
    def team_id(self) -> str:
        return str(self.context.team_id)

    @property
    def user_id(self) -> str:
        return str(self.context.user_id)


SubcommandHandler = Callable[[CommandRequest], None]


@dataclass
class Deps:
    settings: Settings
    db: Database
    clients: Clients  # Slack's Web API outside a request: bot/slack.py
    clock: Clock = utc_now
    subcommands: dict[str, SubcommandHandler] = field(default_factory=dict)
    directory: Directory = field(default_factory=Directory)
    installs: Installs | None = None  # OAuth mode: bot/installs.py
    drawer: Drawer = field(default_factory=Drawer)  # charts' drawing process: bot/charts/worker.py
