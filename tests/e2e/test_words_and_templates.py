"""A workspace's own words, and an operator's template override, in the prompts people receive
in their DM: the prompts job, the outbox's sender, the emulator; over SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot import template_check
from bot.render import use_templates
from storage.models import Workspace
from tests import factories
from tests.bot.prompts.support import tick
from tests.bot.test_template_overrides import REWORDED
from tests.bot_fixtures import RunningBot
from tests.delivery import sender
from tests.e2e.checkin_support import blocks_text

PERIOD = "2026-W47"


def prompt_in_dm(bot: RunningBot) -> dict[str, Any]:
    """Ana (U1, Lisbon) is prompted late on Monday; the prompt as Slack holds it."""
    bot.introduce("U1")
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Delight our customers")
    assert tick(bot.db, bot.clock.now).startswith("1 prompt ")
    assert sender(bot.db, bot.slack, bot.clock).deliver().line().startswith("delivered 1")
    (prompt,) = bot.slack.messages_in(bot.slack.dm_channel("U1"))
    return prompt


def test_a_workspace_saying_goal_and_result_is_prompted_in_its_words(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.person(session, "UADMIN", bot.clock.now, is_admin=True)
        workspace = session.scalars(select(Workspace)).one()
        workspace.word_objective, workspace.word_key_result = "goal", "result"
    prompt = prompt_in_dm(bot)
    shown = blocks_text(prompt)
    assert prompt["text"] == "Time to check in on your results"
    assert "Time to check in on your results for 2026-Q4." in shown
    assert "Or reply here, one line per result" in shown
    assert "key result" not in shown.lower()

    bot.click("prompt_snooze", PERIOD)
    (answer,) = bot.slack.wait_for("response_url")
    snoozed = blocks_text(answer.params)
    assert "Snoozed" in snoozed and "reply here one line per result." in snoozed
    assert "key result" not in snoozed.lower()


@pytest.fixture
def overridden(tmp_path: Path) -> Iterator[Path]:
    """The reworded prompt in TEMPLATES_DIR, checked and in use, as `okr-bot run` does."""
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "prompt.json.j2").write_text(REWORDED)
    assert template_check.problems(directory) == []
    use_templates(directory)
    yield directory
    use_templates(None)


def test_an_operators_override_is_the_prompt_people_receive(
    bot: RunningBot, overridden: Path
) -> None:
    shown = blocks_text(prompt_in_dm(bot))
    assert shown.startswith(":rocket: Friday check-in on your key results for 2026-Q4.")
    assert "Delight our customers" in shown, "the rest of the prompt is as built in"
