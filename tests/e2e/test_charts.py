"""Charts end to end, over HTTP on SQLite and PostgreSQL: `/okr chart` and the Chart button in
history put a real PNG of the right size in the person's DM after the answer; the Home tab shows
each objective's chart from the uploaded file, uploaded again only when its data changed; a
private objective's chart is refused to others."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from storage.models import ChartFile, KeyResult
from tests import factories
from tests.blockkit import validate_message, validate_view
from tests.bot.charts.test_draw import size_in_header
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text, opened_view
from tests.e2e.test_home import published_home
from tests.factories import KR

UPLOADED = "files.completeUploadExternal"


def arrange(bot: RunningBot, *, owner: str = "U1", visibility: str = "public") -> list[int]:
    """An objective with signups (three check-ins, each confidence) and churn; their ids."""
    with bot.db.begin() as session:
        objective = factories.objective(
            session,
            bot.clock.now,
            title="Grow <!channel> the beta",
            owner=owner,
            visibility=visibility,
            key_results=[
                KR("Signups per week", start=0, target=1000),
                KR("Monthly churn", kind="decrease", start=10, target=5),
            ],
        )
        signups = objective.key_results[0]
        for value, day, confidence in [
            (100, date(2026, 10, 5), "on_track"),
            (250, date(2026, 11, 2), "at_risk"),
            (400, date(2026, 11, 16), "off_track"),
        ]:
            factories.check_in(
                session,
                signups,
                bot.clock.now,
                value=value,
                effective_on=day,
                confidence=confidence,
                author=owner,
            )
        return [kr.id for kr in objective.key_results]


def chart_in_dm(bot: RunningBot, user: str = "U1", count: int = 1) -> tuple[str, dict[str, Any]]:
    """The n-th chart shared in the person's DM: its file id, and the message carrying it."""
    done = bot.slack.wait_for(UPLOADED, count=count)[count - 1]
    assert done.response["ok"], done.response
    dm = bot.slack.dm_channel(user)
    assert done.params["channel_id"] == dm
    (file,) = done.response["files"]
    png = bot.slack.uploaded(file["id"])
    assert png is not None and size_in_header(png) == (800, 400)
    assert file["mimetype"] == "image/png"
    message = next(m for m in bot.slack.messages_in(dm) if file in m.get("files", []))
    return file["id"], message


def test_okr_chart_by_number_sends_a_png_to_my_dm(bot: RunningBot) -> None:
    arrange(bot)

    answer = bot.command("chart 1")

    assert answer.status == 200
    reply = answer.json()
    validate_message(reply)
    assert "Drawing the chart of *Signups per week*" in blocks_text(reply)
    _, message = chart_in_dm(bot)
    assert message["text"].startswith("*Signups per week* over 2026-Q4")
    assert "green on track, amber at risk, red off track" in message["text"]
    bot.settle()
    assert len(bot.slack.calls_to(UPLOADED)) == 1


def test_okr_chart_by_title_and_without_words(bot: RunningBot) -> None:
    arrange(bot)
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Second <@U2> objective")

    assert "*Monthly churn*" in blocks_text(bot.command("chart churn").json())
    _, message = chart_in_dm(bot)
    assert message["text"].startswith("*Monthly churn*")

    reply = bot.command("chart").json()
    assert "a chart of each of your 2 objectives of 2026-Q4" in blocks_text(reply)
    _, first = chart_in_dm(bot, count=2)
    _, second = chart_in_dm(bot, count=3)
    assert first["text"].startswith("*Grow &lt;!channel&gt; the beta* over 2026-Q4")
    assert second["text"].startswith("*Second &lt;@U2&gt; objective*")
    assert "<!channel>" not in first["text"] and "<@U2>" not in second["text"]


def test_words_that_name_no_key_result_offer_a_chart_button_for_each(bot: RunningBot) -> None:
    ids = arrange(bot)

    reply = bot.command("chart revenue").json()

    validate_message(reply)
    assert 'None of your key results in 2026-Q4 is "revenue"' in blocks_text(reply)
    buttons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in buttons] == [
        ("chart_open", str(ids[0]), "1: Signups per week"),
        ("chart_open", str(ids[1]), "2: Monthly churn"),
    ]
    bot.settle()
    assert bot.slack.calls_to("files.getUploadURLExternal") == []

    # The button in that answer sends the chart, and says so under the message.
    assert bot.click("chart_open", str(ids[1])).status == 200
    said = bot.slack.wait_for("response_url")[-1].params
    assert "Drawing the chart of *Monthly churn*" in blocks_text(said)
    _, message = chart_in_dm(bot)
    assert message["text"].startswith("*Monthly churn*")


