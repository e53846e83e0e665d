"""views.open, views.push, views.update and views.publish."""

from __future__ import annotations

import secrets
from typing import Any

from .blockkit import check_view
from .replies import SlackError, require
from .state import Workspace


def _store(
    ws: Workspace, view: dict[str, Any], *, view_id: str | None = None, previous: str | None = None
) -> dict[str, Any]:
    view_id = view_id or ws.next_id("V")
    stored: dict[str, Any] = {
        "callback_id": "",
        "private_metadata": "",
        "external_id": "",
        "clear_on_close": False,
        "notify_on_close": False,
        "previous_view_id": previous,
        "root_view_id": view_id,
    }
    stored.update(view)
    stored.update(
        {
            "id": view_id,
            "team_id": ws.team_id,
            "bot_id": ws.bot_id,
            "app_installed_team_id": ws.team_id,
            # A new hash per revision is what makes views.update's optimistic locking work.
            "hash": f"1700000000.{secrets.token_hex(4)}",
            "state": {"values": {}},
        }
    )
    ws.views[view_id] = stored
    if stored["external_id"]:
        ws.external_ids[stored["external_id"]] = view_id
    return stored


def _new_view(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    view = check_view(require(params, "view"))
    external_id = view.get("external_id")
    if external_id and external_id in ws.external_ids:
        raise SlackError("duplicate_external_id")
    trigger_id = str(require(params, "trigger_id"))
    ws.interactions.check_trigger(trigger_id, ws.team_id)
    ws.interactions.use_trigger(trigger_id)
    return view


def views_open(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    return {"view": _store(ws, _new_view(ws, params))}


def views_push(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    """On top of the modal the trigger came from, as Slack stacks them: its previous_view_id
    is that modal and its root_view_id the bottom of the stack."""
    view = _new_view(ws, params)
    below = ws.views.get(ws.interactions.view_of(str(params["trigger_id"])) or "")
    if below is None:
        return {"view": _store(ws, view)}
    stored = _store(ws, view, previous=below["id"])
    stored["root_view_id"] = below["root_view_id"]
    return {"view": stored}


def _check_hash(current: dict[str, Any], params: dict[str, Any]) -> None:
    expected = params.get("hash")
    if expected and expected != current["hash"]:
        raise SlackError("hash_conflict")


def views_update(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    view_id = params.get("view_id")
    external_id = params.get("external_id")
    if not view_id and not external_id:
        raise SlackError(
            "invalid_arguments", messages=["[ERROR] either view_id or external_id is required"]
        )
    current = ws.views.get(str(view_id or ws.external_ids.get(str(external_id), "")))
    if current is None:
        raise SlackError("not_found")
    _check_hash(current, params)
    view = check_view(require(params, "view"))
    stored = _store(ws, view, view_id=current["id"], previous=current["previous_view_id"])
    stored["root_view_id"] = current["root_view_id"]
    return {"view": stored}


def views_publish(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    user_id = str(require(params, "user_id"))
    view = check_view(require(params, "view"))
    if view.get("type") != "home":
        raise SlackError(
            "invalid_arguments",
            messages=["[ERROR] views.publish only accepts home views [json-pointer:/view/type]"],
        )
    current_id = ws.home_views.get(user_id)
    if current_id is not None:
        _check_hash(ws.views[current_id], params)
    stored = _store(ws, view, view_id=current_id)
    ws.home_views[user_id] = stored["id"]
    return {"view": stored}
