"""Driving the close form over HTTP: open it as Slack would, fill it in from its own blocks."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from storage.models import AuditEvent, KeyResult, Objective
from tests.bot_fixtures import RunningBot


def open_close(bot: RunningBot, text: str = "", *, user: str = "U1") -> dict[str, Any]:
    """`/okr close …`, and the modal Slack opened (with its id and hash)."""
    before = len(bot.slack.calls_to("views.open"))
    reply = bot.command(f"close {text}".strip(), user=user)
    assert reply.status == 200 and not reply.body, reply.body
    call = bot.slack.wait_for("views.open", count=before + 1)[-1]
    assert call.response["ok"], call.response
    view: dict[str, Any] = call.response["view"]
    return view


def fill(
    view: dict[str, Any],
    scores: dict[int, str] | None = None,
    reflections: dict[int, str] | None = None,
    carry: set[int] = frozenset(),  # type: ignore[assignment]
) -> dict[str, dict[str, dict[str, Any]]]:
    """The form's state as Slack sends it: its own initial values unless given, by id."""
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        kind, _, raw = block["block_id"].partition("-")
        id_ = int(raw)
        element = block["element"]
        if kind == "score":
            typed = (scores or {}).get(id_, element.get("initial_value", ""))
            values[block["block_id"]] = {"score": {"type": "plain_text_input", "value": typed}}
        elif kind == "reflection":
            typed = (reflections or {}).get(id_, element.get("initial_value", ""))
            values[block["block_id"]] = {"reflection": {"type": "plain_text_input", "value": typed}}
        elif kind == "carry":
            ticked = [{"value": "carry"}] if id_ in carry else []
            values[block["block_id"]] = {
                "carry": {"type": "checkboxes", "selected_options": ticked}
            }
    return values


def shown(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False)


def stored(bot: RunningBot) -> list[tuple[Any, ...]]:
    """Every objective and key result as closing may change it, and the audit trail's size."""
    with bot.db.begin() as session:
        objectives = session.execute(
            select(
                Objective.id,
                Objective.cycle_id,
                Objective.closed_at,
                Objective.closed_by,
                Objective.reflection,
                Objective.carried_from_id,
            ).order_by(Objective.id)
        ).all()
        key_results = session.execute(
            select(KeyResult.id, KeyResult.score, KeyResult.start_value).order_by(KeyResult.id)
        ).all()
        events = len(session.scalars(select(AuditEvent.id)).all())
    return [tuple(row) for row in [*objectives, *key_results]] + [(events,)]
