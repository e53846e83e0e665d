"""Slack's published rate limits as token buckets driven by an injectable clock."""

from __future__ import annotations

import math
from collections.abc import Callable

# Calls per minute, per method, per workspace: https://api.slack.com/apis/rate-limits
TIER_PER_MINUTE = {1: 1, 2: 20, 3: 50, 4: 100}

METHOD_TIERS = {
    "apps.connections.open": 1,
    "users.list": 2,
    "conversations.open": 3,
    "conversations.history": 3,
    "conversations.join": 3,
    "conversations.info": 3,
    "conversations.members": 4,
    "chat.update": 3,
    "reactions.add": 3,
    "auth.test": 4,
    "users.info": 4,
    "views.open": 4,
    "views.push": 4,
    "views.update": 4,
    "views.publish": 4,
    "chat.postEphemeral": 4,
    "files.getUploadURLExternal": 4,
    "files.completeUploadExternal": 4,
}

# chat.postMessage is "special": about one message per second per channel with short bursts,
# plus a workspace-wide ceiling across all channels.
POST_PER_CHANNEL = (3.0, 1.0)
POST_PER_WORKSPACE = (100.0, 1.5)

# Refills are float arithmetic; without slack, 0.9999999 tokens would refuse a call that is due.
_EPSILON = 1e-9


class TokenBucket:
    def __init__(self, capacity: float, per_second: float, now: float) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self.tokens = capacity
        self.updated = now

    def wait_time(self, now: float) -> float:
        """Seconds until a token is available; 0 when one is available now."""
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
            self.updated = now
        if self.tokens >= 1 - _EPSILON:
            return 0.0
        return (1 - self.tokens) / self.per_second

    def take(self) -> None:
        self.tokens -= 1


def retry_after(wait: float) -> int:
    """Slack's Retry-After: whole seconds, never 0 (clients would retry at once)."""
    return max(1, math.ceil(wait - _EPSILON))


class RateLimiter:
    """Per workspace, as Slack limits each app's calls in each workspace separately. Not
    thread-safe by itself: the emulator calls it under its state lock."""

    def __init__(self, clock: Callable[[], float], scale: float = 1.0) -> None:
        if scale <= 0:
            raise ValueError("rate_limit_scale must be positive")
        self._clock = clock
        self._scale = scale
        self._buckets: dict[tuple[str, str, str], TokenBucket] = {}

    def acquire(self, team_id: str, method: str, *, channel: str | None = None) -> float:
        """0.0 and a token spent if the call may proceed, else the seconds to wait."""
        now = self._clock()
        buckets = [
            self._bucket((team_id, *key), limits, now)
            for key, limits in self._limits(method, channel)
        ]
        wait = max((b.wait_time(now) for b in buckets), default=0.0)
        if wait > 0:
            return wait
        for bucket in buckets:
            bucket.take()
        return 0.0

    def reset(self) -> None:
        self._buckets.clear()

    def _limits(
        self, method: str, channel: str | None
    ) -> list[tuple[tuple[str, str], tuple[float, float]]]:
        if method == "chat.postMessage":
            limits = [(("chat.postMessage", "*"), POST_PER_WORKSPACE)]
            if channel:
                limits.append((("chat.postMessage", channel), POST_PER_CHANNEL))
            return limits
        tier = METHOD_TIERS.get(method)
        if tier is None:
            return []
        per_minute = float(TIER_PER_MINUTE[tier])
        return [((method, "*"), (per_minute, per_minute / 60))]

    def _bucket(
        self, key: tuple[str, str, str], limits: tuple[float, float], now: float
    ) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            capacity, per_second = limits
            bucket = self._buckets[key] = TokenBucket(capacity, per_second * self._scale, now)
        return bucket
