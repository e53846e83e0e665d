"""Block Kit from Jinja2 templates: code assembles plain data, templates lay it out."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from bot import action_ids
from bot.presentation import PACE_EXPLAINED, channel_link, confidence_label, day, escape_mrkdwn
from bot.progress import CONFIDENCES
from bot.words import capital


def truncate(text: object, limit: int) -> str:
    """Cut text to at most `limit` characters, marking the cut with an ellipsis."""
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def progress_bar(fraction: float, width: int = 10) -> str:
    """A text bar for a 0..1 fraction: `▰▰▰▱▱▱▱▱▱▱`."""
    filled = round(min(max(fraction, 0.0), 1.0) * width)
    return "▰" * filled + "▱" * (width - filled)


def _tojson(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("bot", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["mrkdwn"] = escape_mrkdwn
    env.filters["tojson"] = _tojson
    env.filters["truncate_to"] = truncate
    env.filters["bar"] = progress_bar
    env.filters["day"] = day
    env.filters["capital"] = capital
    env.globals["confidence_label"] = confidence_label
    env.globals["channel_link"] = channel_link
    env.globals["confidences"] = CONFIDENCES
    env.globals["action_ids"] = action_ids
    env.globals["pace_explained"] = PACE_EXPLAINED
    return env


def render(template: str, **context: Any) -> Any:
    """Render `bot/templates/<template>.json.j2` and parse it; malformed output raises."""
    text = environment().get_template(f"{template}.json.j2").render(**context)
    return json.loads(text)


def template_names() -> list[str]:
    """Every template, for the test that renders them all."""
    return sorted(
        name.removesuffix(".json.j2")
        for name in environment().list_templates()
        if name.endswith(".json.j2")
    )
