"""What a refused request must leave behind: nothing at all."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import Base
from tests.bot_fixtures import RunningBot


def stored_rows(bot: RunningBot) -> dict[str, int]:
    with bot.db.begin() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def assert_nothing_happened(bot: RunningBot) -> None:
    assert bot.slack.calls == [], "nothing may reach Slack: no response_url, no DM, no post"
    assert set(stored_rows(bot).values()) == {0}, "nothing may be stored"
