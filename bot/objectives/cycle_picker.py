"""Which cycles an objective may be set for: the quarters around today."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot import people, stored_cycles
from bot.cycles import Quarter, next_quarter, quarter_of
from storage.models import Workspace


@dataclass(frozen=True)
class Offer:
    choices: list[Quarter]
    current: Quarter


def cycle_choices(
    today: date,
    fiscal_start_month: int,
    keep: Quarter | None = None,
    stored: Callable[[Quarter], Quarter] = lambda quarter: quarter,
) -> list[Quarter]:
    """Last quarter, this one and the next two, as `stored`; plus `keep` (an objective's own)."""
    current = quarter_of(today, fiscal_start_month)
    previous = quarter_of(current.starts_on - timedelta(days=1), fiscal_start_month)
    following = next_quarter(current, fiscal_start_month)
    around = [previous, current, following, next_quarter(following, fiscal_start_month)]
    choices = [stored(quarter) for quarter in around]
    if keep is not None and all(quarter.name != keep.name for quarter in choices):
        choices.insert(0, keep)  # the form tells choices apart by name: never two of one name
    return choices


def offer(session: Session, workspace: Workspace, now: datetime, keep: str | None) -> Offer:
    """The cycles on offer as they are stored, plus the one named `keep` (an objective's own)."""
    today = people.workspace_today(workspace, now)
    fiscal_start = workspace.fiscal_year_start_month

    def stored(quarter: Quarter) -> Quarter:
        return stored_cycles.as_stored(session, workspace.team_id, quarter)

    kept = stored_cycles.named(session, workspace.team_id, keep, fiscal_start) if keep else None
    return Offer(
        cycle_choices(today, fiscal_start, kept, stored),
        stored(quarter_of(today, fiscal_start)),
    )


def chosen(name: str, choices: list[Quarter]) -> Quarter | None:
    """The quarter picked in the form, only if it was one of the choices offered."""
    return next((q for q in choices if q.name == name), None)


def describe(quarter: Quarter, current: Quarter) -> str:
    """`2026-Q4 · 1 Oct – 31 Dec 2026 · current`, as an option label."""
    label = f"{quarter.name} · {quarter.starts_on:%-d %b} – {quarter.ends_on:%-d %b %Y}"
    return f"{label} · current" if quarter == current else label
