"""The `people` job: everyone's profile (time zone, status) from a paged users.list, at most
hourly, so that prompts go out in each person's own zone without a users.info per person."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_sdk.errors import SlackApiError

from bot import people
from bot.slack import Clients, NotInstalled, busy_for
from storage import prompts as stored_prompts
from storage.db import Database

PAGE = 200  # Slack's advice for users.list: no more than 200 a page
MOST_WAITS = 10  # 429s answered by waiting, per workspace and sweep; then the rest waits an hour


def run(db: Database, clients: Clients, now: datetime) -> str:
    return sweep(db, clients, now)


def sweep(
    db: Database, clients: Clients, now: datetime, *, sleep: Callable[[float], None] = time.sleep
) -> str:
    """Describe every member of every workspace from users.list, a page per transaction (Slack
    is never called inside one); a 429 is waited out as Slack's Retry-After asks."""
    with db.begin() as session:
        team_ids = stored_prompts.team_ids(session)
    described, incomplete = 0, 0
    for team_id in team_ids:
        try:
            client = clients.client_for(team_id)
        except NotInstalled:  # OAuth mode, no installation yet: nobody to ask about
            incomplete += 1
            continue
        cursor, waits = "", 0
        while True:
            try:
                answer = client.users_list(limit=PAGE, cursor=cursor or None)
            except SlackApiError as error:
                seconds = busy_for(error)
                if seconds is None or waits >= MOST_WAITS:
                    incomplete += 1
                    break
                waits += 1
                sleep(seconds)
                continue
            members: list[dict[str, Any]] = [
                m
                for m in answer.get("members") or []
                if isinstance(m, dict) and isinstance(m.get("id"), str) and not m.get("is_bot")
            ]
            with db.begin() as session:
                for member in members:
                    people.describe(session, team_id, member["id"], member, now)
            described += len(members)
            cursor = str((answer.get("response_metadata") or {}).get("next_cursor") or "")
            if not cursor:
                break
    line = f"{described} people described in {len(team_ids) - incomplete} workspaces"
    if incomplete:
        line += f", {incomplete} left for the next sweep (Slack said wait)"
    return line
