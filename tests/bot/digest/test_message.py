"""A digest too long for one message shows the objectives that fit and counts the rest; its
outbox key is its channel's and week's."""

from __future__ import annotations

from bot.digest.message import laid_out, outgoing
from bot.paging import MESSAGE_BLOCKS
from bot.words import Words
from tests.e2e.checkin_support import blocks_text
from tests.template_samples.digest import HOSTILE_TEAM, TEAM, digest


def test_sixty_objectives_fit_in_fifty_blocks_and_the_rest_are_counted() -> None:
    many = digest([TEAM] * 30 + [HOSTILE_TEAM] * 30)
    message = laid_out(many, Words("OKR", "goal", "result"))
    blocks = message["blocks"]
    assert len(blocks) == MESSAGE_BLOCKS
    listed = sum(1 for block in blocks if "▰" in str(block) or "▱" in str(block))
    assert f"…and {60 - listed} more goals:" in blocks_text(message)
    assert "Weekly OKR digest: 60 goals" in message["text"]


def test_a_short_digest_shows_every_objective_and_is_keyed_by_channel_and_week() -> None:
    message = outgoing(digest([TEAM, TEAM]), Words())
    assert message.key == "digest:C0TEAM:2026-W49"
    assert message.channel == "C0TEAM"
    assert "more objectives" not in blocks_text({"blocks": message.blocks})
    assert blocks_text({"blocks": message.blocks}).count("*Delight our customers*") == 2
