"""The emulator's side of delivery: DMs by user id, message metadata and conversations.history,
conversations.join, the errors Slack gives for people and channels, random faults and latency."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.emulator import SlackEmulator

META = {"event_type": "okr_outbox", "event_payload": {"key": "prompt:U1:W"}}


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(rate_limit_scale=1000) as emulator:
        emulator.add_user("U1")
        yield emulator


@pytest.fixture
def client(slack: SlackEmulator) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.api_url, retry_handlers=[])


def error_of(call: object) -> str:
    with pytest.raises(SlackApiError) as info:
        call()  # type: ignore[operator]
    return str(info.value.response["error"])


def test_a_message_to_a_user_lands_in_their_dm_with_its_metadata(
    slack: SlackEmulator, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel="U1", text="hi", metadata=META)
    dm = slack.dm_channel("U1")
    assert posted["channel"] == dm and dm.startswith("D")
    assert float(posted["ts"]) == pytest.approx(time.time(), abs=60)

    plain = client.conversations_history(channel=dm)["messages"]
    full = client.conversations_history(channel=dm, include_all_metadata=True)["messages"]
    assert "metadata" not in plain[0]
    assert full[0]["metadata"] == META and full[0]["ts"] == posted["ts"]
    assert slack.messages_by_metadata_key() == {"prompt:U1:W": 1}


def test_history_pages_newest_first_between_oldest_and_latest(
    slack: SlackEmulator, client: WebClient
) -> None:
    stamps = [client.chat_postMessage(channel="U1", text=str(n))["ts"] for n in range(5)]
    dm = slack.dm_channel("U1")

    first = client.conversations_history(channel=dm, limit=2, oldest=stamps[0])
    second = client.conversations_history(
        channel=dm, limit=2, oldest=stamps[0], cursor=first["response_metadata"]["next_cursor"]
    )
    window = client.conversations_history(channel=dm, oldest=stamps[1], latest=stamps[3])

    assert [m["text"] for m in first["messages"]] == ["4", "3"] and first["has_more"]
    assert [m["text"] for m in second["messages"]] == ["2", "1"] and not second["has_more"]
    assert [m["text"] for m in window["messages"]] == ["2"]
    assert error_of(lambda: client.conversations_history(channel="CNONE")) == "channel_not_found"


def test_people_and_channels_that_cannot_take_a_message(
    slack: SlackEmulator, client: WebClient
) -> None:
    slack.add_user("UGONE", deleted=True)
    slack.add_channel("COUT", name="out", is_member=False)
    slack.add_channel("CSECRET", name="secret", is_member=False, is_private=True)
    slack.add_channel("COLD", name="old", is_archived=True)

    def post(channel: str) -> str:
        return error_of(lambda: client.chat_postMessage(channel=channel, text="x"))

    assert post("U404") == "user_not_found"
    assert post("UGONE") == "account_inactive"
    assert post("CSECRET") == "not_in_channel"
    assert post("COLD") == "is_archived"
    assert post("CNONE") == "channel_not_found"
    assert error_of(lambda: client.conversations_join(channel="CSECRET")) == (
        "method_not_supported_for_channel_type"
    )
    assert error_of(lambda: client.conversations_join(channel="COLD")) == "is_archived"
    assert client.conversations_join(channel="COUT")["channel"]["is_member"] is True
    assert client.chat_postMessage(channel="COUT", text="x")["channel"] == "COUT"


def test_chat_write_public_posts_in_a_public_channel_the_bot_is_not_in(
    slack: SlackEmulator, client: WebClient
) -> None:
    slack.add_channel("CPUB", name="pub", is_member=False)

    assert client.chat_postMessage(channel="CPUB", text="x")["channel"] == "CPUB"
    assert error_of(lambda: client.conversations_history(channel="CPUB")) == "not_in_channel"
    slack.grant_chat_write_public(False)  # a token installed before the scope was added
    assert error_of(lambda: client.chat_postMessage(channel="CPUB", text="x")) == ("not_in_channel")


def test_conversations_info_hides_private_channels_the_bot_is_not_in(
    slack: SlackEmulator, client: WebClient
) -> None:
    slack.add_channel("CINFO", name="open", is_member=False)
    slack.add_channel("GINSIDE", name="inner", is_private=True)
    slack.add_channel("GHIDDEN", name="hidden", is_member=False, is_private=True)
    dm = client.conversations_open(users="U1")["channel"]["id"]

    public = client.conversations_info(channel="CINFO")["channel"]
    inside = client.conversations_info(channel="GINSIDE")["channel"]
    assert (public["is_private"], public["is_member"], public["name"]) == (False, False, "open")
    assert (inside["is_private"], inside["is_member"]) == (True, True)
    assert client.conversations_info(channel=dm)["channel"]["is_im"] is True
    assert error_of(lambda: client.conversations_info(channel="GHIDDEN")) == "channel_not_found"
    assert error_of(lambda: client.conversations_info(channel="CNONE")) == "channel_not_found"


def test_random_faults_are_seeded_and_some_5xx_come_after_posting(
    slack: SlackEmulator, client: WebClient
) -> None:
    def run(seed: int) -> list[int]:
        slack.reset()
        slack.fail_randomly(0.5, seed=seed, retry_after=3)
        statuses = []
        for _ in range(40):
            try:
                client.chat_postMessage(channel="U1", text="x")
                statuses.append(200)
            except SlackApiError as exc:
                statuses.append(exc.response.status_code)
                if exc.response.status_code == 429:
                    assert exc.response.headers["Retry-After"] == "3"
        return statuses

    first, again = run(7), run(7)
    assert first == again
    assert {200, 429} <= set(first) and set(first) & {500, 502, 503}
    posted = len(slack.messages_in(slack.dm_channel("U1")))
    assert posted > again.count(200), "some 5xx answers came after the message was posted"
    slack.reset()
    assert client.users_info(user="U1")["ok"], "only the delivery methods fail by default"


def test_latency_delays_every_answer(slack: SlackEmulator, client: WebClient) -> None:
    slack.set_latency(0.2)
    began = time.monotonic()
    client.auth_test()
    assert time.monotonic() - began >= 0.2
