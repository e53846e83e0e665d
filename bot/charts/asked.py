"""`/okr chart [number | words]` and the Chart button: which charts to send, decided in the
request's transaction; drawing and uploading happen after the answer (bot/charts/sending.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.charts.data import KeyResultSeries, ObjectiveSeries
from bot.charts.series import key_result_series, objective_series
from bot.checkins import matching
from bot.checkins.checkable import (
    key_result_numbers,
    my_objectives,
    numbered_key_results,
    this_cycle,
    visible_objective,
)
from bot.ids import parse_id
from bot.people import ensure_workspace
from bot.refusals import refuse
from bot.render import render
from bot.words import Words, words_of
from storage import check_ins as stored_check_ins
from storage import cycles as stored_cycles
from storage import objectives as stored
from storage.models import CheckIn, Cycle, KeyResult, Objective, Person


@dataclass(frozen=True)
class Chart:
    """One chart to draw and upload: its data, file name, title (plain) and DM comment."""

    series: KeyResultSeries | ObjectiveSeries
    filename: str
    title: str
    comment: str


@dataclass(frozen=True)
class Asked:
    charts: list[Chart]
    reply: dict[str, Any]  # the ephemeral answer: what is on its way, or which to pick


def key_result_chart(session: Session, kr: KeyResult, cycle: Cycle, words: Words) -> Chart:
    rows = stored_check_ins.live_of(session, kr.team_id, [kr.id])
    comment = render(
        "chart_comment", kind="key_result", title=kr.title, cycle=cycle.name, words=words
    )
    return Chart(
        key_result_series(kr, cycle, rows), f"chart-kr-{kr.id}.png", kr.title, comment["text"]
    )


def objective_chart(session: Session, objective: Objective, cycle: Cycle, words: Words) -> Chart:
    ids = [kr.id for kr in objective.key_results]
    rows: dict[int, list[CheckIn]] = {kr_id: [] for kr_id in ids}
    for row in stored_check_ins.live_of(session, objective.team_id, ids):
        rows[row.key_result_id].append(row)
    comment = render(
        "chart_comment", kind="objective", title=objective.title, cycle=cycle.name, words=words
    )
    series = objective_series(objective, cycle, rows)
    return Chart(series, f"chart-objective-{objective.id}.png", objective.title, comment["text"])


def _reply(words: Words, cycle: str, **context: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"problem": None, "asked": "", "titles": [], "candidates": ()}
    fields.update(context)
    reply: dict[str, Any] = render("chart_reply", words=words, cycle=cycle, **fields)
    return reply


def _named(
    krs: Sequence[KeyResult], objectives: Sequence[Objective], asked: str
) -> list[KeyResult]:
    """The key results whose title fits the words best (bot/checkins/matching); ties all kept."""
    titles = {o.id: o.title for o in objectives}
    name = matching.words(asked)
    fits = [
        (found, kr)
        for kr in krs
        if (found := matching.fit(name, matching.Named(kr.title, kr.unit, titles[kr.objective_id])))
    ]
    if not fits:
        return []
    best = max(found for found, _ in fits)
    return [kr for found, kr in fits if found == best]


def for_command(session: Session, person: Person, asked: str, now: datetime) -> Asked:
    """No words: a chart of each of the person's objectives; a number or words: that key result."""
    cycle = this_cycle(session, person, now)
    words = words_of(ensure_workspace(session, person.team_id, now))
    objectives = my_objectives(session, person, cycle)
    if not objectives:
        return Asked([], _reply(words, cycle.name, problem="none"))
    wanted = asked.strip().removeprefix("#")
    if not wanted:
        charts = [objective_chart(session, o, cycle, words) for o in objectives]
        return Asked(charts, _reply(words, cycle.name, titles=[o.title for o in objectives]))
    numbers = key_result_numbers(session, person, cycle)
    krs = numbered_key_results(objectives)
    if wanted.isascii() and wanted.isdigit():
        chosen = [kr for kr in krs if numbers.get(kr.id) == parse_id(wanted)]
    else:
        chosen = _named(krs, objectives, wanted)
    if len(chosen) == 1:
        kr = chosen[0]
        chart = key_result_chart(session, kr, cycle, words)
        return Asked([chart], _reply(words, cycle.name, titles=[kr.title]))
    problem = "ambiguous" if chosen else "no_match"
    offered = tuple((numbers.get(kr.id, 0), kr.title, kr.id) for kr in chosen or krs)
    return Asked([], _reply(words, cycle.name, problem=problem, asked=wanted, candidates=offered))


def for_button(session: Session, person: Person, raw_id: object, now: datetime) -> Asked:
    """The Chart button: that key result's chart, if the person may see its objective."""
    kr_id = parse_id(raw_id)
    kr = stored.key_result(session, person.team_id, kr_id) if kr_id is not None else None
    if kr is None:
        raise refuse("check-in", "not_found")
    objective = visible_objective(session, person, kr.objective_id)
    cycle = stored_cycles.by_id(session, person.team_id, objective.cycle_id)
    cycle = cycle or this_cycle(session, person, now)
    words = words_of(ensure_workspace(session, person.team_id, now))
    chart = key_result_chart(session, kr, cycle, words)
    return Asked([chart], _reply(words, cycle.name, titles=[kr.title]))
