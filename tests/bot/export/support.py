"""A cycle to export: public, private, archived, team and aligned objectives, hostile text,
negative values, check-ins and what closing the cycle records."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from storage.db import Database
from tests import factories
from tests.factories import KR

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # in 2026-Q4
CYCLE = "2026-Q4"
HYPERLINK = '=HYPERLINK("http://evil","x")'
NEGATIVE_NOTE = "-3 tickets since Monday, @here"


def arrange(db: Database) -> None:
    with db.begin() as session:
        factories.person(session, "U1", NOW)
        factories.person(session, "U2", NOW)
        company = factories.objective(
            session, NOW, title="Grow the business", owner="U2", level="company"
        )
        mine = factories.objective(
            session,
            NOW,
            title=HYPERLINK,
            owner="U1",
            parent_id=company.id,
            key_results=[
                KR("+5 points of NPS", start=20, target=40, current=20),
                KR(
                    "Cut losses",
                    kind="decrease",
                    start=-10,
                    target=-25,
                    unit_kind="currency",
                    unit="EUR",
                ),
                KR("Ship the app", kind="milestone", start=None, target=None),
            ],
        )
        mine.reflection = "@channel we learned a lot"
        nps, losses, ship = mine.key_results
        factories.check_in(
            session, nps, NOW, value=31.5, note=NEGATIVE_NOTE, effective_on=date(2026, 11, 9)
        )
        factories.check_in(
            session,
            nps,
            NOW,
            value=34,
            confidence="at_risk",
            note="=1+1",
            effective_on=date(2026, 11, 16),
        )
        factories.check_in(session, losses, NOW, value=-12.25, effective_on=date(2026, 11, 10))
        factories.check_in(session, ship, NOW, value=1, effective_on=date(2026, 11, 12))
        nps.score = 0.7
        factories.objective(
            session,
            NOW,
            title="My quiet plan",
            owner="U1",
            visibility="private",
            key_results=[KR("Read 4 books", start=0, target=4, unit_kind="word", unit="books")],
        )
        factories.objective(
            session,
            NOW,
            title="Secret reorg",
            owner="U2",
            visibility="private",
        )
        factories.objective(
            session,
            NOW,
            title="Support team goal",
            owner="U2",
            level="team",
            team_channel_id="C0TEAM",
            state="archived",
        )
        factories.objective(
            session,
            NOW,
            title="Gone",
            owner="U1",
            state="deleted",
        )
        # Another cycle: never in this cycle's export.
        factories.objective(session, NOW, title="Last quarter", owner="U1", day=date(2026, 8, 1))


def parsed(data: bytes) -> list[dict[str, str]]:
    """The CSV as the csv module reads it (after its BOM)."""
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def titles(rows: list[dict[str, str]], record: str = "objective") -> list[str]:
    return [row["title"] for row in rows if row["record"] == record]


def without_refs(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows with each reference (ids at export) replaced by its order of appearance."""
    numbers: dict[tuple[str, str], str] = {}

    def number(kind: str, ref: str) -> str:
        if not ref:
            return ""
        return numbers.setdefault((kind, ref), str(len(numbers)))

    return [
        {
            **row,
            "objective": number("o", row["objective"]),
            "key_result": number("k", row["key_result"]),
            "aligned_to": number("o", row["aligned_to"]),
        }
        for row in rows
    ]
