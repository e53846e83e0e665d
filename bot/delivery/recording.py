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
# (about 80 minutes from the first try to the last). A retry of a message an earlier try may
# have posted makes up to three calls (conversations.open, conversations.history,
# chat.postMessage), so a quarter of such tries fail when a fifth of Slack's answers do: 6
# tries then gave up on a prompt in some runs of 1,700; 12 make it about one in millions.
ATTEMPTS = 12
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
    attempts = row.attempts + 1
    if attempts >= ATTEMPTS:
        error = f"gave up after {attempts} attempts: {outcome.error}"
        return _failed(row, error, attempts, report)
    report.retrying += 1
    return outbox.retry(
        row.id,
        row.team_id,
        not_before=now + backoff(attempts),
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
