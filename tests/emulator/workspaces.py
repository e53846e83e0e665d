"""Every workspace the emulator holds: the first (the default bot token's) and one per other team
arranged or installed. A call acts in the workspace of its token, so one workspace's people,
channels and messages are not found with another's token, as in Slack."""

from __future__ import annotations

from collections.abc import Iterator

from .oauth import Grants, Team
from .state import Shared, Workspace


class Workspaces:
    """Not thread-safe by itself: the emulator calls it under its state lock."""

    def __init__(self, first: Workspace, bot_token: str, grants: Grants) -> None:
        self.first = first
        self.shared: Shared = first.shared
        self._first_name = first.team_name
        self._bot_token = bot_token
        self._grants = grants
        self._by_team = {first.team_id: first}

    def __getitem__(self, team_id: str | None) -> Workspace:
        """The workspace of `team_id` (None: the first), made on first mention."""
        if team_id is None:
            return self.first
        found = self._by_team.get(team_id)
        if found is None:
            found = self._by_team[team_id] = Workspace(
                team_id=team_id,
                team_name=team_id,
                bot_user_id=f"UBOT{team_id}",
                bot_id=f"B{team_id}",
                shared=self.shared,
            )
        return found

    def __iter__(self) -> Iterator[Workspace]:
        return iter(list(self._by_team.values()))

    def team(self, team_id: str, team_name: str) -> Team:
        """The team an admin of `team_id` installs the app in, named `team_name` from now on."""
        workspace = self[team_id]
        workspace.team_name = team_name
        return Team(team_id, team_name, workspace.bot_user_id, workspace.bot_id)

    def of_token(self, token: str) -> Workspace | None:
        """The workspace a token acts in: the default bot token's is the first; None for a token
        never issued (SlackError when it expired)."""
        if token == self._bot_token:
            return self.first
        team = self._grants.team_of(token)
        return None if team is None else self[team.team_id]

    def holding_upload(self, file_id: str) -> Workspace:
        """The workspace an upload URL was reserved in (file ids are unique across them)."""
        return next((w for w in self if file_id in w.uploads), self.first)

    def reset(self) -> None:
        """Only the first workspace stays, with its people and channels; others were a test's."""
        self._by_team = {self.first.team_id: self.first}
        self.first.team_name = self._first_name