def test_the_chart_button_in_history_sends_that_key_results_chart(bot: RunningBot) -> None:
    ids = arrange(bot)
    assert bot.command("history").status == 200
    history = opened_view(bot)
    buttons = [
        b["accessory"]
        for b in history["blocks"]
        if (b.get("accessory") or {}).get("action_id") == "chart_open"
    ]
    assert [b["value"] for b in buttons] == [str(i) for i in ids]

    assert bot.click("chart_open", str(ids[0]), view=history).status == 200

    pushed = opened_view(bot, method="views.push")
    validate_view(pushed)
    assert "Drawing the chart of *Signups per week*" in blocks_text(pushed)
    _, message = chart_in_dm(bot)
    assert message["text"].startswith("*Signups per week*")


def test_a_private_objectives_chart_is_refused_to_others(bot: RunningBot) -> None:
    ids = arrange(bot, visibility="private")
    bot.introduce("U1", "U2")

    assert bot.click("chart_open", str(ids[0]), user="U2").status == 200

    said = bot.slack.wait_for("response_url")[-1].params
    assert "Signups" not in blocks_text(said)
    assert bot.command("chart 1", user="U2").json()["text"].startswith("You have no active")
    bot.settle()
    assert bot.slack.calls_to("files.getUploadURLExternal") == []
    # Its owner gets it.
    assert bot.click("chart_open", str(ids[0]), user="U1").status == 200
    chart_in_dm(bot)


def image_ids(view: dict[str, Any]) -> list[str]:
    return [b["slack_file"]["id"] for b in view["blocks"] if b["type"] == "image"]


def test_home_shows_each_objectives_chart_uploaded_after_it_is_published(bot: RunningBot) -> None:
    ids = arrange(bot)

    first = published_home(bot)

    assert image_ids(first) == []
    again = bot.slack.wait_for("views.publish", count=2)[-1]
    assert again.response["ok"], again.response
    validate_view(again.params["view"])
    (upload,) = bot.slack.calls_to(UPLOADED)
    assert "channel_id" not in upload.params, "a Home chart is shared in no conversation"
    (file,) = upload.response["files"]
    png = bot.slack.uploaded(file["id"])
    assert png is not None and size_in_header(png) == (800, 400)
    assert image_ids(again.params["view"]) == [file["id"]]
    with bot.db.begin() as session:
        (row,) = session.scalars(select(ChartFile)).all()
        assert (row.subject, row.file_id) == ("objective", file["id"])

    # Opened again with nothing new: the same file, nothing uploaded.
    bot.settle()
    assert image_ids(published_home(bot)) == [file["id"]]
    bot.settle()
    assert len(bot.slack.calls_to(UPLOADED)) == 1
    assert len(bot.slack.calls_to("views.publish")) == 3

    # A check-in changes what the chart draws: uploaded again, and Home shows the new file.
    with bot.db.begin() as session:
        churn = session.get(KeyResult, ids[1])
        assert churn is not None
        factories.check_in(session, churn, bot.clock.now, value=8, confidence="at_risk")
    assert image_ids(published_home(bot)) == [file["id"]]
    latest = bot.slack.wait_for("views.publish", count=5)[-1].params["view"]
    (_, newer) = bot.slack.calls_to(UPLOADED)
    assert image_ids(latest) == [newer.response["files"][0]["id"]] != [file["id"]]


def test_home_stays_up_with_older_charts_when_an_upload_fails(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    arrange(bot)
    bot.slack.fail("files.getUploadURLExternal", error="internal_error")

    assert image_ids(published_home(bot)) == []
    bot.settle()

    assert len(bot.slack.calls_to("views.publish")) == 1
    assert bot.slack.calls_to("chat.postMessage") == [], "nobody is told about a Home chart"
    assert any("Could not upload the Home charts of U1" in r.getMessage() for r in caplog.records)
    with bot.db.begin() as session:
        assert session.scalars(select(ChartFile)).all() == []
    # The next opening tries again.
    published_home(bot)
    bot.slack.wait_for("views.publish", count=3)
    assert len(bot.slack.calls_to(UPLOADED)) == 1
