"""Slack's OAuth for apps installed in many workspaces: the codes its authorize page hands out,
oauth.v2.access (a code, or a refresh token when rotation is on) and the tokens it issued, each
answering auth.test as its own workspace."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .replies import SlackError

SCOPES = "commands,chat:write,im:write,users:read"


@dataclass(frozen=True)
class Team:
    team_id: str
    team_name: str
    bot_user_id: str
    bot_id: str


@dataclass
class Issued:
    team: Team
    expires_at: float | None  # the emulator's clock; None: never (rotation off)


class Grants:
    """The app's credentials, the codes and tokens issued. With `expires_in` (rotation on),
    access tokens are xoxe.xoxb-… that expire, refreshed by their refresh token."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.client_id = "1111.2222"
        self.client_secret = "emulated-client-secret"
        self.expires_in: int | None = None
        self._codes: dict[str, Team] = {}
        self._tokens: dict[str, Issued] = {}
        self._refresh: dict[str, Team] = {}

    def reset(self) -> None:
        self.expires_in = None
        self._codes.clear()
        self._tokens.clear()
        self._refresh.clear()

    def code_for(self, team: Team) -> str:
        """What Slack's authorize page redirects the installer back with, once approved."""
        code = f"code-{team.team_id}-{secrets.token_hex(6)}"
        self._codes[code] = team
        return code

    def team_of(self, token: str) -> Team | None:
        """The workspace a token it issued acts in, while valid."""
        issued = self._tokens.get(token)
        if issued is None:
            return None
        if issued.expires_at is not None and self._clock() >= issued.expires_at:
            raise SlackError("token_expired")
        return issued.team

    def tokens_of(self, team_id: str) -> list[str]:
        return [t for t, issued in self._tokens.items() if issued.team.team_id == team_id]

    def revoke(self, team_id: str) -> None:
        """Uninstalled: every token and refresh token of the workspace stops working."""
        self._tokens = {t: i for t, i in self._tokens.items() if i.team.team_id != team_id}
        self._refresh = {r: t for r, t in self._refresh.items() if t.team_id != team_id}

    def access(self, params: dict[str, Any], authorization: str) -> dict[str, Any]:
        """oauth.v2.access: credentials by HTTP Basic auth or as parameters, as Slack takes."""
        client_id, client_secret = params.get("client_id"), params.get("client_secret")
        if authorization.lower().startswith("basic "):
            decoded = base64.b64decode(authorization[6:].strip()).decode()
            client_id, _, client_secret = decoded.partition(":")
        if client_id != self.client_id:
            raise SlackError("invalid_client_id")
        if client_secret != self.client_secret:
            raise SlackError("bad_client_secret")
        if params.get("grant_type") == "refresh_token":
            # Slack revokes a refresh token once it is used; the answer carries the next one.
            team = self._refresh.pop(str(params.get("refresh_token")), None)
            if team is None:
                raise SlackError("invalid_refresh_token")
        else:
            found = self._codes.pop(str(params.get("code")), None)
            if found is None:
                raise SlackError("invalid_code")
            team = found
        return self._issue(team)

    def _issue(self, team: Team) -> dict[str, Any]:
        rotating = self.expires_in is not None
        token = ("xoxe.xoxb-" if rotating else "xoxb-") + f"{team.team_id}-{secrets.token_hex(12)}"
        expires_at = self._clock() + self.expires_in if self.expires_in is not None else None
        self._tokens[token] = Issued(team, expires_at)
        answer: dict[str, Any] = {
            "app_id": "A0OKRBOT",
            "authed_user": {"id": "UADMIN"},
            "scope": SCOPES,
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": team.bot_user_id,
            "team": {"id": team.team_id, "name": team.team_name},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if self.expires_in is not None:
            refresh = f"xoxe-1-{team.team_id}-{secrets.token_hex(12)}"
            self._refresh[refresh] = team
            answer |= {"refresh_token": refresh, "expires_in": self.expires_in}
        return answer
