"""A local Slack Web API emulator: a real HTTP server that slack_sdk's WebClient talks to.

Start it (`with SlackEmulator() as slack:`), point the bot's client at it
(`WebClient(token=slack.bot_token, base_url=slack.api_url)`), then assert on
`slack.calls_to("chat.postMessage")` or block on `slack.wait_for(...)`.

Socket Mode too: apps.connections.open (with `slack.app_token`) hands out a ws:// URL on the
same port; `slack.socket_send(...)` sends envelopes down it, `slack.wait_for_socket_ack(...)`
returns the app's answer, `slack.socket_disconnect()` asks the client to reconnect.

Many workspaces (OAuth): `slack.approve_install(team_id, name)` hands out a code for
oauth.v2.access; each workspace has its own people, channels, DMs, messages, views and files,
and a call acts in its token's workspace (the bot token's: the first). `add_user`, `add_channel`,
`messages_in`, `dm_channel`… take `team_id=` (default: the first workspace).
"""

from .calls import Call
from .emulator import SlackEmulator

__all__ = ["Call", "SlackEmulator"]
