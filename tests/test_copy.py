"""Every sentence the bot and its docs say is true of the bot as it ships: no feature that is not
there (digests, streaks, badges, scoring, charts, export) is promised. Milestone shout-outs
(celebrations) are built."""

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
    r"digest|streak|badge|leaderboard|scor(e|es|ing)\b|chart|export|sign in with slack",
    re.IGNORECASE,
)

# Built: the settings of celebrations and digests (their channels, milestones, day and time, and
# Celebrate quietly), which these templates are about; elsewhere only these phrases name them.
SETTINGS_TEMPLATES = {
    "_settings.j2",
    "settings_modal.json.j2",
    "settings_saved.json.j2",
    "channel_access.json.j2",
    "objective_modal.json.j2",
}
SETTINGS_WORDS = re.compile(r"celebrat\w*|digest\w*", re.IGNORECASE)
SETTINGS_PHRASES = re.compile(
    r"celebration channel|digest channel|digest day and time|celebrate quietly"
    r"|celebrations and digests",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_promise_of_a_feature_that_is_not_built(path: Path) -> None:
    built = SETTINGS_WORDS if path.name in SETTINGS_TEMPLATES else SETTINGS_PHRASES
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        found = NOT_BUILT.search(built.sub("", line))
        assert found is None, f"{path.name}:{number} promises {found.group(0)!r}: {line.strip()}"
