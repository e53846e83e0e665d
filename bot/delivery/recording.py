"""What the sender records of each try: sent, tried again later (backoff, or when Slack asked
the workspace to wait), or failed with its reason once retrying is no use."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.delivery.attempt import Failed, Later, Outcome, Row, Sent
from storage import outbox

log = logging.getLogger("okr_bot.delivery")

# Transient failures are tried this many times in all, waiting BACKOFF, then twice as long…
# (about 21 minutes from the first try to the last). A try that failed only while looking for
# an earlier try's message does not count, but nothing is tried once GIVE_UP_AFTER has passed
# since the message was queued.
ATTEMPTS = 8
GIVE_UP_AFTER = timedelta(days=1)  # "a day" in the reason recorded
BACKOFF = timedelta(seconds=10)
LONGEST_BACKOFF = timedelta(minutes=15)
# How soon a chat.update looks again whether the message it edits was sent.
EDIT_WAIT = timedelta(seconds=5)


@dataclass
class Report:
    """What one run of delivery did."""

    sent: int = 0
    failed: int = 0
    retrying: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        words = f"delivered {self.sent}, {self.failed} failed"
        return words + (f", {self.retrying} to retry" if self.retrying else "")


def settlement(row: Row, outcome: Outcome, now: datetime, report: Report) -> outbox.Settlement:
    """What to record of `outcome`, counted in `report`."""
    if isinstance(outcome, Sent):
        report.sent += 1
        return outbox.sent(row.id, row.team_id, channel=outcome.channel, ts=outcome.ts, now=now)
    if isinstance(outcome, Failed):
        return _failed(row, outcome.error, row.attempts + 1, report)
    unsure = row.unsure
    if isinstance(outcome, Later):
        stopping = outcome.reason == "stopping"
        report.retrying += not stopping
        later = now if stopping else now + EDIT_WAIT
        return outbox.retry(
            row.id,
            row.team_id,
            not_before=later,
            error=None,
            attempts=row.attempts,
            unsure=unsure,
        )
    unsure = unsure or outcome.unsure
    if outcome.wait is not None:  # Slack asked to wait: not the message's fault
        report.retrying += 1
        return outbox.retry(
            row.id,
            row.team_id,
            not_before=now + timedelta(seconds=outcome.wait),
            error=outcome.error,
            attempts=row.attempts,
            unsure=unsure,
        )
    attempts = row.attempts + outcome.counts
    if attempts >= ATTEMPTS:
        error = f"gave up after {attempts} attempts: {outcome.error}"
        return _failed(row, error, attempts, report)
    if now - row.created_at >= GIVE_UP_AFTER:
        error = f"gave up: not sent within a day of being queued: {outcome.error}"
        return _failed(row, error, attempts, report)
    report.retrying += 1
    return outbox.retry(
        row.id,
        row.team_id,
        not_before=now + (backoff(attempts) if outcome.counts else waited(now - row.created_at)),
        error=outcome.error,
        attempts=attempts,
        unsure=unsure,
    )


def _failed(row: Row, error: str, attempts: int, report: Report) -> outbox.Settlement:
    log.warning("Outbox: %s not sent: %s", row.key, error)
    report.failed += 1
    report.failures.append(f"{row.key}: {error}")
    return outbox.failed(row.id, row.team_id, error=error, attempts=attempts)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed try: BACKOFF, doubling, at most LONGEST_BACKOFF."""
    longer: timedelta = BACKOFF * 2 ** (attempts - 1)
    return min(longer, LONGEST_BACKOFF)


def waited(age: timedelta) -> timedelta:
    """The wait after a try that used up no attempt: half as long as the message has waited
    already (BACKOFF at least, LONGEST_BACKOFF at most), so that a conversation Slack cannot
    show for hours is looked at a hundred times a day, not every few seconds."""
    return min(LONGEST_BACKOFF, max(BACKOFF, age / 2))
