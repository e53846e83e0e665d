"""Sample data for the templates an operator may override (TEMPLATES_DIR), one module per
feature: `okr-bot check` and `okr-bot run` render each override with it before using it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Text as a hostile or careless person may type it: an override must escape it (`| mrkdwn`) and
# cut it (`| truncate_to(n)`) where Slack limits a field.
HOSTILE = "<!channel> <@U0HOSTILE> <https://evil.example|docs.google.com> & *bold* " + "x" * 3000
# What HOSTILE becomes when an override pastes it unescaped.
UNESCAPED = ("<!channel>", "<@U0HOSTILE>", "<https://evil")

# A feature's sample contexts for one template: typical data, renamed words and HOSTILE text.
Samples = Callable[[], list[dict[str, Any]]]
