"""A message the bot has decided to send, queued in the outbox in the deciding transaction.

Its key, `kind:recipient:period`, makes it once: queueing the same key again changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from storage import outbox

# The payload's entry for the reaction: the sender takes it out before calling Slack.
REACTION = "reaction"


@dataclass(frozen=True)
class Outgoing:
    """What to send, to whom, and what makes it one message.

    `kind` names the sort of message (prompt, reminder, prompt_done, change_notice, …);
    `recipient` is the person or channel it is about; `period` is what makes it once (a week,
    a check-in id). `channel` is where it goes: a user id sends a DM. `edits` is the key of an
    earlier message this one replaces in place with chat.update, once that one is sent.
    `reaction` is an emoji name the bot adds to its message once it is posted (🎉 `tada`).
    """

    kind: str
    recipient: str
    period: str
    channel: str
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str | None = None
    edits: str | None = None
    reaction: str | None = None

    @property
    def key(self) -> str:
        return key(self.kind, self.recipient, self.period)


def key(kind: str, recipient: str, period: str) -> str:
    """The outbox key of a message: one per kind, recipient and period in a workspace."""
    return f"{kind}:{recipient}:{period}"


def queue(
    session: Session,
    team_id: str,
    message: Outgoing,
    *,
    now: datetime,
    not_before: datetime | None = None,
) -> bool:
    """Queue `message` in the caller's transaction; False when its key was queued before.
    The running bot's sender is woken when the transaction commits."""
    return outbox.enqueue(
        session,
        team_id=team_id,
        dedupe_key=message.key,
        kind=message.kind,
        channel=message.channel,
        payload=payload_of(message),
        not_before=not_before or now,
        now=now,
        method=method_of(message),
        edits_key=message.edits,
    )


def queue_all(
    session: Session, team_id: str, messages: Sequence[Outgoing], *, now: datetime
) -> set[str]:
    """`queue` for many messages in a few statements (a fan-out): the keys newly queued."""
    return outbox.enqueue_all(
        session,
        team_id,
        [
            outbox.NewMessage(
                dedupe_key=message.key,
                kind=message.kind,
                channel=message.channel,
                payload=payload_of(message),
                not_before=now,
                method=method_of(message),
                edits_key=message.edits,
            )
            for message in messages
        ],
        now=now,
    )


def payload_of(message: Outgoing) -> dict[str, Any]:
    payload: dict[str, Any] = {"text": message.text}
    if message.blocks:
        payload["blocks"] = message.blocks
    if message.thread_ts is not None:
        payload["thread_ts"] = message.thread_ts
    if message.reaction is not None:
        payload[REACTION] = message.reaction
    return payload


def method_of(message: Outgoing) -> str:
    return "chat.update" if message.edits else "chat.postMessage"
