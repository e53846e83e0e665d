"""The emulator's file uploads: the bytes must match the length reserved, sharing in a DM posts
a message carrying the file, and files.info describes a completed upload."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.emulator import SlackEmulator


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(rate_limit_scale=1000) as emulator:
        emulator.add_user("U1")
        yield emulator


@pytest.fixture
def client(slack: SlackEmulator) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.api_url, retry_handlers=[])


def test_bytes_of_another_length_than_reserved_are_refused(
    slack: SlackEmulator, client: WebClient
) -> None:
    reserved = client.files_getUploadURLExternal(filename="chart.png", length=10)

    post = urllib.request.Request(reserved["upload_url"], data=b"too short", method="POST")
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(post, timeout=5)

    assert answer.value.code == 400 and b"length_mismatch" in answer.value.read()
    with pytest.raises(SlackApiError) as refused:
        client.files_completeUploadExternal(files=[{"id": reserved["file_id"], "title": "x"}])
    assert refused.value.response["error"] == "file_not_found"
    assert slack.uploaded(reserved["file_id"]) is None


def test_a_file_shared_in_a_dm_arrives_there_with_its_comment(
    slack: SlackEmulator, client: WebClient
) -> None:
    dm = client.conversations_open(users="U1")["channel"]["id"]
    content = b"\x89PNG\r\n\x1a\n" + bytes(range(256))

    done = client.files_upload_v2(
        channel=dm, content=content, filename="chart.png", title="Signups", initial_comment="Hi"
    )

    file_id = done["file"]["id"]
    assert slack.uploaded(file_id) == content
    [message] = slack.messages_in(dm)
    assert message["text"] == "Hi"
    assert [f["id"] for f in message["files"]] == [file_id]
    assert message["files"][0]["mimetype"] == "image/png"
    info = client.files_info(file=file_id)["file"]
    assert (info["title"], info["size"], info["channels"]) == ("Signups", len(content), [dm])


def test_a_file_not_shared_anywhere_posts_nothing(slack: SlackEmulator, client: WebClient) -> None:
    done = client.files_upload_v2(content=b"png", filename="chart.png", title="Home chart")

    assert done["file"]["channels"] == []
    assert slack.messages_in(slack.dm_channel("U1")) == []
    with pytest.raises(SlackApiError) as missing:
        client.files_info(file="F404")
    assert missing.value.response["error"] == "file_not_found"
