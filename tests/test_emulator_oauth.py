"""The emulator's OAuth: oauth.v2.access for a code and a refresh token, tokens that expire,
auth.test answering as each token's workspace, and an uninstall revoking them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.emulator import SlackEmulator


class Ticking:
    """The emulator's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def slack_and_clock() -> Iterator[tuple[SlackEmulator, Ticking]]:
    clock = Ticking()
    with SlackEmulator(clock=clock) as slack:
        yield slack, clock


def _exchange(slack: SlackEmulator, **params: str) -> dict[str, object]:
    client = WebClient(base_url=slack.api_url)
    answer = client.oauth_v2_access(
        client_id=slack.grants.client_id, client_secret=slack.grants.client_secret, **params
    )
    return dict(answer.data)  # type: ignore[arg-type]


def test_two_workspaces_get_two_tokens_each_answering_as_its_own(
    slack_and_clock: tuple[SlackEmulator, Ticking],
) -> None:
    slack, _ = slack_and_clock
    beta = _exchange(slack, code=slack.approve_install("T0002", "Beta"))
    gamma = _exchange(slack, code=slack.approve_install("T0003", "Gamma"))
    assert beta["team"] == {"id": "T0002", "name": "Beta"} and "refresh_token" not in beta
    for answer, team_id in ((beta, "T0002"), (gamma, "T0003")):
        tested = WebClient(token=str(answer["access_token"]), base_url=slack.api_url).auth_test()
        assert (tested["team_id"], tested["bot_id"]) == (team_id, f"B{team_id}")
    with pytest.raises(SlackApiError, match="invalid_code"):
        _exchange(slack, code="code-used-or-made-up")


def test_rotation_refreshes_an_expired_token_and_uninstall_revokes(
    slack_and_clock: tuple[SlackEmulator, Ticking],
) -> None:
    slack, clock = slack_and_clock
    slack.grants.expires_in = 60
    first = _exchange(slack, code=slack.approve_install("T0002", "Beta"))
    assert str(first["access_token"]).startswith("xoxe.xoxb-") and first["expires_in"] == 60
    clock.now += 61
    expired = WebClient(token=str(first["access_token"]), base_url=slack.api_url)
    with pytest.raises(SlackApiError, match="token_expired"):
        expired.auth_test()
    refreshed = _exchange(
        slack, grant_type="refresh_token", refresh_token=str(first["refresh_token"])
    )
    token = str(refreshed["access_token"])
    with pytest.raises(SlackApiError, match="invalid_refresh_token"):
        _exchange(slack, grant_type="refresh_token", refresh_token=str(first["refresh_token"]))
    assert WebClient(token=token, base_url=slack.api_url).auth_test()["team_id"] == "T0002"
    slack.revoke_install("T0002")
    with pytest.raises(SlackApiError, match="invalid_auth"):
        WebClient(token=token, base_url=slack.api_url).auth_test()
    with pytest.raises(SlackApiError, match="bad_client_secret"):
        WebClient(base_url=slack.api_url).oauth_v2_access(
            client_id=slack.grants.client_id, client_secret="wrong", code="x"
        )
