"""Every template renders valid Block Kit with typical and hostile data, within Slack's limits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.render import render, template_names
from tests.blockkit import MENTION_MARKERS, validate
from tests.template_samples import all_samples

SAMPLES = all_samples()


def test_every_template_has_samples() -> None:
    assert sorted(SAMPLES) == template_names()


@pytest.mark.parametrize(
    ("template", "context"),
    [(name, context) for name, contexts in SAMPLES.items() for context in contexts],
)
def test_template_renders_valid_block_kit(template: str, context: dict[str, Any]) -> None:
    payload = render(template, **context)
    validate(payload)
    rendered = json.dumps(payload)
    for marker in MENTION_MARKERS:
        assert marker not in rendered, f"{template} lets {marker!r} through unescaped"
