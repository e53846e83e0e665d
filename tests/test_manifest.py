"""manifest.yml is installable: it validates against Slack's own schema and matches the code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bot.commands import CATALOGUE
from bot.installs import BOT_SCOPES, REDIRECT_PATH

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT.parent / "shared" / "slack-manifest-schema" / "schemas" / "manifest.schema.1.0.0.json"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yml").read_text())
    return loaded


def test_manifest_validates_against_slacks_schema(manifest: dict[str, Any]) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"Slack's manifest schema is not beside the project ({SCHEMA})")
    schema = json.loads(SCHEMA.read_text())
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(manifest), key=str)
    assert not errors, "\n".join(e.message for e in errors)


def test_okr_command_hint_names_every_subcommand(manifest: dict[str, Any]) -> None:
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/okr"
    for sub in CATALOGUE:
        assert sub.name in command["usage_hint"]


def test_one_request_url_for_commands_interactivity_and_events(manifest: dict[str, Any]) -> None:
    settings = manifest["settings"]
    urls = {
        manifest["features"]["slash_commands"][0]["url"],
        settings["interactivity"]["request_url"],
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["message_menu_options_url"],
    }
    assert len(urls) == 1 and urls.pop().endswith("/slack/events")
    assert settings["socket_mode_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True


def test_scopes_cover_delivery(manifest: dict[str, Any]) -> None:
    """The sender posts and updates messages, opens DMs and reads them back for their metadata,
    and joins public channels it is asked to post in (bot/delivery/attempt.py)."""
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "im:write", "im:history", "channels:join", "channels:history"} <= scopes
    assert "groups:history" in scopes, "a private channel's history, for its metadata"


def test_scopes_cover_channels_of_celebrations_and_digests(manifest: dict[str, Any]) -> None:
    """Posting in public channels without a join, the 🎉 on a shout-out, and conversations.info
    on the channels picked in settings (bot/delivery/channel_access.py)."""
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"chat:write.public", "reactions:write", "channels:read", "groups:read"} <= scopes


def test_scopes_cover_chart_uploads(manifest: dict[str, Any]) -> None:
    """Charts are uploaded as files and shared in DMs (bot/charts/sending.py)."""
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"files:write", "im:write"} <= scopes


def test_oauth_redirect_uninstall_events_and_the_scopes_asked_at_install(
    manifest: dict[str, Any],
) -> None:
    assert manifest["oauth_config"]["redirect_urls"] == ["https://okr.example.com" + REDIRECT_PATH]
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked"} <= set(events)
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
