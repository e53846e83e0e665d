"""Drawing a chart and uploading it to Slack, outside any transaction and after the answer."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk import WebClient

from bot.charts.asked import Chart
from bot.charts.worker import Drawer

ALT_TEXT = "Progress chart"


def upload(client: WebClient, drawer: Drawer, chart: Chart, channel: str | None = None) -> str:
    """Draw the chart (in the drawing process) and upload it (files.getUploadURLExternal, the
    bytes, then files.completeUploadExternal), shared in `channel` with its comment when given;
    its file id."""
    answer = client.files_upload_v2(
        content=drawer.png(chart.series),
        filename=chart.filename,
        title=chart.title,
        alt_txt=ALT_TEXT,
        channel=channel,
        initial_comment=chart.comment if channel else None,
    )
    return str(answer["file"]["id"])


def send_to_dm(
    client: WebClient, drawer: Drawer, user_id: str, charts: Sequence[Chart]
) -> list[str]:
    """Each chart in the person's DM with the bot, in order; the file ids."""
    if not charts:
        return []
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    return [upload(client, drawer, chart, str(dm)) for chart in charts]
