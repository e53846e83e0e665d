"""The files upload v2 flow: reserve an upload URL, POST the bytes there, complete."""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from .replies import Reply, SlackError, require
from .state import Upload, Workspace


def get_upload_url(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    filename = str(require(params, "filename"))
    try:
        length = int(require(params, "length"))
    except ValueError:
        raise SlackError(
            "invalid_arguments", messages=["[ERROR] length must be an integer"]
        ) from None
    file_id = ws.next_id("F")
    ws.uploads[file_id] = Upload(file_id, filename, length)
    return {"upload_url": f"{ws.base_url}/upload/{file_id}", "file_id": file_id}


def receive_bytes(ws: Workspace, file_id: str, content: bytes) -> Reply:
    """The POST to an upload_url: plain text answers, like files.slack.com."""
    upload = ws.uploads.get(file_id)
    if upload is None:
        return Reply(404, {"ok": False, "error": "not_found"}, text="not_found")
    if len(content) != upload.length:
        # files.slack.com refuses bytes that do not match the length reserved for them.
        text = f"length_mismatch: expected {upload.length}, got {len(content)}"
        return Reply(400, {"ok": False, "error": "length_mismatch"}, text=text)
    upload.content = content
    return Reply(200, {"ok": True}, text=f"OK - {len(content)}")


def _file_object(ws: Workspace, upload: Upload, title: str, channel: str | None) -> dict[str, Any]:
    return {
        "id": upload.file_id,
        "name": upload.filename,
        "title": title or upload.filename,
        "mimetype": mimetypes.guess_type(upload.filename)[0] or "application/octet-stream",
        "size": len(upload.content or b""),
        "user": ws.bot_user_id,
        "url_private": f"{ws.base_url}/files/{upload.file_id}/{upload.filename}",
        "permalink": f"{ws.base_url}/files/{upload.file_id}",
        "channels": [channel] if channel else [],
    }


def complete_upload(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    raw = require(params, "files")
    try:
        entries = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        raise SlackError("invalid_arguments", messages=["[ERROR] files must be JSON"]) from None
    if not isinstance(entries, list) or not entries:
        raise SlackError("invalid_arguments", messages=["[ERROR] files must be a non-empty array"])
    channel = ws.resolve_channel(params["channel_id"]) if params.get("channel_id") else None
    files = []
    for entry in entries:
        upload = ws.uploads.get(str(entry.get("id"))) if isinstance(entry, dict) else None
        # Completing before the bytes arrived is an error at Slack too.
        if upload is None or upload.content is None:
            raise SlackError("file_not_found")
        upload.title = str(entry.get("title") or "")
        upload.channel = channel
        files.append(_file_object(ws, upload, upload.title, channel))
    if channel is not None:
        # Sharing posts a message in the conversation carrying the files and the comment.
        ts = ws.next_ts()
        ws.messages[(channel, ts)] = {
            "type": "message",
            "text": str(params.get("initial_comment") or ""),
            "user": ws.bot_user_id,
            "bot_id": ws.bot_id,
            "ts": ts,
            "files": files,
        }
    return {"files": files}


def info(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    upload = ws.uploads.get(str(require(params, "file")))
    if upload is None or upload.content is None or upload.title is None:
        raise SlackError("file_not_found")
    return {"file": _file_object(ws, upload, upload.title, upload.channel)}
