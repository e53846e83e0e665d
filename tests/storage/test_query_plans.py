"""What people do most reads a few rows of their own workspace, however big the database: every
SQL statement of each operation is searched by an index, never a scan of a big table or of a
workspace's whole history, none sorts a whole cycle to show one page, and an operation sends the
same statements in a big workspace as in a small one.

A big workspace (2,000 people, 10,500 key results, 52,500 check-ins and their audit events,
10,000 prompts kept) makes the planners prefer indexes; the operations run for a small one of 5
objectives too, so that a query that forgets its team_id reads the big one's rows and shows up
in the plan. Plans are deterministic where timings are not (bench/ has the timings): SQLite's
EXPLAIN QUERY PLAN as it runs, without statistics, and PostgreSQL's EXPLAIN after ANALYZE with
sequential scans priced out, so that one shows only where no index serves.
"""

from __future__ import annotations

import difflib
import gc
import json
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.orm import Session

from bot import people, replays
from bot.checkins import by_message, history, modal
from bot.home import home_view
from bot.objectives import listing
from bot.objectives.audience import Audience, ListRequest
from bot.prompts import job
from storage.db import Database
from storage.models import Person
from tests import databases
from tests.big_workspace import BIG, CHANNEL, NOW, SMALL, SOMEONE, VIEWER, Size, seed
from tests.query_plans import problems


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A database of its own for the module (seeding the big workspace takes seconds)."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        db = databases.fresh_sqlite(template, tmp_path_factory.mktemp("plans"))
        yield seeded_in(db)
        db.dispose()
    else:
        for url in databases.create_postgres_database():  # dropped once the loop ends
            db = Database(url)
            yield seeded_in(db)
            db.dispose()


def seeded_in(db: Database) -> Database:
    seed(db, BIG, Size(people=2_000, company=40, team=60))
    seed(db, SMALL, Size(people=3, company=1, team=1))
    databases.analyze(db)
    return db


Operation = Callable[[Session, Person], object]


def listed(audience: Audience) -> Operation:
    def operation(session: Session, who: Person) -> object:
        page = listing.list_page(session, who, request=ListRequest(audience), offset=0, now=NOW)
        assert isinstance(page, listing.ListPage) and page.items
        return page

    return operation


def home(session: Session, who: Person) -> object:
    return home_view(session, who, subcommands=["list", "checkin"], now=NOW)


def open_check_in(session: Session, who: Person) -> object:
    answer = modal.open_mine(session, who, "", NOW)
    assert answer.view is not None
    return answer.view


def save_check_in(session: Session, who: Person) -> object:
    """The modal as opened (its statements counted too), its first key result given a new
    value and confidence, then saved as the submission's handler saves it."""
    view = modal.open_mine(session, who, "", NOW).view
    assert view is not None
    kr_id = json.loads(view["private_metadata"])["krs"][0]
    values = {
        f"value-{kr_id}": {"value": {"type": "plain_text_input", "value": "61"}},
        f"confidence-{kr_id}": {
            "confidence": {"type": "static_select", "selected_option": {"value": "at_risk"}}
        },
    }
    saved = modal.save_page(session, who, view["private_metadata"], values, NOW)
    assert saved.errors is None and saved.view is not None
    return saved


def check_in_by_dm(session: Session, who: Person) -> object:
    """As handlers/messages.py reads a DM line: once per message, then the check-in."""
    source_ref = f"D{who.team_id}:1765098000.000100"
    assert replays.first_time(session, who.team_id, replays.message_key(source_ref), NOW)
    replied = by_message.check_in_by_message(session, who, "1: 62", source_ref, NOW)
    assert replied is not None and replied.recorded == 1
    return replied


def open_history(session: Session, who: Person) -> object:
    view, message = history.open_history(session, who, "", NOW)
    assert view is not None, message
    return view


def prompts(session: Session, who: Person) -> object:
    """The prompts job's decision for the workspace: who is due, what was asked, their KRs."""
    tally = job.decide_workspace(session, who.team_id, NOW)
    assert tally["prompt"] >= 1, tally
    return tally


OPERATIONS: dict[str, Operation] = {
    "/okr list": listed(Audience("mine")),
    "/okr list company": listed(Audience("company")),
    "/okr list #team": listed(Audience("channel", CHANNEL)),
    "/okr list @person": listed(Audience("person", SOMEONE)),
    "Home tab": home,
    "check-in modal opened": open_check_in,
    "check-in modal saved": save_check_in,
    "check-in by DM": check_in_by_dm,
    "/okr history": open_history,
    "prompts job": prompts,
}


def statements_of(db: Database, team_id: str, operation: Operation) -> list[tuple[str, str | None]]:
    """Each statement of `operation` for the viewer, with its plan when it reads rows: in one
    transaction as a request runs, rolled back so that every run meets the same rows."""
    with db.engine.connect() as connection, connection.begin() as transaction:
        session = Session(bind=connection, expire_on_commit=False)
        # The session keeps its objects weakly: a collection of reference cycles in the middle
        # would make it read an objective again, a statement the other run may not send.
        gc.disable()
        try:
            with databases.captured(db) as sent:
                operation(session, people.person(session, team_id, VIEWER, NOW))
                session.flush()
        finally:
            gc.enable()
        plans = [(s, databases.plan(connection, s, p) if reads(s) else None) for s, p in sent]
        session.close()
        transaction.rollback()
    return plans


def reads(statement: str) -> bool:
    """Statements that look rows up (an insert of new rows, a savepoint, have no plan to read)."""
    return statement.lstrip().split(None, 1)[0].upper() in {"SELECT", "UPDATE", "DELETE"}


@pytest.mark.parametrize("name", OPERATIONS)
def test_no_operation_reads_a_big_table_whole_or_sorts_a_cycle_for_a_page(
    seeded: Database, name: str
) -> None:
    """Run for the small workspace, a query that forgets its team_id reads the big one's rows;
    run for the big one, a page sorted out of a whole cycle shows (with the small one's few
    rows, PostgreSQL rightly takes any index, and may sort them)."""
    found = [
        f"{team_id}: {problem}\n    {' '.join(statement.split())}\n    {plan}"
        for team_id in (SMALL, BIG)
        for statement, plan in statements_of(seeded, team_id, OPERATIONS[name])
        if plan is not None
        for problem in problems(
            statement, plan, sorts=team_id == BIG, for_everyone=name == "prompts job"
        )
    ]
    assert not found, f"{name}:\n" + "\n".join(found)


@pytest.mark.parametrize("name", OPERATIONS)
def test_an_operation_costs_the_same_statements_in_a_big_workspace(
    seeded: Database, name: str
) -> None:
    """Statements that read, counted; those that write, by kind: SQLAlchemy sends the rows of a
    bulk insert 1,000 at a time, which is one statement per page, not one per row."""
    small = statements_of(seeded, SMALL, OPERATIONS[name])
    big = statements_of(seeded, BIG, OPERATIONS[name])

    def shape(sent: list[tuple[str, str | None]]) -> tuple[list[str], set[str]]:
        read = [" ".join(s.split())[:60] for s, plan in sent if plan is not None]
        return read, {" ".join(s.split())[:40] for s, plan in sent if plan is None}

    assert shape(big) == shape(small), "\n".join(
        difflib.unified_diff(shape(small)[0], shape(big)[0], SMALL, BIG, lineterm="")
    )
