"""Two workspaces installed by OAuth, on SQLite and PostgreSQL: objectives made by the modal,
check-ins by the modal and by DM, a shout-out, /okr list, Home, history, /okr export, the parent
search, prompts and the digest. Each workspace's calls go with its own token and never name the
other's objectives, people or channel, although both have a U1; every row carries its team."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from storage.models import CheckIn, KeyResult, MilestoneReached, Objective, OutboxMessage, Person
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text, opened_view
from tests.e2e.isolation_support import (  # noqa: F401 (fixture)
    NAMES,
    SIDES,
    Side,
    calls_of,
    check_in_by_modal_and_dm,
    create_objectives,
    deliver,
    keyed,
    leaks,
    objective_ids,
    run_job,
    shown_to,
    workspaces,
)
from tests.e2e.test_home import published_home
from tests.e2e.test_list import listed
from tests.objective_forms import ObjectiveForm, open_new, values, with_state

# Monday 23 Nov 2026, 16:00 UTC: past 09:00 for everyone (Lisbon, New York, Chicago).
PROMPTS_AT = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
# Friday 20 Nov 2026, 23:00 UTC: past each workspace's 16:00 digest, still its Friday.
DIGEST_AT = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)


def live_a_week(bot: RunningBot) -> None:
    for side in SIDES:
        create_objectives(bot, side)
    for side in SIDES:
        check_in_by_modal_and_dm(bot, side)
    deliver(bot)


def parent_options(bot: RunningBot, side: Side) -> list[str]:
    """What the parent objective search offers U1 in a new objective's modal."""
    speaking = bot.in_team(side.team_id)
    view = open_new(speaking)
    state = with_state(view, values(view, ObjectiveForm()))
    reply = speaking.suggest("objective_parent", "", view=state)
    assert reply.status == 200, reply.body
    return [o["text"]["text"] for o in reply.json()["options"]]


def asked(bot: RunningBot, side: Side) -> dict[str, Any]:
    """What U1 reads in /okr list, on Home, in the history and in the export."""
    speaking = bot.in_team(side.team_id)
    ids = objective_ids(bot, side)
    before = len(bot.slack.calls_to("views.open"))
    speaking.click("history_open", str(ids[side.title]))
    history = blocks_text(opened_view(speaking, count=before + 1))
    exported = speaking.command("export").json()
    bot.settle()
    (upload,) = [c for c in calls_of(bot.slack, side) if c.method == "files.completeUploadExternal"]
    return {
        "list": shown_to([listed(speaking)]),
        "home": shown_to([published_home(speaking)]),
        "history": history,
        "export": blocks_text(exported) + str(upload.params["initial_comment"]),
        "options": parent_options(bot, side),
    }


def test_requests_answer_each_workspace_with_its_own_token_and_rows(
    workspaces: RunningBot,  # noqa: F811
) -> None:
    bot = workspaces
    live_a_week(bot)
    seen = {side: asked(bot, side) for side in SIDES}
    for side in SIDES:
        read = seen[side]
        assert side.title in read["list"] and side.title in read["home"]
        assert f"{side.word} signups" in read["history"] and f"{side.word} week" in read["history"]
        assert "2 objectives" in read["export"], read["export"]
        # The other workspace's team objective would be offered too, were it not scoped.
        assert read["options"] == [f"👥 {side.title}"]
        stranger = next(s for s in SIDES if s is not side)
        assert stranger.word not in shown_to([read])
        calls = calls_of(bot.slack, side)
        methods = {c.method for c in calls}
        assert {"views.open", "views.publish", "chat.postMessage", "users.info"} <= methods
        assert {"files.completeUploadExternal", "reactions.add"} <= methods
        assert leaks(calls, side) == []
        (shoutout,) = keyed(bot.slack.messages_in(side.channel, team_id=side.team_id), "celebr")
        assert f"{side.word} signups" in blocks_text(shoutout)
    with bot.db.begin() as session:
        # Ana and Ula are both U1: two people, each described by their own workspace.
        people = session.execute(select(Person.team_id, Person.user_id, Person.time_zone)).all()
        assert ("T0001", "U1", "Europe/Lisbon") in people
        assert ("T0002", "U1", "America/Chicago") in people
        for side in SIDES:
            titles = session.scalars(
                select(Objective.title).where(Objective.team_id == side.team_id)
            ).all()
            assert sorted(titles) == sorted([side.title, side.teammates_title])
            kr_teams = session.scalars(
                select(KeyResult.team_id)
                .join(Objective, Objective.id == KeyResult.objective_id)
                .where(Objective.team_id == side.team_id)
            ).all()
            assert set(kr_teams) == {side.team_id}
            check_ins = session.execute(
                select(CheckIn.team_id, CheckIn.value, KeyResult.title)
                .join(KeyResult, KeyResult.id == CheckIn.key_result_id)
                .where(KeyResult.team_id == side.team_id)
            ).all()
            signups = f"{side.word} signups"
            assert sorted(check_ins) == [(side.team_id, 30, signups), (side.team_id, 60, signups)]


def test_jobs_read_only_their_workspaces_rows(workspaces: RunningBot) -> None:  # noqa: F811
    bot = workspaces
    live_a_week(bot)
    digests = run_job(bot, "digest", DIGEST_AT)
    assert digests.startswith("digest: 2 digests queued"), digests
    prompts = run_job(bot, "prompts", PROMPTS_AT)
    assert "4 prompts" in prompts, prompts
    for side in SIDES:
        calls = calls_of(bot.slack, side)
        assert leaks(calls, side) == []
        channel = bot.slack.messages_in(side.channel, team_id=side.team_id)
        (digest,) = keyed(channel, "digest:")
        read = blocks_text(digest)
        assert side.title in read and NAMES[side][0] in read, read
        for user in ("U1", side.teammate):
            dm = bot.slack.dm_channel(user, team_id=side.team_id)
            (prompt,) = keyed(bot.slack.messages_in(dm, team_id=side.team_id), "prompt:")
            assert side.word in blocks_text(prompt), (side.name, user)
    with bot.db.begin() as session:
        rows = session.execute(select(OutboxMessage.team_id, OutboxMessage.channel)).all()
    for side in SIDES:
        stranger = next(s for s in SIDES if s is not side)
        assert (side.team_id, stranger.channel) not in rows
        # Each milestone crossed is its check-in's workspace's, and both crossed 50 %.
        crossed = session.execute(
            select(MilestoneReached.team_id, CheckIn.team_id, MilestoneReached.milestone).join(
                CheckIn, CheckIn.id == MilestoneReached.check_in_id
            )
        ).all()
    assert all(milestone_team == check_in_team for milestone_team, check_in_team, _ in crossed)
    assert {(team, milestone) for team, _, milestone in crossed} >= {("T0001", 50), ("T0002", 50)}
