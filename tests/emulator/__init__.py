"""A local Slack Web API emulator: a real HTTP server that slack_sdk's WebClient talks to.

Start it (`with SlackEmulator() as slack:`), point the bot's client at it
(`WebClient(token=slack.bot_token, base_url=slack.api_url)`), then assert on
`slack.calls_to("chat.postMessage")` or block on `slack.wait_for(...)`.
"""

from .calls import Call
from .emulator import SlackEmulator

__all__ = ["Call", "SlackEmulator"]
