"""Every sentence the bot and its docs say is true of the bot as it ships: no feature that is not
there (charts, export) is promised. Milestone shout-outs (celebrations), their settings, weekly
digests, streaks and badges, and closing a cycle with scores are built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [
    ROOT / "README.md",
    ROOT / "manifest.yml",
    ROOT / ".env.example",
    ROOT / "bot" / "commands.py",
    *sorted((ROOT / "bot" / "templates").glob("*.j2")),
]
NOT_BUILT = re.compile(
    r"leaderboard|chart|export|sign in with slack",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_promise_of_a_feature_that_is_not_built(path: Path) -> None:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        found = NOT_BUILT.search(line)
        assert found is None, f"{path.name}:{number} promises {found.group(0)!r}: {line.strip()}"
