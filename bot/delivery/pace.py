"""Keeping to Slack's rate limits before Slack has to say so: a sender waits its turn per
workspace and per channel, so that a fan-out runs at the pace Slack allows instead of in bursts
answered by 429 (each of which holds the whole workspace for a second or more); and the holds
themselves, when Slack does say so."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock


@dataclass(frozen=True)
class Limits:
    """Messages per second a workspace and one conversation may take (None: no pacing), and
    how many may go at once after a quiet spell. Slack publishes about 1 message per second per
    conversation, with short bursts, for chat.postMessage."""

    per_workspace: float | None = None
    per_conversation: float | None = 1.0
    burst: int = 3

    def scaled(self, factor: float) -> Limits:
        """The same limits, `factor` times faster (the benchmark's emulator runs scaled)."""
        return Limits(
            None if self.per_workspace is None else self.per_workspace * factor,
            None if self.per_conversation is None else self.per_conversation * factor,
            self.burst,
        )


class _Schedule:
    """The earliest times calls may go at `rate` a second, `burst` at once (GCRA)."""

    def __init__(self, rate: float, burst: int) -> None:
        self.interval = 1 / rate
        self.tolerance = (burst - 1) * self.interval
        self.next_due = 0.0

    def reserve(self, now: float) -> float:
        """The instant this call may go, reserved for it."""
        start = max(now, self.next_due - self.tolerance)
        self.next_due = max(self.next_due, now) + self.interval
        return start


class Pace:
    """Turns for calls, shared by the sender's threads."""

    def __init__(self, limits: Limits, *, monotonic: Callable[[], float] = time.monotonic):
        self.limits = limits
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._schedules: dict[tuple[str, str], _Schedule] = {}

    def turn(self, team_id: str, conversation: str) -> float:
        """Seconds to wait before calling Slack for a message to `conversation`; the turn is
        taken at once, whether or not the caller then waits."""
        now = self._monotonic()
        with self._lock:
            start = now
            if self.limits.per_workspace is not None:
                start = max(start, self._reserve((team_id, ""), self.limits.per_workspace, now))
            if self.limits.per_conversation is not None:
                key = (team_id, conversation)
                start = max(start, self._reserve(key, self.limits.per_conversation, now))
        return start - now

    def _reserve(self, key: tuple[str, str], rate: float, now: float) -> float:
        schedule = self._schedules.get(key)
        if schedule is None or schedule.next_due < now - 60:
            # A conversation quiet for a minute is forgotten: a fan-out to 10,000 people
            # must not keep 10,000 schedules.
            if len(self._schedules) > 10_000:
                self._forget_before(now - 60)
            schedule = self._schedules[key] = _Schedule(rate, self.limits.burst)
        return schedule.reserve(now)

    def _forget_before(self, instant: float) -> None:
        for key in [k for k, s in self._schedules.items() if s.next_due < instant]:
            del self._schedules[key]


class Holds:
    """Workspaces Slack asked to wait (a 429's Retry-After): none of their messages is tried
    before then, by any of the sender's threads."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._until: dict[str, datetime] = {}

    def hold(self, team_id: str, seconds: int) -> None:
        until = self._clock() + timedelta(seconds=seconds)
        with self._lock:
            self._until[team_id] = max(until, self._until.get(team_id, until))

    def left(self, team_id: str) -> int:
        """Whole seconds the workspace must still wait; 0 when it may be called."""
        with self._lock:
            until = self._until.get(team_id)
        if until is None:
            return 0
        seconds = (until - self._clock()).total_seconds()
        return max(1, int(seconds + 0.999)) if seconds > 0 else 0
