"""Samples for the objective modal, its confirmations and notices, and /okr list.

Plain-text fields (inputs' initial values, option labels) show what people typed back to them:
Slack never reads mentions there, and escaping would show `&lt;` in their own text. Their hostile
samples are long and full of JSON-breaking characters instead of mention markers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.change_notices import Change
from bot.checkins.status import KeyResultLine
from bot.commands import CATALOGUE
from bot.cycles import quarter_of
from bot.objectives.alignment import ParentOption
from bot.objectives.audience import USAGE, NotUnderstood
from bot.objectives.coach import Advice, focus_hint
from bot.objectives.filled_form import KeyResultDraft, ObjectiveDraft, ParentChoice
from bot.objectives.listing import ListPage, ObjectiveItem
from bot.objectives.modal import form_context, new_draft
from bot.objectives.submission import ObjectiveSaved, SavedKeyResult
from tests.template_samples import HOSTILE
from tests.template_samples.recognition import HOSTILE_STANDING, NO_STANDING

CURRENT = quarter_of(date(2026, 11, 16))
CHOICES = [quarter_of(date(2026, 8, 1)), CURRENT, quarter_of(date(2027, 2, 1))]
TRICKY = ('"quoted" \\ back {braces} % *bold* _it_ ~s~ `code` ' * 3)[:150]


def _full_draft(text: str) -> ObjectiveDraft:
    draft = ObjectiveDraft(
        owner_id="U1",
        cycle=CURRENT.name,
        objective_id=7,
        title=text[:150],
        description=text,
        level="team",
        channel_id="C0TEAM",
        parent=ParentChoice(3, text[:75]),
        visibility="private",
        celebrate_quietly=True,
        next_key=6,
    )
    for key, kind in enumerate(
        ["increase", "decrease", "stay_above", "stay_below", "milestone"], 1
    ):
        draft.key_results.append(
            KeyResultDraft(
                key=key,
                id=10 + key,
                history=key % 2,
                title=text[:150],
                kind=kind,
                start="1,200",
                target="45%",
                unit="signups",
                due_on="2026-12-01",
            )
        )
    return draft


def _kr(
    title: str, *, now: str = "now 30 → target 45 signups", confidence: str | None = None
) -> KeyResultLine:
    return KeyResultLine(
        id=1,
        number=2,
        title=title,
        kind="increase",
        value="30 signups",
        goal="from 0 to 45 signups",
        now=now,
        fraction=0.4,
        percent=40,
        overshoot=False,
        out_of_range=False,
        expected_percent=60,
        behind=True,
        divergence=None,
        confidence=confidence,
    )


def _item(title: str, n: int, **changes: Any) -> ObjectiveItem:
    fields: dict[str, Any] = {
        "id": n,
        "title": title,
        "level": "team",
        "owner": "<@U1>",
        "channel": "<#C0TEAM>",
        "private": True,
        "percent": 40,
        "fraction": 0.4,
        "key_results": [_kr(title, now=title, confidence="at_risk") for _ in range(5)],
        "parent": title,
        "parent_hidden": False,
        "parent_archived": True,
        "aligned": 2,
        "can_change": True,
    }
    fields.update(changes)
    return ObjectiveItem(**fields)


def _saved(text: str, *, created: bool = True, advice: int = 5) -> ObjectiveSaved:
    return ObjectiveSaved(
        objective_id=1,
        created=created,
        title=text,
        cycle=CURRENT.name,
        level="team",
        owner_id="U1",
        team_channel_id="C0TEAM",
        visibility="private",
        key_results=[SavedKeyResult(text, "from 20 " + text + " to 40 " + text)] * 5,
        advice=[Advice(text, "Increase monthly readership by 25%")] * advice,
        focus=focus_hint(5, 3),
    )


SAMPLES: dict[str, list[dict[str, Any]]] = {
    "objective_modal": [
        form_context(new_draft("U1", CURRENT.name), CHOICES, CURRENT),
        form_context(_full_draft("Delight our customers"), CHOICES, CURRENT),
        form_context(_full_draft(TRICKY * 30), CHOICES, CURRENT, "FY2027-Q3-Sep"),
    ],
    "objective_saved": [
        {"saved": _saved("Delight our customers", advice=0), "owner": "<@U1>", "channel": None},
        {"saved": _saved(HOSTILE, created=False), "owner": "<@U1>", "channel": "<#C0TEAM>"},
    ],
    "objective_notice": [
        {"kind": kind, "title": title}
        for kind in ("did_archive", "did_delete")
        for title in ("Delight our customers", HOSTILE)
    ],
    "change_notice": [
        {
            "actor": "<@U2>",
            "action": action,
            "title": title,
            "objective_id": 7,
            "viewable": action != "delete",
            "changes": [Change(title, title, title), Change("Owner", "<@U1>", "<@U3>", linked=True)]
            * lines,
            "more": 3 if lines > 1 else 0,
        }
        for action in ("change", "archive", "delete", "check_in", "edit_check_in")
        for title, lines in (("Delight our customers", 1), (HOSTILE, 6))
    ]
    + [
        {
            "actor": "<@U2>",
            "action": "delete_check_in",
            "title": "x",
            "objective_id": 1,
            "viewable": True,
            "changes": [],
            "more": 0,
        }
    ],
    "message_modal": [
        {
            "title": "History",
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}],
        },
        {"title": "A title longer than Slack's twenty-four", "blocks": [{"type": "divider"}]},
    ],
    "objective_message": [
        {"kind": kind, "title": HOSTILE} for kind in ("did_archive", "did_delete")
    ]
    + [{"kind": "owner_gone", "title": HOSTILE, "owner": "<@U2>", "objective_id": 7}],
    "objective_parent_options": [
        {"options": []},
        {"options": [ParentOption(n, TRICKY * 10) for n in range(100)]},
    ],
    "home": [
        {
            "page": ListPage("mine", "", CURRENT.name, [], 0, None),
            "subcommands": list(CATALOGUE),
            "standing": NO_STANDING,
            "charts": {},
        },
        {
            "page": ListPage(
                "mine",
                "",
                CURRENT.name,
                [
                    _item(HOSTILE, n, key_results=[_kr(HOSTILE)] * 5, reflection=HOSTILE)
                    for n in range(5)
                ],
                0,
                "mine||2026-Q4|5",
            ),
            "subcommands": list(CATALOGUE),
            "standing": HOSTILE_STANDING,
            "charts": {n: f"F{n:08X}" for n in range(4)},
        },
    ],
    "list_objectives": [
        {"page": ListPage("mine", "", CURRENT.name, [], 0, None)},
        {"page": ListPage("person", "<@U2>", CURRENT.name, [], 0, None)},
        {"page": ListPage("channel", "<#C0TEAM>", CURRENT.name, [], 0, None)},
        {"page": ListPage("company", "", CURRENT.name, [], 0, None)},
        {"page": ListPage("person", "<@U2>", CURRENT.name, [], 0, None, None, "<@U2>")},
        {
            "page": ListPage(
                "person",
                "<@U2>",
                CURRENT.name,
                [_item(HOSTILE, n) for n in range(5)],
                9,
                "person|U2|2026-Q4|14",
                "person|U2|2026-Q4|9",
            )
        },
        {
            "page": ListPage(
                "person",
                "<@U2>",
                CURRENT.name,
                [_item(HOSTILE, n, can_change=False) for n in range(5)],
                0,
                None,
                None,
                "<@U1>",
            )
        },
        {
            "page": ListPage(
                "company",
                "",
                CURRENT.name,
                [
                    _item("Grow revenue", n, key_results=[_kr("ARR")], can_change=False)
                    for n in range(9)
                ],
                0,
                "company||2026-Q4|9",
            )
        },
        {
            "page": ListPage(
                "mine",
                "",
                CURRENT.name,
                [
                    _item(
                        "Ship it",
                        1,
                        parent=None,
                        parent_hidden=True,
                        aligned=1,
                        carried_from="2026-Q3",
                    )
                ],
                0,
                None,
            )
        },
    ],
    "list_not_understood": [
        {"problem": NotUnderstood(word, reason), "usage": USAGE}
        for word in ("#general", HOSTILE)
        for reason in ("unknown", "unknown_person", "plain_channel", "two_audiences", "two_cycles")
    ],
}

SAMPLES["objective_pick"] = [
    {"cycle": CURRENT.name, "offered": [], "more": 0},
    {"cycle": CURRENT.name, "offered": [(n, TRICKY * 10) for n in range(24)], "more": 3},
    *(
        {"cycle": CURRENT.name, "offered": [(1, TRICKY)], "more": 0, "problem": p, "words": TRICKY}
        for p in ("no_match", "ambiguous")
    ),
]
