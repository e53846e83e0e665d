"""Samples for closing a cycle: the close and carry-over form, its confirmation and replies.

Plain-text fields (labels, initial values, option labels) show people's text as they typed it:
hostile samples there are long and full of JSON-breaking characters."""

from __future__ import annotations

from typing import Any

from bot.closing import form
from bot.closing.carry import Carried
from bot.closing.close import Closed, ScoredObjective
from bot.closing.scores import HINT
from tests.template_samples import HOSTILE

TRICKY = ('"quoted" \\ back {braces} % *bold* _it_ ~s~ `code` ' * 40)[:1000]


def _kr(id_: int, title: str, score: str = "0.7", unfinished: bool = True) -> form.KeyResultToScore:
    return form.KeyResultToScore(id_, title, "now 30 → target 40 (from 20)", 50, score, unfinished)


def _objective(id_: int, title: str, **changes: Any) -> form.ObjectiveToClose:
    fields: dict[str, Any] = {
        "id": id_,
        "title": title,
        "key_results": [_kr(id_ * 10 + n, title) for n in range(3)],
        "reflection": "",
        "closed": False,
        "carried_to": None,
        "unfinished": 2,
    }
    fields.update(changes)
    return form.ObjectiveToClose(**fields)


def _form(mode: str, objectives: list[form.ObjectiveToClose], **changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "mode": mode,
        "cycle": "2026-Q4",
        "next_cycle": "FY2027-Q3-Sep",
        "ended": False,
        "owner": "",
        "objectives": objectives,
        "metadata": '{"m": "close", "c": 1, "u": "U1", "o": [1, 2, 3]}',
    }
    fields.update(changes)
    return {"form": form.CloseForm(**fields), "hint": HINT}


def _closed(title: str, **changes: Any) -> Closed:
    fields: dict[str, Any] = {
        "mode": "close",
        "cycle": "2026-Q4",
        "owner": "",
        "scored": [ScoredObjective(title, True, [(title, "0.7"), (title, "1.0")])] * 3,
        "carried": [Carried(title, 2, 9, True), Carried(title, 1, 8, False)],
        "next_cycle": "2027-Q1",
        "next_is_current": False,
        "focus": "There are now 4 active objectives in 2027-Q1, more than the focus limit of 3.",
    }
    fields.update(changes)
    return Closed(**fields)


SAMPLES: dict[str, list[dict[str, Any]]] = {
    "close_modal": [
        _form("close", [_objective(1, "Delight our customers")]),
        _form(
            "close",
            [
                _objective(1, TRICKY[:150], reflection=TRICKY, closed=True),
                _objective(2, TRICKY[:150], carried_to="2027-Q1"),
                _objective(3, TRICKY[:150], unfinished=0),
            ],
            ended=True,
            owner="<@U2>",
        ),
        _form("carry", [_objective(1, TRICKY[:150]), _objective(2, "Grow")], owner="<@U2>"),
    ],
    "close_saved": [
        {"closed": _closed("Delight our customers")},
        {"closed": _closed(HOSTILE, owner="<@U2>", next_is_current=True)},
        {"closed": _closed("Grow", carried=[], focus="")},
        {"closed": _closed(HOSTILE, mode="carry", scored=[])},
    ],
    "close_reply": [
        {"reason": reason, "cycle": "2026-Q4", "owner": owner}
        for reason in ("nothing", "nothing_to_carry", "not_admin")
        for owner in ("", "<@U2>")
    ],
    "close_usage": [{"words": "tomorrow"}, {"words": HOSTILE}],
}
