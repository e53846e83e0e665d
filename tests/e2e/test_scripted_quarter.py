"""A whole quarter as people live it, over signed HTTP and the emulator on SQLite and PostgreSQL:
objectives made in the /okr new modal (a team one aligned to the company's), check-ins over the
weeks by DM and in the modal, the close reminder, closing with scores, reflections and carry-over
from the reminder's button, the new cycle's invitations and summary, nothing sent twice; then
the quarter's CSV export, re-imported into an empty workspace."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot import action_ids
from bot.delivery.sender import Sender
from bot.jobs import commands
from storage import people as stored_people
from storage.models import AuditEvent, Cycle, KeyResult, Objective
from tests.bot.export.support import HYPERLINK, parsed, titles, without_refs
from tests.bot.prompts.support import CLIENTS
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.delivery import sender
from tests.e2e.checkin_support import blocks_text, opened_view, page_values
from tests.e2e.close_support import fill, shown
from tests.e2e.test_checkin_message import dm
from tests.e2e.test_close_cycle import listed
from tests.e2e.test_cycle_turn import buttons, messages
from tests.e2e.test_export import cli
from tests.objective_forms import KRForm, ObjectiveForm, create

WINS = "C0WINS"
TEAM = "C0TEAM"
PEOPLE = ("UADMIN", "U1", "U2")  # UTC, Lisbon (UTC in winter), New York


def make(bot: RunningBot, user: str, form: ObjectiveForm) -> int:
    """The objective `user` makes in the /okr new modal; its id."""
    assert create(bot, form, user=user)["response_action"] == "update"
    with bot.db.begin() as session:
        return session.scalars(select(Objective.id).where(Objective.title == form.title)).one()


def arrange(bot: RunningBot) -> dict[str, int]:
    """Week 1 of 2026-Q4: the company's objective, a team one aligned to it, Bo's own."""
    bot.clock.now = datetime(2026, 10, 5, 10, tzinfo=UTC)
    bot.slack.add_channel(WINS, name="wins")
    bot.slack.add_channel(TEAM, name="team")
    bot.introduce(*PEOPLE)
    with bot.db.begin() as session:
        workspace = stored_people.workspace(session, TEAM_ID)
        assert workspace is not None
        workspace.celebration_channel_id = WINS
    company = make(
        bot,
        "UADMIN",
        ObjectiveForm(
            title="Win the market",
            level="company",
            owner="UADMIN",
            key_results=[KRForm("Revenue", "increase", "0", "100")],
        ),
    )
    team = make(
        bot,
        "U1",
        ObjectiveForm(
            title="Delight <!channel> customers",
            level="team",
            channel=TEAM,
            parent=(company, "Win the market"),
            key_results=[
                KRForm("Raise NPS", "increase", "20", "40"),
                KRForm("Ship survey", "increase", "0", "1"),
            ],
        ),
    )
    churn = make(
        bot,
        "U2",
        ObjectiveForm(
            title=HYPERLINK,
            owner="U2",
            key_results=[KRForm("Churn", "decrease", "8", "4")],
        ),
    )
    return {"company": company, "team": team, "churn": churn}


def check_in_by_dm(bot: RunningBot, user: str, text: str) -> None:
    assert bot.event(dm(text, user=user, channel=bot.slack.dm_channel(user))).status == 200
    bot.settle()


def tick(bot: RunningBot, delivering: Sender, now: datetime) -> str:
    """The `cycle` job at `now`, as the scheduler runs it."""
    bot.clock.now = now
    return commands.run_once(commands.find("cycle"), bot.db, CLIENTS, delivering, now)


def kr_ids(bot: RunningBot, objective_id: int) -> list[int]:
    with bot.db.begin() as session:
        return [kr.id for kr in session.get_one(Objective, objective_id).key_results]


def close_from_reminder(bot: RunningBot, user: str, **filled: Any) -> dict[str, Any]:
    """Click the reminder's "Close and score", submit the modal it opens; the bot's answer."""
    before = len(bot.slack.calls_to("views.open"))
    assert bot.click(action_ids.CYCLE_CLOSE_OPEN, "2026-Q4", user=user).status == 200
    view = opened_view(bot, count=before + 1)
    assert view["callback_id"] == "cycle_close"
    answer: dict[str, Any] = bot.submit(view, fill(view, **filled), user=user).json()
    assert answer["response_action"] == "update"
    return answer


def test_a_scripted_quarter(
    bot: RunningBot, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    ids = arrange(bot)
    company, team, churn = ids["company"], ids["team"], ids["churn"]
    (revenue,) = kr_ids(bot, company)
    nps, survey = kr_ids(bot, team)
    (churn_kr,) = kr_ids(bot, churn)

    # Weeks of check-ins: by DM lines, and in the modal from the list's button.
    bot.clock.now = datetime(2026, 10, 19, 10, tzinfo=UTC)
    check_in_by_dm(bot, "U1", "1: 25 on track\n2: 0 on track")
    check_in_by_dm(bot, "U2", "1: 7 at risk")
    bot.clock.now = datetime(2026, 11, 9, 10, tzinfo=UTC)
    check_in_by_dm(bot, "UADMIN", "1: 40 on track")
    check_in_by_dm(bot, "U1", "1: 30 on track\n2: 1 on track")
    bot.clock.now = datetime(2026, 12, 7, 10, tzinfo=UTC)
    opened = len(bot.slack.calls_to("views.open"))
    assert bot.click("checkin_open", str(team)).status == 200
    view = opened_view(bot, count=opened + 1)
    answer = bot.submit(view, page_values({nps: ("34", "at_risk", "survey <!here> late")}))
    assert answer.json()["response_action"] == "update"
    with bot.db.begin() as session:
        current = {kr.id: kr.current_value for kr in session.scalars(select(KeyResult))}
    assert current == {revenue: 40, nps: 34, survey: 1, churn_kr: 7}

    delivering = sender(bot.db, bot.slack, bot.clock)
    # 7 days before 2026-Q4 ends: one reminder each, at 09:00 in their own zone.
    reminders = [datetime(2026, 12, 25, hour, tzinfo=UTC) for hour in (9, 14, 15)]
    for now in reminders * 2:
        tick(bot, delivering, now)
    for user in PEOPLE:
        channel = bot.slack.dm_channel(user)
        (reminder,) = messages(bot, channel, f"cycle_close:{user}:2026-Q4")
        assert buttons(reminder) == {action_ids.CYCLE_CLOSE_OPEN: "2026-Q4"}

    # Ana scores, reflects and carries the team objective; the admin then carries the company
    # one it is aligned to (the copies align whatever the order); Bo carries nothing.
    bot.clock.now = datetime(2026, 12, 29, 11, tzinfo=UTC)
    closed = close_from_reminder(
        bot,
        "U1",
        scores={survey: "1"},
        reflections={team: "Learned <!channel> a lot"},
        carry={team},
    )
    assert "Carried over to *2027-Q1*" in shown(closed["view"])
    close_from_reminder(bot, "UADMIN", scores={revenue: "0.4"}, carry={company})
    close_from_reminder(bot, "U2", scores={churn_kr: "0.3"})

    with bot.db.begin() as session:
        scores = {kr.id: kr.score for kr in session.scalars(select(KeyResult))}
        assert {k: scores[k] for k in (revenue, nps, survey, churn_kr)} == {
            revenue: 0.4,
            nps: 0.7,  # 34 of 20 → 40 rounded to a tenth, as the form proposed
            survey: 1.0,
            churn_kr: 0.3,
        }
        originals = {o.id: o for o in session.scalars(select(Objective))}
        for objective_id, closer in ((company, "UADMIN"), (team, "U1"), (churn, "U2")):
            closed_at = originals[objective_id].closed_at
            assert closed_at is not None and closed_at.date() == bot.clock.now.date()
            assert originals[objective_id].closed_by == closer
        assert originals[team].reflection == "Learned <!channel> a lot"
        audited = session.scalars(select(AuditEvent).where(AuditEvent.action == "close")).all()
        assert {(e.entity, e.entity_id) for e in audited} == {
            ("objective", company),
            ("objective", team),
            ("objective", churn),
            ("key_result", revenue),
            ("key_result", nps),
            ("key_result", survey),
            ("key_result", churn_kr),
        }
        q1 = session.scalars(select(Cycle).where(Cycle.name == "2027-Q1")).one()
        copies = {
            o.carried_from_id: o
            for o in session.scalars(select(Objective).where(Objective.cycle_id == q1.id))
        }
        assert set(copies) == {company, team}
        team_copy = copies[team]
        assert team_copy.parent_id == copies[company].id, "alignment kept in the new cycle"
        assert (team_copy.level, team_copy.team_channel_id) == ("team", TEAM)
        assert [(kr.title, kr.start_value) for kr in team_copy.key_results] == [
            ("Raise NPS", 34)
        ], "the finished survey stays behind; NPS starts where it ended"

    page = listed(bot, "2026-Q4")
    assert "score 0.7" in page and "Learned &lt;!channel&gt; a lot" in page
    assert "carried from 2026-Q4" in listed(bot, "2027-Q1")

    # 2027-Q1's first day: one invitation each with the scores, Carry over only for Bo (the
    # only one with something left to carry), one summary in #wins, however often it runs.
    starts = [datetime(2027, 1, 1, hour, tzinfo=UTC) for hour in (9, 14, 15)]
    for now in starts * 2:
        tick(bot, delivering, now)
    invitations = {
        user: messages(bot, bot.slack.dm_channel(user), f"cycle_new:{user}:2027-Q1")
        for user in PEOPLE
    }
    assert {user: len(found) for user, found in invitations.items()} == dict.fromkeys(PEOPLE, 1)
    assert "Delight &lt;!channel&gt; customers*: score 0.85" in blocks_text(invitations["U1"][0])
    assert f"{HYPERLINK}*: score 0.3" in blocks_text(invitations["U2"][0])
    assert action_ids.CYCLE_CARRY_OPEN not in buttons(invitations["U1"][0])
    assert buttons(invitations["U2"][0])[action_ids.CYCLE_CARRY_OPEN] == "2026-Q4"
    (summary,) = messages(bot, WINS, "cycle_summary:")
    text = json.dumps(summary["blocks"], ensure_ascii=False)
    assert "Average score: *0.6* over 4 key results (scored ones); 0 of 3 objectives" in text
    assert "<!channel>" not in text and "<@" not in text

    # Every message the bot sent from the outbox went out once.
    sent = bot.slack.messages_by_metadata_key()
    assert sent and set(sent.values()) == {1}, sent
    assert {key.split(":")[0] for key in sent} >= {"cycle_close", "cycle_new", "cycle_summary"}

    # The quarter exported as CSV: spreadsheet formulas neutralised, scores and reflections in;
    # imported into an empty workspace, it exports the same rows.
    assert cli(bot.db, "export", "--cycle", "2026-Q4") == 0
    exported = capsysbinary.readouterr().out
    rows = parsed(exported)
    assert titles(rows) == ["Win the market", "Delight <!channel> customers", "'" + HYPERLINK]
    assert [r["score"] for r in rows if r["record"] == "key_result"] == ["0.4", "0.7", "1", "0.3"]
    assert "Learned <!channel> a lot" in [r["reflection"] for r in rows]
    path = tmp_path / "quarter.csv"
    path.write_bytes(exported)
    assert cli(bot.db, "import", str(path), "--team", "T0NEW", "--apply") == 0
    capsysbinary.readouterr()
    assert cli(bot.db, "export", "--cycle", "2026-Q4", "--team", "T0NEW") == 0
    assert without_refs(parsed(capsysbinary.readouterr().out)) == without_refs(rows)
