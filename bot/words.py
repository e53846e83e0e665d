"""The words the bot's messages use for its three things, which a workspace may rename
(some teams say "goals" and "results"): one `Words` per workspace, given to templates as `words`."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Workspace


def plural(word: str) -> str:
    """`objective` → `objectives`, `key result` → `key results`, `OKR` → `OKRs`."""
    if not word or word.endswith("s"):
        return word
    return word + "s"


def capital(word: str) -> str:
    """The first letter capitalised, the rest as written: `key result` → `Key result`,
    `OKR` stays `OKR` (Jinja's `capitalize` would lower the rest)."""
    return word[:1].upper() + word[1:]


@dataclass(frozen=True)
class Words:
    """What the workspace calls an OKR, an objective and a key result, as typed in settings."""

    okr: str = "OKR"
    objective: str = "objective"
    key_result: str = "key result"

    @property
    def okrs(self) -> str:
        return plural(self.okr)

    @property
    def objectives(self) -> str:
        return plural(self.objective)

    @property
    def key_results(self) -> str:
        return plural(self.key_result)

    def fields(self) -> dict[str, str]:
        """As the audit trail records them."""
        return {"okr": self.okr, "objective": self.objective, "key_result": self.key_result}


def words_of(workspace: Workspace) -> Words:
    return Words(workspace.word_okr, workspace.word_objective, workspace.word_key_result)
