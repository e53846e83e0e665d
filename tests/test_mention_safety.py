"""Mention safety everywhere: every template, with each hostile text of the table in place of
the samples' HOSTILE, renders it as plain text — no ping, no disguised link, `&lt;` as typed.

Samples name user text with tests.template_samples.HOSTILE (or a cut of it); this test puts each
text of the table in its place, deep in lists, dicts, dataclasses, named tuples and rows, so a
new template's samples are covered as soon as they use HOSTILE."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import inspect
from sqlalchemy.orm import DeclarativeBase

from bot.render import render, template_names
from tests.blockkit import validate
from tests.hostile_texts import MENTIONS as HOSTILE_TEXTS
from tests.template_samples import HOSTILE, all_samples

# What must never reach a text field from user text.
FORBIDDEN = ("<!", "<@U123>", "<https://evil")
# The same text without Slack's control characters, for the template's own `<` and `>`.
DEFANGED = str.maketrans("<>&", "()+")
SAMPLES = all_samples()
HEAD = HOSTILE[:10]


def _text(value: str, text: str) -> str:
    """`value` with HOSTILE, or the cut of it a sample took, replaced by as much of `text`."""
    start = value.find(HEAD)
    if start < 0:
        return value
    length = 0
    while start + length < len(value) and length < len(HOSTILE):
        if value[start + length] != HOSTILE[length]:
            break
        length += 1
    replacement = text if length == len(HOSTILE) else text[:length]
    return value[:start] + replacement + _text(value[start + length :], text)


def with_text(value: Any, text: str) -> Any:
    """`value` with every HOSTILE in it replaced by `text`, rebuilt rather than changed."""
    if isinstance(value, str):
        return _text(value, text)
    if isinstance(value, dict):
        return {key: with_text(each, text) for key, each in value.items()}
    if isinstance(value, list):
        return [with_text(each, text) for each in value]
    if isinstance(value, tuple):
        items = [with_text(each, text) for each in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: with_text(getattr(value, field.name), text)
            for field in dataclasses.fields(value)
            if field.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, DeclarativeBase):
        columns = inspect(value).mapper.column_attrs
        return type(value)(**{c.key: with_text(getattr(value, c.key), text) for c in columns})
    return value


def text_fields(payload: Any, top: bool = True) -> list[tuple[str, str]]:
    """Every text a person sees, with its kind: `mrkdwn`, `plain_text`, or `message` (the
    notification text, which Slack parses like mrkdwn)."""
    found: list[tuple[str, str]] = []
    if isinstance(payload, dict):
        if top and isinstance(payload.get("text"), str):
            found.append(("message", payload["text"]))
        if payload.get("type") in {"mrkdwn", "plain_text"} and isinstance(payload.get("text"), str):
            found.append((payload["type"], payload["text"]))
        for key, each in payload.items():
            if key != "text" or isinstance(each, dict | list):
                found.extend(text_fields(each, top=False))
    elif isinstance(payload, list):
        for each in payload:
            found.extend(text_fields(each, top=False))
    return found


def hostile_cases() -> list[Any]:
    return [
        pytest.param(template, name, id=f"{template}-{name}")
        for template in template_names()
        for name in HOSTILE_TEXTS
    ]


def brackets(payload: Any) -> tuple[int, int]:
    """How many `<` and `>` the notification text and mrkdwn fields hold."""
    shown = "".join(field for kind, field in text_fields(payload) if kind != "plain_text")
    return shown.count("<"), shown.count(">")


@pytest.mark.parametrize(("template", "hostile"), hostile_cases())
def test_hostile_text_renders_as_plain_text(template: str, hostile: str) -> None:
    text = HOSTILE_TEXTS[hostile]
    shown = 0
    for context in SAMPLES[template]:
        payload = render(template, **with_text(context, text))
        validate(payload)
        for kind, field in text_fields(payload):
            for forbidden in FORBIDDEN:
                assert forbidden not in field, f"{template}: {kind} {field[:300]!r}"
            if hostile == "already escaped" and "!channel" in field and kind != "plain_text":
                # Shown as typed: `&lt;` escaped again, so Slack shows `&lt;`, not `<`.
                assert "&lt;!channel" not in field, f"{template}: {field[:300]!r}"
                assert "&amp;lt;!channel&amp;gt;" in field, f"{template}: {field[:300]!r}"
                shown += 1
        # Every `<` and `>` Slack reads is the template's own or a mention code built: the
        # same text without them renders as many.
        defanged = render(template, **with_text(context, text.translate(DEFANGED)))
        assert brackets(payload) == brackets(defanged), f"{template} passes `<` or `>` through"
    if hostile == "already escaped" and any(HEAD in repr(c) for c in SAMPLES[template]):
        assert shown, f"{template} never shows the text its hostile samples carry"
