"""Export and import end to end, on SQLite and PostgreSQL: `/okr export` over signed HTTP puts a
CSV of what the person may see in their DM through the emulator's upload flow; `okr-bot export`
writes a workspace's cycle as CSV or JSON; `okr-bot import` reports what it would create and
every row it cannot read, and with --apply reproduces an export in an empty workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from storage.db import Database
from storage.models import Objective
from tests import factories
from tests.bot.export.support import (
    CYCLE,
    HYPERLINK,
    NEGATIVE_NOTE,
    NOW,
    arrange,
    parsed,
    titles,
    without_refs,
)
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text


def uploaded(bot: RunningBot) -> tuple[bytes, dict[str, object]]:
    """The bytes the bot uploaded and the completeUploadExternal call that shared them."""
    (sent,) = bot.slack.calls_to("files.upload_bytes")
    (completed,) = bot.slack.calls_to("files.completeUploadExternal")
    content = sent.params["content"]
    assert isinstance(content, bytes)
    return content, completed.params


def test_okr_export_uploads_what_the_person_may_see_to_their_dm(bot: RunningBot) -> None:
    arrange(bot.db)
    bot.clock.now = NOW
    reply = bot.command("export").json()
    assert reply["response_type"] == "ephemeral"
    text = blocks_text(reply)
    assert "Your export of *2026-Q4* is on its way to your DM with me: 4 objectives" in text
    bot.settle()
    data, completed = uploaded(bot)
    assert completed["channel_id"] == bot.slack.dm_channel("U1")
    assert "Your export of 2026-Q4: 4 objectives you can see" in str(completed["initial_comment"])
    (reserved,) = bot.slack.calls_to("files.getUploadURLExternal")
    assert reserved.params["filename"] == "okr-2026-Q4.csv"
    assert json.loads(str(completed["files"]))[0]["title"] == "OKRs 2026-Q4"
    assert int(reserved.params["length"]) == len(data)

    rows = parsed(data)
    # Their own private objective is there, a teammate's private one is not; company first,
    # archived ones too, deleted ones and other cycles' never.
    assert titles(rows) == [
        "Grow the business",
        "Support team goal",
        "'" + HYPERLINK,
        "My quiet plan",
    ]
    assert "Secret reorg" not in data.decode() and "Gone" not in data.decode()
    assert "Last quarter" not in data.decode()
    nps = next(r for r in rows if r["title"] == "'+5 points of NPS")
    assert (nps["record"], nps["score"], nps["start"], nps["current"]) == (
        "key_result",
        "0.7",
        "20",
        "34",
    )
    losses = next(r for r in rows if r["title"] == "Cut losses")
    assert (losses["start"], losses["target"], losses["unit"]) == ("-10", "-25", "EUR")
    notes = [r["note"] for r in rows if r["record"] == "check_in"]
    assert "'" + NEGATIVE_NOTE in notes and "'=1+1" in notes
    assert "-12.25" in [r["value"] for r in rows if r["record"] == "check_in"]
    mine = next(r for r in rows if r["title"] == "'" + HYPERLINK)
    grow = next(r for r in rows if r["title"] == "Grow the business")
    assert mine["aligned_to"] == grow["objective"]
    assert mine["reflection"] == "'@channel we learned a lot"
    for row in rows:
        for column, cell in row.items():
            assert cell[:1] not in {"=", "+", "@", "\t", "\r"}, (column, cell)


def test_an_admin_exports_private_objectives_too(bot: RunningBot) -> None:
    arrange(bot.db)
    with bot.db.begin() as session:
        factories.person(session, "UADMIN", NOW, is_admin=True)
    bot.clock.now = NOW
    bot.command("export 2026-q4", user="UADMIN")
    bot.settle()
    data, completed = uploaded(bot)
    assert completed["channel_id"] == bot.slack.dm_channel("UADMIN")
    assert "Secret reorg" in titles(parsed(data))


def test_nothing_to_export_or_an_unknown_cycle_is_said_and_nothing_uploaded(
    bot: RunningBot,
) -> None:
    arrange(bot.db)
    bot.clock.now = NOW
    unknown = blocks_text(bot.command("export 2025-Q1").json())
    assert "There is no cycle called “2025-Q1”. Cycles so far: 2026-Q3, 2026-Q4." in unknown
    junk = blocks_text(bot.command("export <!channel>").json())
    assert "&lt;!channel&gt;" in junk and "<!channel>" not in junk
    bot.clock.now = NOW.replace(year=2027)
    nothing = blocks_text(bot.command("export").json())
    assert "There are no objectives you can see in *2027-Q4*" in nothing
    bot.settle()
    assert not bot.slack.calls_to("files.getUploadURLExternal")
    help_text = json.dumps(bot.command("help").json())
    assert "/okr export" in help_text


def cli(db: Database, *argv: str) -> int:
    return main(list(argv), env={"DATABASE_URL": db.url})


def test_okr_bot_export_writes_the_whole_cycle_as_csv_or_json(
    db: Database, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    arrange(db)
    assert cli(db, "export", "--cycle", CYCLE) == 0
    rows = parsed(capsysbinary.readouterr().out)
    assert titles(rows) == [
        "Grow the business",
        "Support team goal",
        "'" + HYPERLINK,
        "My quiet plan",
        "Secret reorg",
    ], "every objective not deleted, private ones too"
    assert [r["state"] for r in rows if r["record"] == "objective"][1] == "archived"

    assert cli(db, "export", "--cycle", "2026-q4", "--format", "json", "--team", "T0001") == 0
    exported = json.loads(capsysbinary.readouterr().out)
    assert exported["cycle"] == CYCLE
    mine = exported["objectives"][2]
    assert mine["title"] == HYPERLINK, "JSON keeps values as stored"
    nps, losses, ship = mine["key_results"]
    assert nps["score"] == 0.7 and [c["value"] for c in nps["check_ins"]] == [31.5, 34]
    assert losses["check_ins"][0]["value"] == -12.25
    assert ship["kind"] == "milestone" and ship["start"] is None

    assert cli(db, "export", "--cycle", "2025-Q1") == 2
    said = capsysbinary.readouterr()
    assert said.out == b""
    assert b"No cycle called '2025-Q1' in T0001. Its cycles: 2026-Q3, 2026-Q4." in said.err
    assert cli(db, "export", "--cycle", CYCLE, "--team", "T0NONE") == 2
    refused = capsysbinary.readouterr().err
    assert b"No workspace T0NONE in the database. Workspaces: T0001." in refused
    assert cli(db, "import", "missing.csv", "--team", "T0001") == 2
    missing = capsysbinary.readouterr().err
    assert b"Cannot read missing.csv: No such file or directory" in missing
    assert cli(db, "import", __file__, "--team", "<!channel>") == 2
    assert b"--team takes a workspace's id, like T0123ABCD" in capsysbinary.readouterr().out


HEADER = (
    "record,objective,key_result,cycle,title,level,owner,kind,start,target,confidence,value,"
    "note,author,effective_on"
)
BAD = (
    HEADER
    + """
