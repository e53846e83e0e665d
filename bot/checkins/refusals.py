"""Why a check-in, an edit or an undo was refused; the templates put it in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.presentation import mention
from bot.render import render

# not_found: no such objective, key result or check-in in this workspace (or one the person
#   may not see: a private objective is not admitted to exist);
# archived: the objective is archived and takes no check-ins;
# not_yours: only the owner and workspace admins may check in or edit;
# other_cycle: the objective or check-in belongs to a cycle that is not the current one;
# mismatch: an edit names a check-in of another key result than the one being edited;
# deleted: the check-in was deleted or undone already;
# no_key_results: the objective has nothing to check in on yet.
REASONS = (
    "not_found",
    "archived",
    "not_yours",
    "other_cycle",
    "mismatch",
    "deleted",
    "no_key_results",
)


@dataclass(frozen=True)
class Refusal:
    reason: str
    title: str = ""
    owner_id: str = ""
    cycle: str = ""
    current_cycle: str = ""


class Refused(Exception):
    """Raised by a use case before it changes anything; carries what the person is told."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.reason)
        self.refusal = refusal


def refuse(reason: str, **details: str) -> Refused:
    assert reason in REASONS, reason
    return Refused(Refusal(reason, **details))


def notice_view(refusal: Refusal, title: str = "Check in") -> Any:
    """A modal saying why, for refusals of buttons and modal submissions."""
    return render("checkin_notice", refusal=refusal, owner=mention(refusal.owner_id), title=title)


def refused_message(refusal: Refusal) -> Any:
    """An ephemeral message saying why, for refusals of buttons in messages."""
    return render("checkin_refused", refusal=refusal, owner=mention(refusal.owner_id))
