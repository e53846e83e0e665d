"""Shared steps of the check-in and history end-to-end tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from storage.models import AuditEvent, CheckIn, KeyResult
from tests.bot_fixtures import RunningBot
from tests.slack_requests import radio_value, text_value


def opened_view(bot: RunningBot, count: int = 1, method: str = "views.open") -> dict[str, Any]:
    """The view as Slack stored it (with its id and private_metadata) after the n-th call."""
    calls = bot.slack.wait_for(method, count=count)
    call = calls[count - 1]
    assert call.response["ok"], call.response
    view: dict[str, Any] = call.response["view"]
    return view


def page_values(
    entries: dict[int, tuple[str, str | None, str]],
) -> dict[str, dict[str, dict[str, Any]]]:
    """State values of a check-in page: {key result id: (value, confidence, note)}.

    A value of "done" / "not_done" answers a milestone's radio buttons.
    """
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for kr_id, (value, confidence, note) in entries.items():
        if value in {"done", "not_done"}:
            values[f"value-{kr_id}"] = {"value": radio_value(value)}
        else:
            values[f"value-{kr_id}"] = {"value": text_value(value)}
        values[f"confidence-{kr_id}"] = {"confidence": radio_value(confidence)}
        values[f"note-{kr_id}"] = {"note": text_value(note)}
    return values


def check_ins(bot: RunningBot, *, deleted: bool = False) -> list[CheckIn]:
    with bot.db.begin() as session:
        query = select(CheckIn).order_by(CheckIn.id)
        if not deleted:
            query = query.where(CheckIn.deleted_at.is_(None))
        return list(session.scalars(query))


def key_result(bot: RunningBot, kr_id: int) -> KeyResult:
    with bot.db.begin() as session:
        found = session.get(KeyResult, kr_id)
        assert found is not None
        return found


def audit_rows(bot: RunningBot) -> list[AuditEvent]:
    with bot.db.begin() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def blocks_text(view_or_message: dict[str, Any]) -> str:
    """Every text of the blocks, joined: what a person reads."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    parts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(view_or_message.get("blocks", []))
    return "\n".join(parts)


def checkboxes_value(chosen: list[str]) -> dict[str, Any]:
    options = [{"text": {"type": "plain_text", "text": v}, "value": v} for v in chosen]
    return {"type": "checkboxes", "selected_options": options}
