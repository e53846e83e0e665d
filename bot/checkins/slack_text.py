"""Between Slack's text and ours: mentions built by code, message text unescaped."""

from __future__ import annotations

import re

_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def mention(user_id: str) -> str:
    """`<@U123>`, the one mention the bot writes; anything that is not a user id is dropped."""
    return f"<@{user_id}>" if _USER_ID.match(user_id) else ""


def plain_from_slack(text: str) -> str:
    """Message text as the person typed it: Slack escapes &, < and > in what it sends."""
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text
