"""What `okr-bot run` does besides answering Slack: ticking the jobs and delivering the outbox.
Both start with the bot and stop with it, leaving no outbox row claimed."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta

from bot.clock import Clock
from bot.delivery.sender import LEASE, Sender, run_in_thread
from bot.jobs import JOBS, Job, schedule
from bot.slack import Clients
from storage.db import Database

log = logging.getLogger("okr_bot")

# How often the sender looks for due rows when nothing woke it: rows queued by another process
# (a replica, `okr-bot jobs run`) or due again after a backoff.
POLL_SECONDS = 5.0


@contextmanager
def jobs_and_delivery(
    db: Database,
    *,
    clients: Clients,
    delivery_clients: Clients,
    clock: Clock,
    jobs: Sequence[Job] = JOBS,
    lease: timedelta = LEASE,
) -> Iterator[Sender]:
    """Run the scheduler and a sender until the block ends. The sender is woken by every
    commit that queued a message; the scheduler stops first, so nothing is queued after the
    sender has given back its rows."""
    sender = Sender(db, delivery_clients, clock=clock, poll_seconds=POLL_SECONDS, lease=lease)
    db.after_queueing.append(sender.wake)
    stop_sender = run_in_thread(sender)
    scheduler = schedule.start(jobs, db, clients, clock)
    log.info("Delivering the outbox; jobs: %s", ", ".join(job.name for job in jobs) or "none")
    try:
        yield sender
    finally:
        scheduler.shutdown(wait=True)
        stop_sender()
        db.after_queueing.remove(sender.wake)
