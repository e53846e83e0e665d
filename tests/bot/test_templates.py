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


def _inputs(payload: Any) -> list[dict[str, Any]]:
    blocks = payload.get("blocks", []) if isinstance(payload, dict) else []
    return [b for b in blocks if b.get("type") == "input"]


def test_slack_alone_marks_optional_fields() -> None:
    """Slack writes "(optional)" after an optional input's label: saying it too doubles it."""
    seen = 0
    for template, contexts in SAMPLES.items():
        for context in contexts:
            for block in _inputs(render(template, **context)):
                if block.get("optional"):
                    seen += 1
                    label = block["label"]["text"]
                    assert "optional" not in label.lower(), f"{template}: {label!r}"
    assert seen, "no sample renders an optional field"
