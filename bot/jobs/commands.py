"""`okr-bot jobs list`, `okr-bot jobs run NAME [--now ISO-8601]` and `okr-bot outbox`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.clock import Clock, utc_now
from bot.delivery.sender import Sender
from bot.jobs import JOBS, Job, schedule
from bot.slack import Clients
from storage import outbox
from storage.db import Database

# Failed messages `okr-bot outbox` lists, newest first.
FAILURES_SHOWN = 20


class JobsError(Exception):
    """What was asked cannot be done, in plain words (the command exits 2)."""


def find(name: str, jobs: Sequence[Job] = JOBS) -> Job:
    for job in jobs:
        if job.name == name:
            return job
    names = ", ".join(job.name for job in jobs)
    raise JobsError(f"There is no job named {name!r}: the jobs are {names}.")


def instant(text: str | None) -> datetime:
    """The instant `--now` names (UTC when it says no offset); now when not given."""
    if text is None:
        return utc_now()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise JobsError(
            f"--now takes an ISO 8601 date and time, such as 2026-11-30T09:00 or "
            f"2026-11-30T09:00:00+01:00; {text!r} is not one."
        ) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def listing(now: datetime, jobs: Sequence[Job] = JOBS) -> list[str]:
    """One line per job: its name, how often it runs, its next run, what it does."""
    width = max((len(job.name) for job in jobs), default=0)
    return [
        f"{job.name:<{width}}  every {_every(job)}, next at "
        f"{schedule.next_run(job, now):%Y-%m-%d %H:%M} UTC  {job.description}"
        for job in jobs
    ]


def run_once(job: Job, db: Database, clients: Clients, sender: Sender, now: datetime) -> str:
    """Run `job` as of `now`, then deliver everything due; one line of what both did, named
    by the job (`prompts: 12 prompts and 0 reminders queued, …; delivered 12, 0 failed`)."""
    line = job.run(db, clients, now)
    report = sender.deliver()
    return f"{job.name}: {line}; {report.line()}"


def flowing_from(start: datetime) -> Clock:
    """A clock that reads `start` now and moves on with real time: a run as of an instant
    still sees its leases and backoffs pass."""
    began = time.monotonic()
    return lambda: start + _seconds(time.monotonic() - began)


def outbox_summary(db: Database) -> list[str]:
    with db.begin() as session:
        counts = outbox.counts(session)
        failures = outbox.failures(session, limit=FAILURES_SHOWN)
        lines = [", ".join(f"{n} {status}" for status, n in counts.items())]
        lines += [
            f"  failed {row.dedupe_key} ({row.team_id}, to {row.channel}): {row.last_error}"
            for row in failures
        ]
    return lines


def _every(job: Job) -> str:
    seconds = int(job.every.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return unit if count == 1 else f"{count} {unit}s"
    return f"{seconds} seconds"


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)
