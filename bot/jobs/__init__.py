"""Scheduled jobs: APScheduler only ticks; each job works out from the database what is due at
`now` and queues what to send in the outbox (bot/delivery/)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import people_sweep
from bot.cycle_turn import job as cycle_job
from bot.digest import job as digest_job
from bot.jobs import prune
from bot.prompts import job as prompts_job
from bot.recognition import job as badges_job
from bot.slack import Clients
from storage.db import Database

# A job's work as of one instant: returns one line of what it did, in plain words.
JobRun = Callable[[Database, Clients, datetime], str]


@dataclass(frozen=True)
class Job:
    """A job by its name (its APScheduler id and its `okr-bot jobs run NAME`), how often it
    ticks, and what it does."""

    name: str
    every: timedelta
    description: str
    run: JobRun


# Every job, in one place. Each feature adds its own here.
JOBS: tuple[Job, ...] = (
    Job(
        "prompts",
        timedelta(minutes=1),
        "Queue the check-in prompts and reminders due now, in each person's own time zone",
        prompts_job.run,
    ),
    Job(
        "digest",
        timedelta(minutes=5),
        "Queue the weekly digests due this week, once per channel, in the workspace's time zone",
        digest_job.run,
    ),
    Job(
        "people",
        timedelta(hours=1),
        "Refresh everyone's time zone and Slack status from a paged users.list",
        people_sweep.run,
    ),
    Job(
        "prune",
        timedelta(hours=1),
        f"Forget sent messages after {prune.SENT_KEPT_FOR.days} days and handled requests "
        "after a day",
        prune.run,
    ),
    Job(
        "badges",
        timedelta(hours=1),
        "Give the badge for every key result at 70 % or more to owners of cycles that just ended",
        badges_job.run,
    ),
    Job(
        "cycle",
        timedelta(minutes=15),
        "Queue the close reminders before a cycle ends, the new cycle's invitations and the "
        "cycle summary, once each, in each person's working hours",
        cycle_job.run,
    ),
)
