"""The Home tab's charts, one per objective: shown from what was uploaded, drawn again and
uploaded after Home is published when the data drawn has changed (storage/charts.py)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.charts.asked import Chart, objective_chart
from bot.charts.series import fingerprint
from bot.checkins.checkable import my_objectives, this_cycle
from bot.people import ensure_workspace
from bot.words import words_of
from storage import charts as stored
from storage.models import Person

SUBJECT = "objective"


@dataclass(frozen=True)
class Stale:
    """An objective whose chart is missing or draws other data than it has now."""

    objective_id: int
    chart: Chart
    fingerprint: str


def shown(session: Session, team_id: str, objective_ids: Collection[int]) -> dict[int, str]:
    """{objective id: the file id of its uploaded chart}, for the image blocks."""
    found = stored.uploaded(session, team_id, SUBJECT, objective_ids)
    return {objective_id: row.file_id for objective_id, row in found.items()}


def stale(session: Session, person: Person, now: datetime) -> list[Stale]:
    """The person's Home objectives whose chart must be drawn and uploaded (again)."""
    cycle = this_cycle(session, person, now)
    objectives = my_objectives(session, person, cycle)
    words = words_of(ensure_workspace(session, person.team_id, now))
    uploaded = stored.uploaded(session, person.team_id, SUBJECT, [o.id for o in objectives])
    found = []
    for objective in objectives:
        chart = objective_chart(session, objective, cycle, words)
        drawn = fingerprint(chart.series)
        row = uploaded.get(objective.id)
        if row is None or row.fingerprint != drawn:
            found.append(Stale(objective.id, chart, drawn))
    return found


def record(
    session: Session, team_id: str, uploads: Sequence[tuple[Stale, str]], now: datetime
) -> None:
    """Remember each (stale chart, file id) uploaded for it."""
    for chart, file_id in uploads:
        stored.record(
            session,
            team_id,
            SUBJECT,
            chart.objective_id,
            file_id=file_id,
            fingerprint=chart.fingerprint,
            now=now,
        )
