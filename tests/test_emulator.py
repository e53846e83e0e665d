"""The Slack emulator, exercised through the real slack_sdk clients over HTTP."""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any
from urllib.error import URLError

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.web import SlackResponse
from slack_sdk.webhook import WebhookClient

from tests.emulator import Call, SlackEmulator

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "*Q3* objectives"}}
DIVIDER = {"type": "divider"}


def modal(*, title: str = "Check-in", blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "checkin",
        "title": {"type": "plain_text", "text": title},
        "blocks": [DIVIDER] if blocks is None else blocks,
    }


class FakeClock:
    """Stands in for time.monotonic; tests move time forward explicitly."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def slack(clock: FakeClock) -> Iterator[SlackEmulator]:
    with SlackEmulator(clock=clock) as emulator:
        emulator.add_user("U1")  # messages to a user id need someone there, as in Slack
        yield emulator


@pytest.fixture
def client(slack: SlackEmulator) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.api_url)


def api_error(call: Callable[[], object]) -> SlackResponse:
    with pytest.raises(SlackApiError) as info:
        call()
    response: SlackResponse = info.value.response
    return response


# --- authentication and routing ---------------------------------------------------------------


def test_auth_test_reports_the_bot_identity(slack: SlackEmulator, client: WebClient) -> None:
    response = client.auth_test()

    assert response["team_id"] == "T0001"
    assert response["team"] == "Acme"
    assert response["user_id"] == "UBOT"
    assert response["bot_id"]
    assert response["url"].startswith("https://")
    assert slack.calls_to("auth.test")[0].token == slack.bot_token


def test_missing_and_wrong_tokens_are_refused(slack: SlackEmulator) -> None:
    missing = api_error(WebClient(base_url=slack.api_url).auth_test)
    wrong = api_error(WebClient(token="xoxb-wrong", base_url=slack.api_url).auth_test)

    assert missing["error"] == "not_authed"
    assert wrong["error"] == "invalid_auth"
    assert [c.response["error"] for c in slack.calls] == ["not_authed", "invalid_auth"]


def test_token_in_a_form_field_authenticates(slack: SlackEmulator) -> None:
    body = f"token={slack.bot_token}&channel=U1&text=hi".encode()
    with urllib.request.urlopen(slack.api_url + "chat.postMessage", data=body) as response:
        answer = json.loads(response.read())

    assert answer["ok"] is True
    call = slack.calls_to("chat.postMessage")[0]
    assert call.token == slack.bot_token
    assert "token" not in call.params


def test_unknown_method_answers_404_unknown_method(client: WebClient) -> None:
    response = api_error(lambda: client.api_call("okrs.list"))

    assert response.status_code == 404
    assert response["error"] == "unknown_method"


def test_apps_connections_open_refuses_a_bot_token(slack: SlackEmulator, client: WebClient) -> None:
    assert (
        api_error(lambda: client.apps_connections_open(app_token=slack.bot_token))["error"]
        == "not_allowed_token_type"
    )


# --- messages -------------------------------------------------------------------------------


def test_post_message_is_answered_and_recorded(slack: SlackEmulator, client: WebClient) -> None:
    first = client.chat_postMessage(channel="U1", text="Time to check in", blocks=[SECTION])
    second = client.chat_postMessage(channel="U1", text="Again")

    assert first["channel"].startswith("D")
    assert first["message"]["text"] == "Time to check in"
    assert first["message"]["blocks"] == [SECTION]
    whole, fraction = first["ts"].split(".")
    assert len(whole) == 10 and len(fraction) == 6
    assert float(second["ts"]) > float(first["ts"])
    [call, _] = slack.calls_to("chat.postMessage")
    assert call.params["blocks"] == [SECTION]
    assert (call.status, call.response["ts"]) == (200, first["ts"])


def test_blocks_sent_as_a_form_json_string_are_decoded(
    slack: SlackEmulator, client: WebClient
) -> None:
    params = {"channel": "U1", "text": "t", "blocks": json.dumps([DIVIDER])}
    client.api_call("chat.postMessage", params=params)

    assert slack.calls_to("chat.postMessage")[0].params["blocks"] == [DIVIDER]


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"channel": "C404", "text": "hi"}, "channel_not_found"),
        ({"channel": "U1"}, "no_text"),
        ({"channel": "U1", "text": "x" * 40_001}, "msg_too_long"),
        ({"channel": "CARCHIVED", "text": "hi"}, "is_archived"),
        ({"channel": "COUTSIDE", "text": "hi"}, "not_in_channel"),
    ],
)
def test_post_message_refusals(
    slack: SlackEmulator, client: WebClient, kwargs: dict[str, Any], error: str
) -> None:
    slack.add_channel("CARCHIVED", name="old", is_archived=True)
    slack.add_channel("COUTSIDE", name="private", is_member=False, is_private=True)

    assert api_error(lambda: client.chat_postMessage(**kwargs))["error"] == error


def test_known_channels_are_found_by_id_and_by_name(
    slack: SlackEmulator, client: WebClient
) -> None:
    slack.add_channel("C1", name="okrs")

    assert client.chat_postMessage(channel="C1", text="a")["channel"] == "C1"
    assert client.chat_postMessage(channel="#okrs", text="b")["channel"] == "C1"


def test_invalid_blocks_are_rejected_with_invalid_blocks(client: WebClient) -> None:
    unknown = api_error(
        lambda: client.chat_postMessage(channel="U1", text="t", blocks=[{"type": "carousel!"}])
    )
    long_button = {
        "type": "actions",
        "elements": [
            {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "x" * 80}}
        ],
    }
    nested = api_error(
        lambda: client.chat_postMessage(channel="U1", text="t", blocks=[DIVIDER, long_button])
    )

    assert unknown["error"] == "invalid_blocks"
    assert unknown["response_metadata"]["messages"][0].startswith("[ERROR]")
    assert nested["error"] == "invalid_blocks"
    assert "/blocks/1" in nested["response_metadata"]["messages"][0]


def test_at_most_50_blocks_per_message(client: WebClient) -> None:
    assert client.chat_postMessage(channel="U1", text="t", blocks=[DIVIDER] * 50)["ok"]

    too_many = api_error(
        lambda: client.chat_postMessage(channel="U1", text="t", blocks=[DIVIDER] * 51)
    )

    assert too_many["error"] == "invalid_blocks"
    assert "50" in too_many["response_metadata"]["messages"][0]


def test_chat_update_needs_a_posted_message(slack: SlackEmulator, client: WebClient) -> None:
    posted = client.chat_postMessage(channel="U1", text="draft", blocks=[SECTION])

    updated = client.chat_update(channel=posted["channel"], ts=posted["ts"], text="final")
    missing = api_error(lambda: client.chat_update(channel=posted["channel"], ts="1.2", text="x"))

    assert updated["message"]["text"] == "final"
    assert "blocks" not in updated["message"]
    assert missing["error"] == "message_not_found"
    # What chat.postMessage answered stays as it was when it answered.
    assert slack.calls_to("chat.postMessage")[0].response["message"]["text"] == "draft"


def test_post_ephemeral_needs_a_user(client: WebClient) -> None:
    answer = client.chat_postEphemeral(channel="U1", user="U1", text="only you")
    missing = api_error(lambda: client.api_call("chat.postEphemeral", json={"channel": "U1"}))

    assert answer["message_ts"]
    assert missing["error"] == "invalid_arguments"


def test_the_same_reaction_twice_is_already_reacted(client: WebClient) -> None:
    posted = client.chat_postMessage(channel="U1", text="done")
    client.reactions_add(channel=posted["channel"], timestamp=posted["ts"], name="white_check_mark")

    again = api_error(
        lambda: client.reactions_add(
            channel=posted["channel"], timestamp=posted["ts"], name="white_check_mark"
        )
    )

    assert again["error"] == "already_reacted"


def test_files_upload_v2_flow_is_recorded(slack: SlackEmulator, client: WebClient) -> None:
    response = client.files_upload_v2(
        channel="U1", content="objective,progress\n", filename="okrs.csv", title="OKRs"
    )

    assert response["file"]["title"] == "OKRs"
    assert response["file"]["size"] == len("objective,progress\n")
    [upload] = slack.calls_to("files.upload_bytes")
    assert upload.params["content"] == b"objective,progress\n"
    assert [c.method for c in slack.calls] == [
        "files.getUploadURLExternal",
        "files.upload_bytes",
        "files.completeUploadExternal",
    ]


# --- views and trigger ids ------------------------------------------------------------------


def test_views_open_returns_a_view_with_id_hash_and_state(
    slack: SlackEmulator, client: WebClient
) -> None:
    view = client.views_open(trigger_id=slack.new_trigger_id(), view=modal())["view"]

    assert view["id"].startswith("V")
    assert view["hash"]
    assert view["state"] == {"values": {}}
    assert view["callback_id"] == "checkin"
    assert slack.calls_to("views.open")[0].params["view"]["title"]["text"] == "Check-in"


def test_a_trigger_id_works_once(slack: SlackEmulator, client: WebClient) -> None:
    trigger = slack.new_trigger_id()
    client.views_open(trigger_id=trigger, view=modal())

    reused = api_error(lambda: client.views_push(trigger_id=trigger, view=modal()))
    unknown = api_error(lambda: client.views_open(trigger_id="123.T0001.nope", view=modal()))

    assert reused["error"] == "invalid_trigger_id"
    assert unknown["error"] == "invalid_trigger_id"


def test_a_trigger_id_expires_after_three_seconds(
    slack: SlackEmulator, client: WebClient, clock: FakeClock
) -> None:
    fresh, stale = slack.new_trigger_id(), slack.new_trigger_id()
    clock.advance(2.9)
    assert client.views_open(trigger_id=fresh, view=modal())["ok"]

    clock.advance(0.2)
    expired = api_error(lambda: client.views_open(trigger_id=stale, view=modal()))

    assert expired["error"] == "expired_trigger_id"


def test_views_push_stacks_on_the_modal_the_trigger_came_from(
    slack: SlackEmulator, client: WebClient
) -> None:
    bottom = client.views_open(trigger_id=slack.new_trigger_id(), view=modal())["view"]
    middle = client.views_push(trigger_id=slack.new_trigger_id(bottom["id"]), view=modal())
    top = client.views_push(trigger_id=slack.new_trigger_id(middle["view"]["id"]), view=modal())

    assert bottom["previous_view_id"] is None and bottom["root_view_id"] == bottom["id"]
    assert middle["view"]["previous_view_id"] == bottom["id"]
    assert top["view"]["previous_view_id"] == middle["view"]["id"]
    assert top["view"]["root_view_id"] == bottom["id"]


@pytest.mark.parametrize(
    ("view", "fragment"),
    [
        (modal(title="A title far longer than twenty-four"), "title"),
        (modal(blocks=[DIVIDER] * 101), "100"),
        (modal(blocks=[{"type": "section"}]), "/view/blocks/0"),
        (modal(blocks=[{"type": "no_such_block"}]), "/view/blocks/0"),
        ({**modal(), "type": "sheet"}, "type"),
    ],
)
def test_invalid_views_are_rejected_with_invalid_arguments(
    slack: SlackEmulator, client: WebClient, view: dict[str, Any], fragment: str
) -> None:
    trigger = slack.new_trigger_id()

    refused = api_error(lambda: client.views_open(trigger_id=trigger, view=view))

    assert refused["error"] == "invalid_arguments"
    messages = refused["response_metadata"]["messages"]
    assert messages[0].startswith("[ERROR]")
    assert fragment in " ".join(messages)
    # A refused view leaves the trigger usable, so a corrected view can still open.
    assert client.views_open(trigger_id=trigger, view=modal())["ok"]


def test_views_update_checks_hash_and_identity(slack: SlackEmulator, client: WebClient) -> None:
    opened = client.views_open(
        trigger_id=slack.new_trigger_id(), view={**modal(), "external_id": "checkin-U1"}
    )["view"]

    updated = client.views_update(
        view_id=opened["id"], hash=opened["hash"], view=modal(title="Saved")
    )
    stale = api_error(
        lambda: client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal())
    )
    by_external_id = client.views_update(external_id="checkin-U1", view=modal(title="Again"))
    missing = api_error(lambda: client.views_update(view_id="VNOPE", view=modal()))

    assert updated["view"]["id"] == opened["id"]
    assert updated["view"]["hash"] != opened["hash"]
    assert stale["error"] == "hash_conflict"
    assert by_external_id["view"]["title"]["text"] == "Again"
    assert missing["error"] == "not_found"


def test_views_publish_accepts_home_views_only(client: WebClient) -> None:
    home = {"type": "home", "blocks": [SECTION]}

    first = client.views_publish(user_id="U1", view=home)["view"]
    second = client.views_publish(user_id="U1", view=home)["view"]
    not_home = api_error(lambda: client.views_publish(user_id="U1", view=modal()))

    assert first["id"] == second["id"]
    assert not_home["error"] == "invalid_arguments"


# --- users and conversations ----------------------------------------------------------------


def test_users_info_is_shaped_like_slack(slack: SlackEmulator, client: WebClient) -> None:
    slack.add_user("U1", name="ada", real_name="Ada Lovelace", tz="Asia/Kolkata", is_admin=True)
    slack.add_user("U2")

    ada = client.users_info(user="U1")["user"]
    default = client.users_info(user="U2")["user"]
    unknown = api_error(lambda: client.users_info(user="U404"))

    assert ada["name"] == "ada"
    assert ada["profile"]["real_name"] == "Ada Lovelace"
    assert ada["profile"]["display_name"] == "ada"
    assert (ada["tz"], ada["tz_offset"], ada["tz_label"]) == (
        "Asia/Kolkata",
        19_800,
        "India Standard Time",
    )
    assert ada["is_admin"] is True and ada["is_owner"] is False and ada["deleted"] is False
    assert ada["team_id"] == "T0001"
    assert default["tz"] == "America/New_York"
    assert default["tz_offset"] in (-18_000, -14_400)
    assert unknown["error"] == "user_not_found"


def test_users_list_paginates_with_cursors(slack: SlackEmulator, client: WebClient) -> None:
    for n in range(1, 6):
        slack.add_user(f"U{n}")

    pages = []
    cursor = None
    while True:
        page = client.users_list(limit=4, cursor=cursor)
        pages.append([m["id"] for m in page["members"]])
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    bad_cursor = api_error(lambda: client.users_list(cursor="bm9wZQ=="))

    # The bot user is a member too, as in a real workspace.
    assert pages == [["UBOT", "U1", "U2", "U3"], ["U4", "U5"]]
    assert bad_cursor["error"] == "invalid_cursor"


def test_conversations_members_pages_a_channels_members(
    slack: SlackEmulator, client: WebClient
) -> None:
    slack.add_channel("C1", name="team", members=["U1", "U2", "U3"])
    slack.add_channel("C2", name="hush", is_private=True, is_member=False, members=["U1"])
    first = client.conversations_members(channel="C1", limit=2)
    cursor = first["response_metadata"]["next_cursor"]
    rest = client.conversations_members(channel="C1", cursor=cursor)

    assert (first["members"], rest["members"]) == (["U1", "U2"], ["U3"])
    assert rest["response_metadata"]["next_cursor"] == ""
    assert api_error(lambda: client.conversations_members(channel="C2"))["error"] == (
        "channel_not_found"
    ), "a private channel the bot is not in"


def test_conversations_open_gives_a_stable_dm(slack: SlackEmulator, client: WebClient) -> None:
    slack.add_user("U1")
    slack.add_user("U2")
    slack.add_user("UGONE", deleted=True)

    first = client.conversations_open(users="U1")["channel"]["id"]
    again = client.conversations_open(users=["U1"])["channel"]["id"]
    other = client.conversations_open(users="U2")["channel"]["id"]
    posted = client.chat_postMessage(channel=first, text="hello")

    assert first.startswith("D") and first == again != other
    assert posted["channel"] == first
    assert api_error(lambda: client.conversations_open(users="U404"))["error"] == "user_not_found"
    assert api_error(lambda: client.conversations_open(users="UGONE"))["error"] == "user_disabled"


# --- fault injection ------------------------------------------------------------------------


def test_fail_with_an_error_answers_ok_false(slack: SlackEmulator, client: WebClient) -> None:
    slack.fail("chat.postMessage", error="channel_not_found", times=2)

    errors = [api_error(lambda: client.chat_postMessage(channel="U1", text="x")) for _ in range(2)]
    recovered = client.chat_postMessage(channel="U1", text="x")

    assert [(e.status_code, e["error"]) for e in errors] == [(200, "channel_not_found")] * 2
    assert recovered["ok"]
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [200, 200, 200]


@pytest.mark.parametrize("status", [500, 502, 503])
def test_fail_with_a_server_error_status(
    slack: SlackEmulator, client: WebClient, status: int
) -> None:
    slack.add_user("U1")
    slack.fail("users.info", status=status)

    response = api_error(lambda: client.users_info(user="U1"))

    assert response.status_code == status
    assert response["ok"] is False
    assert slack.calls_to("users.info")[0].status == status


def test_server_error_retry_handler_recovers_from_a_500(slack: SlackEmulator) -> None:
    retrying = WebClient(
        token=slack.bot_token,
        base_url=slack.api_url,
        retry_handlers=[
            ServerErrorRetryHandler(
                max_retry_count=1, interval_calculator=FixedValueRetryIntervalCalculator(0.01)
            )
        ],
    )
    slack.fail("auth.test", status=500)

    assert retrying.auth_test()["ok"]
    assert [c.status for c in slack.calls_to("auth.test")] == [500, 200]


def test_fail_with_429_sends_retry_after(slack: SlackEmulator, client: WebClient) -> None:
    slack.fail("chat.postMessage", status=429, retry_after=7)
    slack.fail("auth.test", status=429)

    limited = api_error(lambda: client.chat_postMessage(channel="U1", text="x"))
    default = api_error(client.auth_test)

    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "7"
    assert limited["error"] == "ratelimited"
    assert default.headers["Retry-After"] == "1"


def test_rate_limit_retry_handler_waits_and_succeeds(slack: SlackEmulator) -> None:
    retrying = WebClient(
        token=slack.bot_token,
        base_url=slack.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    slack.fail("chat.postMessage", status=429, retry_after=1)

    # slack_sdk really sleeps for Retry-After (1s here): that wait is what is under test.
    assert retrying.chat_postMessage(channel="U1", text="x")["ok"]
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [429, 200]


def test_fail_with_a_delay_makes_the_client_time_out(slack: SlackEmulator) -> None:
    impatient = WebClient(token=slack.bot_token, base_url=slack.api_url, timeout=0.5)  # type: ignore[arg-type]
    slack.fail("auth.test", delay=30)

    with pytest.raises((TimeoutError, URLError)):
        impatient.auth_test()

    assert impatient.auth_test()["ok"]


# --- rate limits ----------------------------------------------------------------------------


def test_post_message_allows_a_burst_per_channel_then_429(
    slack: SlackEmulator, client: WebClient, clock: FakeClock
) -> None:
    slack.add_user("U2")
    for _ in range(3):
        client.chat_postMessage(channel="U1", text="x")
    limited = api_error(lambda: client.chat_postMessage(channel="U1", text="x"))
    other_channel = client.chat_postMessage(channel="U2", text="x")
    clock.advance(1.0)
    refilled = client.chat_postMessage(channel="U1", text="x")
    again = api_error(lambda: client.chat_postMessage(channel="U1", text="x"))

    assert limited.status_code == 429
    assert limited["error"] == "ratelimited"
    assert int(limited.headers["Retry-After"]) >= 1
    assert other_channel["ok"] and refilled["ok"]
    assert again.status_code == 429
    statuses = [c.status for c in slack.calls_to("chat.postMessage")]
    assert statuses == [200, 200, 200, 429, 200, 200, 429]


def test_post_message_workspace_cap_spans_channels(slack: SlackEmulator, client: WebClient) -> None:
    for n in range(34):
        for _ in range(3):
            with contextlib.suppress(SlackApiError):
                client.chat_postMessage(channel=f"U{n}", text="x")

    statuses = [c.status for c in slack.calls_to("chat.postMessage")]
    assert statuses == [200] * 100 + [429, 429]


def test_tiered_methods_are_limited_per_minute(client: WebClient, clock: FakeClock) -> None:
    for _ in range(20):
        client.users_list()
    limited = api_error(client.users_list)
    clock.advance(3.0)

    # Tier 2 is 20 per minute: the next call is allowed 3 seconds later.
    assert limited.headers["Retry-After"] == "3"
    assert client.users_list()["ok"]


def test_rate_limit_scale_loosens_limits(clock: FakeClock) -> None:
    with SlackEmulator(clock=clock, rate_limit_scale=50) as fast:
        fast.add_user("U1")
        client = WebClient(token=fast.bot_token, base_url=fast.api_url)
        for _ in range(20):
            client.users_list()
        limited = api_error(client.users_list)
        clock.advance(0.07)
        listed_again = client.users_list()
        for _ in range(3):
            client.chat_postMessage(channel="U1", text="x")
        clock.advance(0.021)
        posted_again = client.chat_postMessage(channel="U1", text="x")

    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "1"
    assert listed_again["ok"] and posted_again["ok"]


def test_reset_forgets_calls_faults_and_limits_but_keeps_users(
    slack: SlackEmulator, client: WebClient
) -> None:
    slack.add_user("U1")
    for _ in range(3):
        client.chat_postMessage(channel="U1", text="x")
    slack.fail("users.info", error="fatal_error")

    slack.reset()

    assert slack.calls == []
    assert client.users_info(user="U1")["user"]["id"] == "U1"
    assert client.chat_postMessage(channel="U1", text="x")["ok"]


# --- response_url ---------------------------------------------------------------------------


def test_response_url_posts_are_recorded_and_limited_to_five(slack: SlackEmulator) -> None:
    url = slack.new_response_url()
    webhook = WebhookClient(url)

    responses = [webhook.send(text=f"update {n}") for n in range(6)]
    unknown = WebhookClient(slack.base_url + "/response/999").send(text="x")

    assert url.startswith(slack.base_url + "/response/")
    assert [r.status_code for r in responses] == [200] * 5 + [404]
    assert (responses[0].body, responses[5].body) == ("ok", "used_url")
    recorded = slack.calls_to("response_url")
    assert recorded[0].params == {"text": "update 0"}
    assert recorded[5].response == {"ok": False, "error": "used_url"}
    assert unknown.status_code == 404


def test_response_url_expires_after_thirty_minutes(slack: SlackEmulator, clock: FakeClock) -> None:
    webhook = WebhookClient(slack.new_response_url())
    clock.advance(30 * 60 + 1)

    response = webhook.send(text="late", replace_original=True)

    assert (response.status_code, response.body) == (404, "expired_url")


# --- waiting for calls and concurrency ------------------------------------------------------


def test_wait_for_blocks_until_calls_arrive(slack: SlackEmulator, client: WebClient) -> None:
    for n in range(3):
        slack.add_user(f"U{n}")

    def post_reminders() -> None:
        for n in range(3):
            client.chat_postMessage(channel=f"U{n}", text=f"reminder {n}")

    worker = threading.Thread(target=post_reminders)
    worker.start()
    calls = slack.wait_for("chat.postMessage", count=3)
    [last] = slack.wait_for(
        "chat.postMessage", predicate=lambda c: c.params["text"] == "reminder 2"
    )
    worker.join()

    assert [c.params["text"] for c in calls] == ["reminder 0", "reminder 1", "reminder 2"]
    assert last.params["channel"] == "U2"


def test_wait_for_times_out_listing_the_methods_seen(
    slack: SlackEmulator, client: WebClient
) -> None:
    client.auth_test()

    with pytest.raises(AssertionError, match=r"views\.open.*auth\.test"):
        slack.wait_for("views.open", timeout=0.05)


def test_concurrent_requests_get_unique_timestamps(slack: SlackEmulator) -> None:
    for n in range(20):
        slack.add_user(f"U{n}")

    def post(channel: str) -> None:
        WebClient(token=slack.bot_token, base_url=slack.api_url).chat_postMessage(
            channel=channel, text="x"
        )

    threads = [threading.Thread(target=post, args=(f"U{n}",)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    calls: list[Call] = slack.calls_to("chat.postMessage")
    assert len(calls) == 20
    assert len({c.response["ts"] for c in calls}) == 20
