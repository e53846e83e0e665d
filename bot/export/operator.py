"""`okr-bot export` and `okr-bot import`, for operators: a workspace's whole cycle to standard
output, and an export CSV read back (a dry run unless told to apply, all or nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot import people
from bot.export import reading, table
from bot.export.applying import apply
from bot.export.planning import Plan, plan
from bot.presentation import is_slack_id
from storage import cycles as stored
from storage import exports
from storage.db import Database, describe_failure

EXIT_OK, EXIT_FAILURE, EXIT_CONFIG = 0, 1, 2


@dataclass(frozen=True)
class Outcome:
    status: int
    output: bytes = b""  # for standard output
    said: str = ""  # for standard error (export) or the report (import)


class _NothingWritten(Exception):
    """Leaves a dry run's (or a refused import's) transaction without writing anything."""


def export(db: Database, cycle: str, fmt: str, team: str | None) -> Outcome:
    with db.begin() as session:
        team_id = _team(session, team)
        if isinstance(team_id, Outcome):
            return team_id
        found = stored.named_in_any_case(session, team_id, cycle)
        if found is None:
            known = exports.cycle_names(session, team_id)
            listed = ", ".join(known) if known else "none yet"
            return Outcome(
                EXIT_CONFIG, said=f"No cycle called {cycle!r} in {team_id}. Its cycles: {listed}."
            )
        objectives = exports.cycle_objectives(session, team_id, found.id, None)
        if fmt == "json":
            return Outcome(EXIT_OK, (table.to_json(objectives, found.name) + "\n").encode())
        return Outcome(EXIT_OK, table.to_csv(objectives, found.name))


def import_file(
    db: Database, data: bytes, team: str | None, *, write: bool, now: datetime
) -> Outcome:
    """What the file would create and every row it cannot read; with `write`, all of it in one
    transaction, and nothing at all while any row cannot be read."""
    read = reading.read(data)
    outcome = Outcome(EXIT_FAILURE)
    try:
        with db.begin() as session:
            team_id = _team(session, team, creating=True)
            if isinstance(team_id, Outcome):
                return team_id
            workspace = people.ensure_workspace(session, team_id, now)
            planned = plan(session, workspace, read)
            status = EXIT_FAILURE if planned.problems else EXIT_OK
            outcome = Outcome(status, said=_report(session, team_id, planned, write=write))
            if planned.problems or not write:
                raise _NothingWritten
            apply(session, workspace, planned, now)
    except _NothingWritten:
        pass
    except SQLAlchemyError as exc:
        # The transaction was rolled back as a whole: say so, in one sentence.
        said = f"The database refused the import, so nothing was written: {describe_failure(exc)}"
        return Outcome(EXIT_FAILURE, said=said)
    return outcome


def _report(session: Session, team_id: str, planned: Plan, *, write: bool) -> str:
    objectives, key_results, check_ins = planned.counts
    names = sorted({o.checked.cycle.name for o in planned.objectives})
    new = [n for n in names if stored.named(session, team_id, n) is None]
    what = (
        f"{_many(objectives, 'objective')}, {_many(key_results, 'key result')} and "
        f"{_many(check_ins, 'check-in')} in {team_id}"
        + (f" (new cycles: {', '.join(new)})" if new else "")
    )
    if planned.problems:
        lines = [
            f"{_many(len(planned.problems), 'row')} cannot be read:",
            *(f"  {problem}" for problem in planned.problems),
            f"Nothing was written. The rows that can be read would create {what}.",
            "Fix the rows above and run again.",
        ]
        return "\n".join(lines)
    if write:
        return f"Imported {what}."
    return (
        f"Dry run, nothing was written: the file would create {what}.\n"
        "Run again with --apply to write it."
    )


def _many(count: int, thing: str) -> str:
    return f"{count} {thing}" if count == 1 else f"{count} {thing}s"


def _team(session: Session, team: str | None, *, creating: bool = False) -> str | Outcome:
    """The workspace asked for, or the only one; else why not, with the ones there are."""
    if team is not None and not is_slack_id(team, "TE"):
        return Outcome(
            EXIT_CONFIG, said=f"--team takes a workspace's id, like T0123ABCD: not {team!r}."
        )
    known = exports.team_ids(session)
    if team is not None and (creating or team in known):
        return team
    if team is None and len(known) == 1:
        return known[0]
    listed = ", ".join(known) if known else "none yet"
    if team is not None:
        return Outcome(
            EXIT_CONFIG, said=f"No workspace {team} in the database. Workspaces: {listed}."
        )
    return Outcome(
        EXIT_CONFIG, said=f"Name the workspace with --team (the database holds: {listed})."
    )
