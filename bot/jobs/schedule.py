"""APScheduler ticks each job of JOBS inside `okr-bot run`; the database holds the truth, so a
tick that is missed or runs on every replica changes nothing but the timing."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.clock import Clock
from bot.jobs import Job
from bot.slack import Clients
from storage.db import Database

log = logging.getLogger("okr_bot.jobs")

# Ticks fall on whole multiples of each job's interval since this instant: every minute at :00,
# every hour on the hour, whenever the bot was started, so `okr-bot jobs list` can say when.
ALIGNED_TO = datetime(2026, 1, 1, tzinfo=UTC)


def trigger(job: Job) -> IntervalTrigger:
    return IntervalTrigger(seconds=job.every.total_seconds(), start_date=ALIGNED_TO, timezone=UTC)


def next_run(job: Job, now: datetime) -> datetime:
    """When the running bot next runs `job` after `now`."""
    found: datetime | None = trigger(job).get_next_fire_time(None, now)
    assert found is not None, "an interval trigger always fires again"
    return found


def start(jobs: Sequence[Job], db: Database, clients: Clients, clock: Clock) -> BackgroundScheduler:
    """A running scheduler (in-memory job store) with one entry per job, by its name."""
    scheduler = BackgroundScheduler(timezone=UTC)
    for job in jobs:
        scheduler.add_job(
            tick,
            trigger(job),
            args=(job, db, clients, clock),
            id=job.name,
            name=job.name,
            coalesce=True,
            max_instances=1,
            replace_existing=True,
            misfire_grace_time=int(job.every.total_seconds()),
        )
    scheduler.start()
    return scheduler


def tick(job: Job, db: Database, clients: Clients, clock: Clock) -> None:
    """One run of `job` as of now; its line goes to the log."""
    log.info("%s", job.run(db, clients, clock()))