objective,o1,,2026-Q4,Good one,personal,U1,,,,,,,,
key_result,o1,k1,,Raise NPS,,,increase,20,40,,,,,
check_in,o1,k1,,,,,,,,on_track,25,fine,U1,2026-11-09
objective,o2,,2026-Q4,,team,someone,,,,,,,,
key_result,o2,k2,,Fewer bugs,,,decrease,10,30,,,,,
check_in,o1,k9,,,,,,,,on_track,1,,U1,2026-11-09
check_in,o2,k2,,,,,,,,so-so,lots,,U1,yesterday
key_result,o3,k3,,Orphan,,,increase,0,1,,,,,
objective,o4,,2031-Q9,Far away,personal,U1,,,,,,,,
opinion,o1,,,,,,,,,,,,,
"""
)


def test_okr_bot_import_dry_run_reports_every_row_it_cannot_read_by_line(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD)
    assert cli(db, "import", str(path), "--team", "T0NEW", "--apply") == 1
    report = capsys.readouterr().out
    assert "line 5: title: Give the objective a title." in report
    assert "line 5: team_channel: A team objective needs the team's channel" in report
    assert "line 5: owner: Pick the person who owns this objective." in report
    assert "line 6: target: A decrease needs a target below its start (10)." in report
    assert "line 7: key result k9 is not a key result of objective o1 above" in report
    assert "line 8: confidence: write on_track, at_risk, off_track" in report
    assert 'line 8: value: "lots" is not a number' in report or "line 8: value:" in report
    assert "line 8: effective_on: write the day it is for, like 2026-11-30" in report
    assert "line 9: objective o3 is not an objective row above this line" in report
    assert "line 10: the objective has no key_result rows below it" in report
    assert "line 10: cycle: Pick a cycle from the list." in report
    assert "line 11: record is “opinion”" in report
    assert "Nothing was written." in report
    assert "would create 1 objective, 1 key result and 1 check-in in T0NEW" in report
    with db.begin() as session:
        assert not list(session.scalars(select(Objective)))


def test_an_export_imported_into_an_empty_workspace_exports_the_same(
    db: Database, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    arrange(db)
    assert cli(db, "export", "--cycle", CYCLE) == 0
    exported = capsysbinary.readouterr().out
    path = tmp_path / "okr.csv"
    path.write_bytes(exported)

    assert cli(db, "import", str(path), "--team", "T0NEW") == 0
    dry = capsysbinary.readouterr().out.decode()
    assert (
        "Dry run, nothing was written: the file would create 5 objectives, 7 key results and "
        "4 check-ins in T0NEW (new cycles: 2026-Q4)." in dry
    )
    with db.begin() as session:
        assert not list(session.scalars(select(Objective).where(Objective.team_id == "T0NEW")))

    assert cli(db, "import", str(path), "--team", "T0NEW", "--apply") == 0
    assert "Imported 5 objectives, 7 key results and 4 check-ins in T0NEW" in (
        capsysbinary.readouterr().out.decode()
    )
    assert cli(db, "export", "--cycle", CYCLE, "--team", "T0NEW") == 0
    again = capsysbinary.readouterr().out
    # The same rows, but for the references, which are the new ids.
    assert without_refs(parsed(again)) == without_refs(parsed(exported))
    assert again != exported, "the references are the new workspace's ids"

    # Twice: every objective is already there, and nothing more is written.
    assert cli(db, "import", str(path), "--team", "T0NEW", "--apply") == 1
    report = capsysbinary.readouterr().out.decode()
    assert "5 rows cannot be read:" in report
    assert "line 2: U2 already has an objective “Grow the business” in 2026-Q4" in report
    with db.begin() as session:
        count = len(list(session.scalars(select(Objective).where(Objective.team_id == "T0NEW"))))
    assert count == 5
