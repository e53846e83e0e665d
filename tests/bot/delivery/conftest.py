"""A Slack emulator of each test's own: messages from another test must not count here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.emulator import SlackEmulator


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(team_id="T0001", rate_limit_scale=1000) as emulator:
        yield emulator
