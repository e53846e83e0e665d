"""The emulator's workspaces: each installed team has its own people, channels, DMs, messages,
views and files, reached only with its own token, as in Slack."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.emulator import SlackEmulator
from tests.emulator.replies import SlackError


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator() as slack:
        slack.add_user("U1", name="ana")
        slack.add_channel("C0GENERAL", name="general")
        slack.add_user("U1", name="ula", team_id="T0002")
        slack.add_user("U7", name="gus", team_id="T0002")
        slack.add_channel("C0GLOBEX", name="globex", team_id="T0002")
        yield slack


_SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}


def _installed(slack: SlackEmulator, team_id: str, name: str) -> WebClient:
    code = slack.approve_install(team_id, name)
    answer = WebClient(base_url=slack.api_url).oauth_v2_access(
        client_id=slack.grants.client_id, client_secret=slack.grants.client_secret, code=code
    )
    return WebClient(token=str(answer["access_token"]), base_url=slack.api_url)


def test_each_token_sees_only_its_own_people(slack: SlackEmulator) -> None:
    acme = WebClient(token=slack.bot_token, base_url=slack.api_url)
    globex = _installed(slack, "T0002", "Globex")
    assert globex.auth_test()["team"] == "Globex"
    # The same user id in both workspaces is two people.
    assert acme.users_info(user="U1")["user"]["name"] == "ana"
    assert globex.users_info(user="U1")["user"]["name"] == "ula"
    assert globex.users_info(user="U1")["user"]["team_id"] == "T0002"
    with pytest.raises(SlackApiError, match="user_not_found"):
        acme.users_info(user="U7")
    with pytest.raises(SlackApiError, match="user_not_found"):
        globex.users_info(user="UADMIN")
    listed = {m["id"] for m in globex.users_list()["members"]}
    assert listed == {"U1", "U7", "UBOTT0002"}


def test_each_token_posts_only_in_its_own_channels_and_dms(slack: SlackEmulator) -> None:
    acme = WebClient(token=slack.bot_token, base_url=slack.api_url)
    globex = _installed(slack, "T0002", "Globex")
    with pytest.raises(SlackApiError, match="channel_not_found"):
        globex.chat_postMessage(channel="C0GENERAL", text="leak")
    with pytest.raises(SlackApiError, match="channel_not_found"):
        acme.conversations_info(channel="C0GLOBEX")
    acme_dm = acme.conversations_open(users="U1")["channel"]["id"]
    globex_dm = globex.conversations_open(users="U1")["channel"]["id"]
    assert acme_dm != globex_dm, "DM ids are unique across workspaces, as Slack's are"
    posted = globex.chat_postMessage(channel=globex_dm, text="hello Ula")
    with pytest.raises(SlackApiError, match="message_not_found"):
        acme.chat_update(channel=globex_dm, ts=posted["ts"], text="rewritten")
    globex.chat_postMessage(channel="C0GLOBEX", text="to Globex")
    assert [m["text"] for m in slack.messages_in(globex_dm, team_id="T0002")] == ["hello Ula"]
    assert slack.messages_in(globex_dm) == []
    assert slack.messages_in("C0GLOBEX") == []
    assert slack.dm_channel("U1", team_id="T0002") == globex_dm
    assert slack.messages_in("C0GLOBEX", team_id="T0002")[0]["bot_id"] == "BT0002"


def test_a_trigger_id_opens_a_view_only_in_its_workspace(slack: SlackEmulator) -> None:
    acme = WebClient(token=slack.bot_token, base_url=slack.api_url)
    globex = _installed(slack, "T0002", "Globex")
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Hi"}, "blocks": [_SECTION]}
    with pytest.raises(SlackApiError, match="invalid_trigger_id"):
        globex.views_open(trigger_id=slack.new_trigger_id(), view=view)
    opened = globex.views_open(trigger_id=slack.new_trigger_id(team_id="T0002"), view=view)
    assert opened["view"]["team_id"] == "T0002"
    with pytest.raises(SlackApiError, match="not_found"):
        acme.views_update(view_id=opened["view"]["id"], view=view)


def test_uploads_stay_in_their_workspace(slack: SlackEmulator) -> None:
    globex = _installed(slack, "T0002", "Globex")
    globex_dm = globex.conversations_open(users="U7")["channel"]["id"]
    done = globex.files_upload_v2(channel=globex_dm, content=b"a,b\n", filename="okrs.csv")
    file_id = done["file"]["id"]
    assert slack.uploaded(file_id, team_id="T0002") == b"a,b\n"
    assert slack.uploaded(file_id) is None


def test_the_first_workspace_installed_by_oauth_keeps_its_people_and_reset_forgets_others(
    slack: SlackEmulator,
) -> None:
    acme = _installed(slack, "T0001", "Acme")
    assert (acme.auth_test()["bot_id"], acme.users_info(user="U1")["user"]["name"]) == (
        "B0001",
        "ana",
    )
    slack.reset()
    with pytest.raises(SlackError, match="user_not_found"):
        slack.profile("U7", team_id="T0002")
    assert slack.profile("U1")["name"] == "ana"


def test_rate_limits_count_each_workspace_apart(slack: SlackEmulator) -> None:
    acme = WebClient(token=slack.bot_token, base_url=slack.api_url)
    globex = _installed(slack, "T0002", "Globex")
    for _ in range(20):  # tier 2: 20 a minute, per workspace
        acme.users_list()
    with pytest.raises(SlackApiError, match="ratelimited"):
        acme.users_list()
    assert globex.users_list()["ok"], "Acme's calls spend none of Globex's"
