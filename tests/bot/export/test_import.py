"""Import against a real database: all or nothing when the database refuses a row halfway,
the product's rules on what the form would refuse, and duplicates within one file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text

from bot.export import operator
from bot.export.table import in_order
from storage.db import Database
from storage.models import CheckIn, Cycle, KeyResult, Objective
from tests.bot.export.support import NOW

HEADER = (
    "record,objective,key_result,cycle,title,level,owner,visibility,aligned_to,kind,unit,"
    "start,target,current,due_on,confidence,score,value,note,author,effective_on"
)
GOOD = f"""{HEADER}
objective,A,,2026-Q4,Company goal,company,U1,public,,,,,,,,,,,,,
key_result,A,A1,,Revenue,,,,,increase,$,"1,200",3k,,,,,,,,
objective,B,,2026-Q4,Mine,personal,U2,private,A,,,,,,,,,,,,
key_result,B,B1,,Done it,,,,,milestone,,,,1,2026-12-01,on_track,0.8,,,,
check_in,B,B1,,,,,,,,,,,,,on_track,,1,"=SUM(A1)",U2,2026-11-20
check_in,B,B1,,,,,,,,,,,,,at_risk,,0,boom,U2,2026-11-21
"""


def run_import(db: Database, data: str, *, write: bool) -> operator.Outcome:
    return operator.import_file(db, data.encode(), "T0001", write=write, now=NOW)


def counts(db: Database) -> tuple[int, int, int, int]:
    with db.begin() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Cycle, Objective, KeyResult, CheckIn)
        )


def test_an_apply_the_database_refuses_halfway_writes_nothing(db: Database, tmp_path: Path) -> None:
    with db.begin() as session:
        for statement in REFUSE_BOOM[db.url.split(":")[0].split("+")[0]]:
            session.execute(text(statement))
    try:
        outcome = run_import(db, GOOD, write=True)
    finally:
        with db.begin() as session:
            for statement in UNDO_REFUSE_BOOM[db.url.split(":")[0].split("+")[0]]:
                session.execute(text(statement))
    assert outcome.status == 1
    assert "The database refused the import, so nothing was written" in outcome.said
    assert "no booms here" in outcome.said
    assert counts(db) == (0, 0, 0, 0), "not even the cycle or the workspace's first objective"


# A trigger that refuses one check-in's row halfway through the import, in each dialect.
REFUSE_BOOM = {
    "sqlite": [
        "CREATE TRIGGER refuse_boom BEFORE INSERT ON check_ins WHEN NEW.note = 'boom' "
        "BEGIN SELECT RAISE(ABORT, 'no booms here'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN "
        "IF NEW.note = 'boom' THEN RAISE EXCEPTION 'no booms here'; END IF; RETURN NEW; "
        "END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER refuse_boom BEFORE INSERT ON check_ins "
        "FOR EACH ROW EXECUTE FUNCTION refuse_boom()",
    ],
}
UNDO_REFUSE_BOOM = {
    "sqlite": ["DROP TRIGGER refuse_boom"],
    "postgresql": [
        "DROP TRIGGER refuse_boom ON check_ins",
        "DROP FUNCTION refuse_boom()",
    ],
}


def test_what_the_form_reads_the_file_reads(db: Database) -> None:
    outcome = run_import(db, GOOD, write=True)
    assert outcome.status == 0, outcome.said
    assert counts(db) == (1, 2, 2, 2)
    with db.begin() as session:
        company, mine = session.scalars(select(Objective).order_by(Objective.id))
        (revenue,) = company.key_results
        assert (revenue.start_value, revenue.target_value, revenue.unit) == (1200, 3000, "USD")
        assert mine.parent_id == company.id and mine.visibility == "private"
        (done,) = mine.key_results
        assert (done.current_value, done.confidence, done.score) == (1, "on_track", 0.8)
        notes = sorted(c.note for c in done.check_ins)
        assert notes == ["=SUM(A1)", "boom"], "stored as written, the apostrophe is the CSV's"
        assert {c.source for c in done.check_ins} == {"import"}


def test_the_same_objective_twice_in_one_file_is_refused_once(db: Database) -> None:
    twice = f"""{HEADER}
objective,A,,2026-Q4,Same,personal,U1,,,,,,,,,,,,,,
key_result,A,A1,,One,,,,,increase,,0,1,,,,,,,,
objective,B,,2026-q4,same,personal,U1,,,,,,,,,,,,,,
key_result,B,B1,,Two,,,,,increase,,0,1,,,,,,,,
objective,C,,2026-Q4,Over,personal,U1,,,,,,,,,,,,,,
key_result,C,C1,,Score,,,,,increase,,0,1,,2027-02-01,so-so,1.5,,,,
"""
    outcome = run_import(db, twice, write=False)
    assert outcome.status == 1
    assert "line 4: U1 already has an objective “same” in 2026-Q4" in outcome.said
    assert "line 7: due_on: Pick a date within 2026-Q4" in outcome.said
    assert "line 7: score: write a number from 0 to 1, like 0.7" in outcome.said
    assert "line 7: confidence: write on_track, at_risk, off_track" in outcome.said
    assert "line 2:" not in outcome.said
    assert counts(db) == (0, 0, 0, 0)


def test_a_file_without_the_columns_is_refused_in_one_line(db: Database) -> None:
    outcome = run_import(db, "title,owner\nHello,U1\n", write=False)
    assert outcome.status == 1
    assert "line 1: the first line must name the columns: record, objective" in outcome.said


class _Objective:
    def __init__(self, id_: int, parent_id: int | None) -> None:
        self.id, self.parent_id = id_, parent_id


def test_an_objective_follows_the_one_it_is_aligned_to_and_a_loop_still_ends() -> None:
    rows = [_Objective(1, 3), _Objective(2, None), _Objective(3, 2), _Objective(4, 9)]
    assert [o.id for o in in_order(rows)] == [2, 3, 1, 4]  # type: ignore[arg-type]
    loop = [_Objective(1, 2), _Objective(2, 1)]
    assert sorted(o.id for o in in_order(loop)) == [1, 2]  # type: ignore[arg-type]
