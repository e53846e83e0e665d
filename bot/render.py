"""Block Kit from Jinja2 templates: code assembles plain data, templates lay it out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from bot import action_ids
from bot.presentation import channel_link, confidence_label, day, escape_mrkdwn, pace_explained
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


@dataclass
class _InUse:
    """The TEMPLATES_DIR this process renders with: one per process, chosen at start-up."""

    overrides: Path | None = None


_IN_USE = _InUse()


def use_templates(overrides: Path | None) -> None:
    """Render with the files of `overrides` (Settings.templates_dir, checked by
    bot/template_check.py) over the built-in templates from now on; None for the built-ins."""
    _IN_USE.overrides = overrides


@cache
def environment(overrides: Path | None = None) -> Environment:
    """The templates of `overrides` first, then the built-in ones (bot/templates/)."""
    builtin = PackageLoader("bot", "templates")
    loader = builtin if overrides is None else ChoiceLoader([FileSystemLoader(overrides), builtin])
    env = Environment(
        loader=loader,
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
    env.globals["pace_explained"] = pace_explained
    return env


def render(template: str, **context: Any) -> Any:
    """Render `<template>.json.j2` (an override of TEMPLATES_DIR or the built-in one) and parse
    it; malformed output raises."""
    return render_with(environment(_IN_USE.overrides), template, **context)


def render_with(env: Environment, template: str, **context: Any) -> Any:
    """`render` in a given environment: for checking overrides before they are used."""
    return json.loads(env.get_template(f"{template}.json.j2").render(**context))


def template_names() -> list[str]:
    """Every built-in template, for the test that renders them all."""
    return sorted(
        name.removesuffix(".json.j2")
        for name in environment().list_templates()
        if name.endswith(".json.j2")
    )
