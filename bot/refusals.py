"""Why a request was refused, one type for every feature; the templates put it in words.

A use case raises `Refused` before it changes anything, from however deep the check is (a key
result several calls down, the objective's lock). An exception rather than a return value: most
refusals are found in helpers that return something else, and none can be dropped on the way up.
Handlers catch it where they answer: check-ins outside the transaction, objectives and settings
inside it with `or_refusal`, which keeps what was stored on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from bot.presentation import mention
from bot.render import render

if TYPE_CHECKING:
    from bot.workspace_settings.preview import Preview
    from bot.workspace_settings.settings_form import Choices

About = Literal["check-in", "objective", "settings"]
Result = TypeVar("Result")

# What was refused, and the reasons each can be refused for:
# not_found: no such objective, key result or check-in in this workspace (or one the person
#   may not see: a private objective is not admitted to exist);
# archived: the objective is archived and takes no check-ins or changes;
# not_yours: only the owner and workspace admins may check in, edit or change it;
# other_cycle: the objective or check-in belongs to a cycle that is not the current one;
# mismatch: an edit names a check-in of another key result than the one being edited;
# deleted: the check-in was deleted or undone already;
# no_key_results: the objective has nothing to check in on yet;
# stale_form: the objective modal no longer matches what is stored, or cannot be read;
# not_admin: only workspace admins and owners may change the settings;
# not_described: Slack has not said yet whether the person is an admin (they retry).
REASONS: dict[About, tuple[str, ...]] = {
    "check-in": (
        "not_found",
        "archived",
        "not_yours",
        "other_cycle",
        "mismatch",
        "deleted",
        "no_key_results",
    ),
    "objective": ("not_found", "not_yours", "archived", "stale_form"),
    "settings": ("not_admin", "not_described"),
}
TITLES: dict[About, str] = {
    "check-in": "Check in",
    "objective": "Objective",
    "settings": "Workspace settings",
}


@dataclass(frozen=True)
class Refusal:
    about: About
    reason: str
    title: str = ""  # the objective's
    objective_id: int | None = None  # the objective, when the next step is a button of it
    owner_id: str = ""
    cycle: str = ""
    current_cycle: str = ""
    # The settings as they are, shown to someone who may not change them.
    choices: Choices | None = None
    preview: Preview | None = None
    admins: tuple[str, ...] = ()  # names (never mentions) of who may change the settings


class Refused(Exception):
    """Raised by a use case before it changes anything; carries what the person is told."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.reason)
        self.refusal = refusal


def refuse(about: About, reason: str, **details: Any) -> Refused:
    assert reason in REASONS[about], (about, reason)
    return Refused(Refusal(about, reason, **details))


def or_refusal(use_case: Callable[[], Result]) -> Result | Refusal:
    """The use case's result, or why it was refused, inside the caller's transaction: what was
    stored on the way (the workspace, a person seen for the first time) is kept, so that Slack is
    still asked about that person afterwards."""
    try:
        return use_case()
    except Refused as refused:
        return refused.refusal


def refused_message(refusal: Refusal) -> dict[str, Any]:
    """An ephemeral message saying why, for refusals of commands and buttons in messages."""
    message: dict[str, Any] = render("refused_message", **_context(refusal))
    return message


def refused_view(refusal: Refusal, title: str = "") -> dict[str, Any]:
    """A modal saying why, for refusals of buttons in modals and of modal submissions."""
    view: dict[str, Any] = render(
        "refused_view", title=title or TITLES[refusal.about], **_context(refusal)
    )
    return view


def _context(refusal: Refusal) -> dict[str, Any]:
    owner = mention(refusal.owner_id) if refusal.owner_id else ""
    return {"refusal": refusal, "owner": owner}
