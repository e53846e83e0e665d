"""Use cases of the check-in modal: open it for one objective or all mine, save each page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import paging
from bot.checkins import modal_pages, record
from bot.checkins.checkable import (
    checkable_key_results,
    checkable_objective,
    key_result_numbers,
    my_objectives,
    numbered_key_results,
    offered,
    pick,
    this_cycle,
)
from bot.checkins.modal_pages import Pagination
from bot.checkins.status import describe, describe_objective
from bot.ids import FormErrors
from bot.people import ensure_workspace, workspace_today
from bot.permissions import can_change
from bot.refusals import refuse
from bot.render import render
from storage import check_ins as stored_check_ins
from storage import objectives as stored
from storage.models import Cycle, KeyResult, Person


@dataclass(frozen=True)
class Answer:
    """Either a modal to open or an ephemeral message to answer with."""

    view: dict[str, Any] | None = None
    message: dict[str, Any] | None = None


def _modal(session: Session, person: Person, key_results: list[KeyResult], now: datetime) -> Any:
    cycle = this_cycle(session, person, now)
    today = _today(session, person, now)
    numbers = key_result_numbers(session, person, cycle)
    pages = _pages(key_results, cycle, today, numbers)
    pagination = modal_pages.first_page(pages)
    context = modal_pages.modal_context(pages[0], pagination, cycle, today, numbers)
    return render("checkin_modal", **context)


def _pages(
    key_results: Sequence[KeyResult], cycle: Cycle, today: date, numbers: dict[int, int]
) -> list[list[KeyResult]]:
    """The key results in modal pages of at most 100 blocks; an objective kept whole if it fits.
    A page shown again to confirm a value has a block more per question: room is kept for one."""
    # The blocks do not depend on which page this is: any page's numbers will do to count them.
    counting = Pagination([], [], [], 1, 1)

    def page(shown: Sequence[KeyResult]) -> Any:
        context = modal_pages.modal_context(shown, counting, cycle, today, numbers)
        return render("checkin_modal", **context, spare=len(shown))

    return paging.pages(key_results, page, paging.VIEW_BLOCKS, lambda kr: kr.objective_id)


def _today(session: Session, person: Person, now: datetime) -> date:
    return workspace_today(ensure_workspace(session, person.team_id, now), now)


def open_for_objective(
    session: Session, person: Person, objective_id: object, now: datetime
) -> Any:
    """The modal for one objective (the "Check in" button); Refused when not allowed."""
    objective = checkable_objective(session, person, objective_id, this_cycle(session, person, now))
    if not objective.key_results:
        raise refuse("check-in", "no_key_results", title=objective.title, objective_id=objective.id)
    return _modal(session, person, list(objective.key_results), now)


def open_mine(session: Session, person: Person, words: str, now: datetime) -> Answer:
    """`/okr checkin [number | title start]`: all my active objectives, or the one named."""
    cycle = this_cycle(session, person, now)
    chosen = pick(my_objectives(session, person, cycle), words)
    key_results = numbered_key_results(chosen.chosen)
    if chosen.problem or not key_results:
        message = render(
            "checkin_pick",
            command="checkin",
            problem=chosen.problem or "no_key_results",
            words=words,
            candidates=chosen.candidates or offered(chosen.chosen),
            cycle=cycle.name,
        )
        return Answer(message=message)
    return Answer(view=_modal(session, person, key_results, now))


@dataclass(frozen=True)
class PageSaved:
    """A page was stored: show `view` next (the following page, or the summary)."""

    view: dict[str, Any] | None = None
    errors: FormErrors | None = None


def save_page(
    session: Session, person: Person, metadata: str, values: dict[str, Any], now: datetime
) -> PageSaved:
    """Check and store one page; inline errors store nothing; Refused stores nothing either."""
    pagination = Pagination.from_metadata(metadata)
    cycle = this_cycle(session, person, now)
    key_results = checkable_key_results(session, person, pagination.key_results, cycle)
    if not key_results:
        raise refuse("check-in", "not_found")
    read = modal_pages.read_entries(key_results, values)
    if read.errors:
        return PageSaved(errors=read.errors)
    today = _today(session, person, now)
    numbers = key_result_numbers(session, person, cycle)
    if read.questions:
        context = modal_pages.modal_context(
            key_results, pagination, cycle, today, numbers, read.typed
        )
        return PageSaved(view=render("checkin_modal", **context))
    entries = read.entries
    rows = record.record(
        session,
        author_id=person.user_id,
        key_results=key_results,
        entries=entries,
        effective_on=today,
        now=now,
        source="modal",
    )
    saved = [row.id for row in rows]
    repeated = len(entries) - len(rows)
    remaining = _still_checkable(session, person, pagination.rest, cycle)
    if remaining:
        pages = _pages(remaining, cycle, today, numbers)
        following = modal_pages.next_page(pagination, pages, saved)
        context = modal_pages.modal_context(pages[0], following, cycle, today, numbers)
        return PageSaved(view=render("checkin_modal", **context))
    return PageSaved(
        view=summary(session, person, [*pagination.saved, *saved], cycle, today, repeated)
    )


def _still_checkable(
    session: Session, person: Person, ids: list[int], cycle: Cycle
) -> list[KeyResult]:
    """The later pages' key results, less any archived or taken away in the meantime."""
    found = (stored.key_result(session, person.team_id, kr_id) for kr_id in ids)
    return [
        kr
        for kr in found
        if kr is not None
        and can_change(kr.objective, person)
        and kr.objective.state == "active"
        and kr.objective.cycle_id == cycle.id
    ]


def summary(
    session: Session,
    person: Person,
    check_in_ids: list[int],
    cycle: Cycle,
    today: date,
    repeated: int = 0,
) -> Any:
    """What was saved, with progress, pace and status, and what deserves a second look."""
    rows = stored_check_ins.live_by_author(session, person.team_id, person.user_id, check_in_ids)
    key_results = list({row.key_result_id: row.key_result for row in rows}.values())
    numbers = key_result_numbers(session, person, cycle)

    def listing(count: int) -> Any:
        groups: dict[int, dict[str, Any]] = {}
        for kr in key_results[:count]:
            if kr.objective_id not in groups:
                lines = [describe(each, cycle, today) for each in kr.objective.key_results]
                groups[kr.objective_id] = {
                    "objective": describe_objective(kr.objective, lines),
                    "lines": [],
                }
            groups[kr.objective_id]["lines"].append(
                describe(kr, cycle, today, numbers.get(kr.id, 0))
            )
        return render(
            "checkin_done",
            groups=list(groups.values()),
            saved=len(rows),
            repeated=repeated,
            more=len(key_results) - count,
            cycle=cycle.name,
            today=today,
        )

    return listing(paging.most_that_fit(len(key_results), listing, paging.VIEW_BLOCKS))


def storage_failed(metadata: str) -> FormErrors:
    """The inline error shown when the page could not be stored: nothing was, try again."""
    ids = Pagination.from_metadata(metadata).key_results
    block = f"value-{ids[0]}" if ids else "value"
    return {block: "Your check-in was not saved: the database did not answer. Submit again."}
