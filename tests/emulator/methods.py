"""Which Web API methods the emulator knows, and the handler behind each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import methods_chat, methods_conversations, methods_files, methods_users, methods_views
from .state import Workspace

Handler = Callable[[Workspace, dict[str, Any]], dict[str, Any]]

METHODS: dict[str, Handler] = {
    "auth.test": methods_users.auth_test,
    "users.info": methods_users.users_info,
    "users.list": methods_users.users_list,
    "conversations.open": methods_users.conversations_open,
    "conversations.history": methods_conversations.history,
    "conversations.join": methods_conversations.join,
    "conversations.info": methods_conversations.info,
    "conversations.members": methods_conversations.members,
    "apps.connections.open": methods_users.apps_connections_open,
    "chat.postMessage": methods_chat.post_message,
    "chat.update": methods_chat.update,
    "chat.postEphemeral": methods_chat.post_ephemeral,
    "reactions.add": methods_chat.add_reaction,
    "views.open": methods_views.views_open,
    "views.push": methods_views.views_push,
    "views.update": methods_views.views_update,
    "views.publish": methods_views.views_publish,
    "files.getUploadURLExternal": methods_files.get_upload_url,
    "files.completeUploadExternal": methods_files.complete_upload,
    "files.info": methods_files.info,
}
