"""`/okr export [cycle]`: the CSV of what the person may see of a cycle, as `/okr list` shows it
(public objectives and their own private ones; an admin sees every one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import people, stored_cycles
from bot.cycles import cycle_name
from bot.export import table
from bot.render import render
from bot.words import words_of
from storage import exports
from storage.models import Person
from storage.objectives import Viewer


@dataclass(frozen=True)
class Prepared:
    """An export to build and upload once the request is answered."""

    cycle_id: int
    cycle: str
    count: int
    reply: dict[str, Any]  # the answer saying it is on its way
    comment: str  # the text beside the file in the DM
    title: str  # the file's title in Slack, in the workspace's words: "OKRs 2026-Q4"


def prepare(
    session: Session, person: Person, args: str, now: datetime
) -> Prepared | dict[str, Any]:
    """The cycle asked for and how much it holds, or the answer when there is nothing to send."""
    workspace = people.ensure_workspace(session, person.team_id, now)
    words = words_of(workspace)
    typed = args.strip()
    if not typed:
        cycle = people.current_cycle(session, workspace, now)
    else:
        name = cycle_name(typed) if len(typed.split()) == 1 else None
        quarter = (
            stored_cycles.named(session, person.team_id, name, workspace.fiscal_year_start_month)
            if name
            else None
        )
        found = stored_cycles.find(session, person.team_id, quarter) if quarter else None
        if found is None:
            known = exports.cycle_names(session, person.team_id)
            return _reply("unknown_cycle", words, typed=typed, known=known)
        cycle = found
    count = exports.visible_count(session, person.team_id, cycle.id, viewer(person))
    if count == 0:
        return _reply("nothing", words, cycle=cycle.name)
    reply = _reply("sending", words, cycle=cycle.name, count=count)
    comment = str(_reply("sent", words, cycle=cycle.name, count=count)["text"])
    return Prepared(cycle.id, cycle.name, count, reply, comment, f"{words.okrs} {cycle.name}")


def csv_for(session: Session, person: Person, prepared: Prepared) -> bytes:
    objectives = exports.cycle_objectives(
        session, person.team_id, prepared.cycle_id, viewer(person)
    )
    return table.to_csv(objectives, prepared.cycle)


def file_name(prepared: Prepared) -> str:
    return f"okr-{prepared.cycle}.csv"


def viewer(person: Person) -> Viewer:
    return Viewer(person.user_id, person.is_admin)


def _reply(state: str, words: Any, **context: Any) -> dict[str, Any]:
    message: dict[str, Any] = render("export_reply", state=state, words=words, **context)
    return message
