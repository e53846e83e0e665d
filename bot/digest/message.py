"""A digest laid out as a message (template `digest`), within Slack's 50 blocks: posted as an
`Outgoing` keyed by channel and week, or shown to one person as a preview."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.delivery.outgoing import Outgoing
from bot.digest.content import Digest
from bot.paging import MESSAGE_BLOCKS, most_that_fit
from bot.presentation import channel_link
from bot.render import render
from bot.words import Words

KIND = "digest"
# Key results listed under "needs attention" before "…and N more".
ATTENTION_SHOWN = 10


@dataclass(frozen=True)
class Posting:
    """Where and when a previewed digest is posted: `channel` None when it is not (the
    workspace's digest without a digest channel)."""

    channel: str | None
    weekday: str  # Friday
    time: str  # 16:00
    zone: str  # Europe/Berlin

    @property
    def where(self) -> str:
        return channel_link(self.channel or "")


def laid_out(digest: Digest, words: Words, preview: Posting | None = None) -> dict[str, Any]:
    """The digest with as many objectives as fit in one message; the rest are counted."""

    def with_objectives(count: int) -> Any:
        return render(
            "digest",
            digest=digest,
            shown=digest.objectives[:count],
            more=len(digest.objectives) - count,
            attention=digest.attention[:ATTENTION_SHOWN],
            more_attention=max(0, len(digest.attention) - ATTENTION_SHOWN),
            words=words,
            preview=preview,
        )

    shown = most_that_fit(len(digest.objectives), with_objectives, MESSAGE_BLOCKS)
    message: dict[str, Any] = with_objectives(shown)
    return message


def outgoing(digest: Digest, words: Words) -> Outgoing:
    """The digest to post in its channel, once per channel and week: `digest:<channel>:<week>`."""
    assert digest.channel is not None
    message = laid_out(digest, words)
    return Outgoing(
        kind=KIND,
        recipient=digest.channel,
        period=digest.week,
        channel=digest.channel,
        text=message["text"],
        blocks=message["blocks"],
    )
