"""The sender: claims due outbox rows in one short transaction, calls Slack outside any, and
records each outcome in another. Several senders, in one process or many, share a database:
each row is leased to one of them at a time, and a row whose lease ran out (its sender died in
the middle of a call) is first looked for in its conversation, so that it is never sent twice."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from queue import Empty, SimpleQueue

from slack_sdk.errors import SlackClientError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.delivery import channel_access
from bot.delivery.attempt import Edited, Failed, Later, Outcome, Retry, Row, deliver
from bot.delivery.pace import Holds, Limits, Pace
from bot.delivery.recording import Report, settlement
from bot.settings import DEFAULT_OUTBOX_LEASE_SECONDS
from bot.slack import UNINSTALLED, Clients, NotInstalled
from storage import outbox
from storage.db import Database, describe_failure
from storage.models import OutboxMessage

log = logging.getLogger("okr_bot.delivery")

# How long a claim lasts unless OUTBOX_LEASE_SECONDS says otherwise: longer than any batch
# takes to send, at the pace Slack allows.
LEASE = timedelta(seconds=DEFAULT_OUTBOX_LEASE_SECONDS)
# Outcomes recorded together, at most this many or this many seconds after the first.
RECORD_EVERY, RECORD_WITHIN = 50, 0.5


def sender_name() -> str:
    """Who holds a lease: the host, the process and this sender."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Sender:
    """Delivers the outbox: `deliver()` everything due (`okr-bot jobs run`), `run()` in the
    running bot, woken by `wake()` when a transaction queued something, and `step()`, one batch,
    for tests that drive it by hand. `close()` when done."""

    def __init__(
        self,
        db: Database,
        clients: Clients,
        *,
        clock: Clock,
        workers: int = 4,
        limits: Limits | None = None,
        poll_seconds: float = 30.0,
        name: str | None = None,
        lease: timedelta = LEASE,
    ) -> None:
        self.db = db
        self.clients = clients
        self.clock = clock
        self.name = name or sender_name()
        self.workers = workers
        self.poll_seconds = poll_seconds
        self.lease = lease
        self._pace = Pace(limits or Limits())
        self._holds = Holds(clock)
        self._woken = threading.Event()
        self._stopping = threading.Event()
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="okr-sender")
        # The bot's user id per workspace, asked of Slack once, for the admins' /invite DM.
        self._bot_users: dict[str, str] = {}

    # --- the running bot -----------------------------------------------------------------

    def wake(self) -> None:
        """Something was queued: look now rather than at the next poll."""
        self._woken.set()

    def run(self) -> None:
        """Deliver until `stop()`; then give back every row claimed and not called for."""
        try:
            while not self._stopping.is_set():
                self._woken.clear()
                try:
                    report = self.deliver()
                except SQLAlchemyError as exc:
                    # Rows claimed and not recorded come back when their lease runs out.
                    log.warning(
                        "Outbox: the database failed (%s); looking again in %s s",
                        describe_failure(exc),
                        self.poll_seconds,
                    )
                else:
                    if report.sent or report.failed:
                        log.info("Outbox: %s", report.line())
                self._woken.wait(self.poll_seconds)
        finally:
            self.close()

    def stop(self) -> None:
        self._stopping.set()
        self._woken.set()

    def close(self) -> None:
        """Give back what this sender holds and stop its threads (calls in flight finish)."""
        self._pool.shutdown(wait=True)
        with self.db.begin() as session:
            released = outbox.release(session, self.name)
        if released:
            log.info("Outbox: gave back %s claimed messages", released)

    # --- delivering ----------------------------------------------------------------------

    def deliver(self) -> Report:
        """Send every row due now, keeping up to a few batches in flight, until none is due
        (or the sender is stopping). Rows retried later stay for a later call."""
        report = Report()
        finished: SimpleQueue[tuple[Row, Outcome]] = SimpleQueue()
        in_flight = 0
        done: list[tuple[Row, Outcome]] = []
        first_done = 0.0
        while True:
            if not self._stopping.is_set() and in_flight < self.workers * 2:
                rows = self._claim(self._batch() - in_flight)
                for row in rows:
                    self._pool.submit(self._attempt_into, row, finished)
                in_flight += len(rows)
            if not in_flight:
                break
            before = len(done)
            try:
                done.append(finished.get(timeout=RECORD_WITHIN))
                while len(done) < RECORD_EVERY:
                    done.append(finished.get_nowait())
            except Empty:
                pass
            in_flight -= len(done) - before
            if done and not first_done:
                first_done = time.monotonic()
            if done and (
                len(done) >= RECORD_EVERY
                or not in_flight
                or time.monotonic() - first_done >= RECORD_WITHIN
            ):
                self._record(done, report)
                done, first_done = [], 0.0
        self._record(done, report)
        return report

    def _batch(self) -> int:
        """Rows claimed at once: enough to keep every thread busy, few enough to be sent well
        within the lease at the workspace's pace."""
        batch = self.workers * 4
        per_second = self._pace.limits.per_workspace
        if per_second is not None:
            batch = min(batch, max(1, int(per_second * self.lease.total_seconds() / 2)))
        return batch

    def step(self) -> Report:
        """Claim one batch, send it and record it (tests drive the sender by this)."""
        report = Report()
        rows = self._claim(self._batch())
        futures = [(row, self._pool.submit(self._attempt, row)) for row in rows]
        self._record([(row, future.result()) for row, future in futures], report)
        return report

    def _claim(self, limit: int) -> list[Row]:
        if limit <= 0:
            return []
        now = self.clock()
        with self.db.begin() as session:
            claimed = outbox.claim(
                session, sender=self.name, now=now, until=now + self.lease, limit=limit
            )
            return [self._row(session, message) for message in claimed]

    def _row(self, session: Session, message: OutboxMessage) -> Row:
        edited = None
        if message.edits_key is not None:
            target = outbox.find(session, message.team_id, message.edits_key)
            edited = (
                Edited(None)
                if target is None
                else Edited(target.status, target.sent_channel, target.slack_ts, target.last_error)
            )
        return Row(
            id=message.id,
            team_id=message.team_id,
            key=message.dedupe_key,
            method=message.method,
            channel=message.channel,
            payload=dict(message.payload),
            attempts=message.attempts,
            created_at=message.created_at,
            unsure=message.unsure,
            edited=edited,
        )

    def _attempt_into(self, row: Row, finished: SimpleQueue[tuple[Row, Outcome]]) -> None:
        finished.put((row, self._attempt(row)))

    def _attempt(self, row: Row) -> Outcome:
        if self._stopping.is_set():
            return Later("stopping")
        held = self._holds.left(row.team_id)
        if held:
            return Retry("ratelimited", unsure=False, wait=held)
        pause = self._pace.turn(row.team_id, row.channel)
        if pause > 0 and self._stopping.wait(pause):
            return Later("stopping")
        try:
            outcome = deliver(self.clients.client_for(row.team_id), row)
        except NotInstalled:
            return Failed(UNINSTALLED)
        except Exception as exc:  # a bug of ours must not lose the row: it is tried again
            log.exception("Outbox: delivering %s failed", row.key)
            return Retry(f"{type(exc).__name__}: {exc}"[:200], unsure=True)
        if isinstance(outcome, Retry) and outcome.wait is not None:
            self._holds.hold(row.team_id, outcome.wait)
        if _unreachable(row, outcome) and row.team_id not in self._bot_users:
            self._bot_users[row.team_id] = self._bot_user(row.team_id)
        return outcome

    def _bot_user(self, team_id: str) -> str:
        """The bot's user id, for the mention in `/invite @bot`; "" when Slack does not say."""
        try:
            return str(self.clients.client_for(team_id).auth_test().get("user_id") or "")
        except (SlackClientError, OSError) as exc:  # the DM still goes, with the bot's name
            log.warning("Outbox: could not ask Slack who the bot is: %s", exc)
            return ""

    # --- recording -----------------------------------------------------------------------

    def _record(self, done: list[tuple[Row, Outcome]], report: Report) -> None:
        if not done:
            return
        now = self.clock()
        settlements = [settlement(row, outcome, now, report) for row, outcome in done]
        held: dict[str, datetime] = {}
        for row, outcome in done:
            if isinstance(outcome, Retry) and outcome.wait is not None:
                until = now + timedelta(seconds=outcome.wait)
                held[row.team_id] = max(until, held.get(row.team_id, until))
        with self.db.begin() as session:
            outbox.settle(session, self.name, settlements)
            for team_id, until in held.items():
                outbox.hold(session, team_id, until)
            for row, outcome in done:
                if channel := _unreachable(row, outcome):
                    channel_access.tell_admins_of_failure(
                        session,
                        row.team_id,
                        channel,
                        kind=_kind(row),
                        bot_user_id=self._bot_users.get(row.team_id, ""),
                        now=now,
                    )


def _kind(row: Row) -> str:
    """The kind of message a row is, the first part of its key `kind:recipient:period`."""
    return row.key.split(":", 1)[0]


def _unreachable(row: Row, outcome: Outcome) -> str | None:
    """The private channel a shout-out or digest could not reach, which the admins are told
    of; None for any other outcome."""
    if isinstance(outcome, Failed) and _kind(row) in channel_access.TOLD_ON_FAILURE:
        return outcome.unreachable
    return None


def run_in_thread(sender: Sender) -> Callable[[], None]:
    """Start `sender.run()` in a thread of its own; returns what stops it and waits for it."""
    thread = threading.Thread(target=sender.run, name="okr-sender-loop", daemon=True)
    thread.start()

    def stop() -> None:
        sender.stop()
        thread.join()

    return stop
