"""What a digest says, as plain data: each objective's progress and pace, who checked in in the
last 7 days and who has not, what needs attention, the biggest movers and what came back on
track. Worked out once for the workspace, then cut per channel."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.checkins.status import KeyResultLine, ObjectiveLine, describe, describe_objective
from bot.presentation import channel_link
from bot.progress import back_on_track, key_result_progress, percent
from storage.models import CheckIn, Cycle, KeyResult, Objective

MOVERS_SHOWN = 3
WORRYING = ("at_risk", "off_track")


@dataclass(frozen=True)
class KeyResultWeek:
    """A key result's line today and what the last 7 days did to it."""

    line: KeyResultLine
    objective: str  # its objective's title
    owner: str  # its objective's owner, by name
    gained: int  # percentage points of progress since the week began (negative: lost)
    back_on_track: bool  # on track again this week after BACK_ON_TRACK_AFTER worrying ones
    checked_in: bool  # a check-in was recorded in the last 7 days

    @property
    def needs_attention(self) -> bool:
        return self.line.behind or self.line.confidence in WORRYING


@dataclass(frozen=True)
class ObjectiveWeek:
    objective: ObjectiveLine
    owner_id: str
    owner: str
    team_channel: str | None  # the channel of a team objective
    key_results: list[KeyResultWeek]


@dataclass(frozen=True)
class Digest:
    """One channel's digest of one week; `channel` is None for the workspace's (the preview
    of a workspace without a digest channel)."""

    week: str
    starts_on: date  # the week's Monday
    cycle: str
    channel: str | None
    team: bool  # a team channel's digest, rather than the workspace's
    objectives: list[ObjectiveWeek]
    checked_in: list[str]
    not_checked_in: list[str]
    attention: list[KeyResultWeek]
    movers: list[KeyResultWeek]
    back_on_track: list[KeyResultWeek]

    @property
    def where(self) -> str:
        return channel_link(self.channel or "")


@dataclass(frozen=True)
class Week:
    """A digest's week (its key and its Monday) and what it looks back to: the first local day
    of its last 7 days, and the instant 7 days ago."""

    key: str
    starts_on: date
    today: date
    first_day: date
    since: datetime


def objective_weeks(
    objectives: Sequence[Objective],
    check_ins: Iterable[CheckIn],
    cycle: Cycle,
    week: Week,
    names: Callable[[str], str],
) -> list[ObjectiveWeek]:
    """Every objective with its key results as of today and over the week."""
    by_key_result: dict[int, list[CheckIn]] = defaultdict(list)
    for check_in in check_ins:
        by_key_result[check_in.key_result_id].append(check_in)
    found = []
    for objective in objectives:
        owner = names(objective.owner_id)
        krs = [
            key_result_week(kr, by_key_result[kr.id], cycle, week, objective.title, owner)
            for kr in objective.key_results
        ]
        line = describe_objective(objective, [kr.line for kr in krs])
        channel = objective.team_channel_id if objective.level == "team" else None
        found.append(ObjectiveWeek(line, objective.owner_id, owner, channel, krs))
    return found


def key_result_week(
    key_result: KeyResult,
    check_ins: Sequence[CheckIn],
    cycle: Cycle,
    week: Week,
    objective: str,
    owner: str,
) -> KeyResultWeek:
    """`check_ins` are the key result's of the week and the few just before, oldest first."""
    line = describe(key_result, cycle, week.today)
    before = [c for c in check_ins if c.effective_on < week.first_day]
    recorded = [c for c in check_ins if c.created_at >= week.since]
    latest = check_ins[-1] if check_ins else None
    return KeyResultWeek(
        line=line,
        objective=objective,
        owner=owner,
        gained=line.percent - percent(_fraction_at_start(key_result, before)),
        back_on_track=latest is not None
        and (latest.effective_on >= week.first_day or latest.created_at >= week.since)
        and back_on_track(c.confidence for c in check_ins),
        checked_in=bool(recorded),
    )


def _fraction_at_start(key_result: KeyResult, before: Sequence[CheckIn]) -> float:
    """Its progress when the week began: the latest check-in before it, else where it started
    (a milestone not done)."""
    kr = key_result
    value = before[-1].value if before else (None if kr.kind == "milestone" else kr.start_value)
    return key_result_progress(kr.kind, kr.start_value, kr.target_value, value).fraction


def digest_of(
    objectives: Sequence[ObjectiveWeek], week: Week, cycle: Cycle, channel: str | None, team: bool
) -> Digest:
    """The digest of these objectives: their owners, risks, movers and recoveries."""
    key_results = [kr for objective in objectives for kr in objective.key_results]
    owners: dict[str, tuple[str, bool]] = {}
    for objective in objectives:
        active = any(kr.checked_in for kr in objective.key_results)
        _, before = owners.get(objective.owner_id, (objective.owner, False))
        owners[objective.owner_id] = (objective.owner, before or active)
    movers = sorted((kr for kr in key_results if kr.gained > 0), key=lambda kr: -kr.gained)
    return Digest(
        week=week.key,
        starts_on=week.starts_on,
        cycle=cycle.name,
        channel=channel,
        team=team,
        objectives=list(objectives),
        checked_in=_by_name(name for name, done in owners.values() if done),
        not_checked_in=_by_name(name for name, done in owners.values() if not done),
        attention=[kr for kr in key_results if kr.needs_attention],
        movers=movers[:MOVERS_SHOWN],
        back_on_track=[kr for kr in key_results if kr.back_on_track],
    )


def _by_name(names: Iterable[str]) -> list[str]:
    return sorted(names, key=lambda name: (name.casefold(), name))
