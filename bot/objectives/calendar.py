"""Which cycles an objective may be set for: the quarters around today."""

from __future__ import annotations

from datetime import date, timedelta

from bot.cycles import Quarter, next_quarter, quarter_named, quarter_of


def cycle_choices(today: date, fiscal_start_month: int, keep: str | None = None) -> list[Quarter]:
    """Last quarter, this one and the next two; plus `keep` (an objective's own cycle)."""
    current = quarter_of(today, fiscal_start_month)
    previous = quarter_of(current.starts_on - timedelta(days=1), fiscal_start_month)
    following = next_quarter(current, fiscal_start_month)
    choices = [previous, current, following, next_quarter(following, fiscal_start_month)]
    kept = quarter_named(keep, fiscal_start_month) if keep else None
    if kept is not None and kept not in choices:
        choices.insert(0, kept)
    return choices


def chosen(name: str, choices: list[Quarter]) -> Quarter | None:
    """The quarter picked in the form, only if it was one of the choices offered."""
    return next((q for q in choices if q.name == name), None)


def describe(quarter: Quarter, current: Quarter) -> str:
    """`2026-Q4 · 1 Oct – 31 Dec 2026 · current`, as an option label."""
    label = f"{quarter.name} · {quarter.starts_on:%-d %b} – {quarter.ends_on:%-d %b %Y}"
    return f"{label} · current" if quarter == current else label
