"""Samples for the check-in and history templates: typical, edge and hostile data."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from bot.checkins.by_message import Ask, LineAnswer
from bot.checkins.edit import TrailEntry
from bot.checkins.history import CheckInLine, KeyResultHistory, ObjectiveHistory
from bot.checkins.message import MAX_LINES, Reading
from bot.checkins.modal_pages import Field, Group
from bot.checkins.status import KeyResultLine, ObjectiveLine
from bot.checkins.values import editable_note
from storage.models import CheckIn, Cycle
from tests.template_samples import HOSTILE

CYCLE = Cycle(name="2026-Q4", starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31))
TODAY = date(2026, 11, 16)


def kr_line(title: str = "Signups per week", **changes: Any) -> KeyResultLine:
    fields: dict[str, Any] = {
        "id": 7,
        "number": 1,
        "title": title,
        "kind": "increase",
        "value": "420",
        "goal": "from 0 to 1,000",
        "now": "now 420 → target 1,000",
        "fraction": 0.42,
        "percent": 42,
        "overshoot": False,
        "out_of_range": False,
        "expected_percent": 50,
        "behind": False,
        "divergence": None,
        "confidence": "on_track",
    }
    fields.update(changes)
    return KeyResultLine(**fields)


TYPICAL = kr_line()
MILESTONE = kr_line(
    "Launch the beta",
    id=8,
    number=2,
    kind="milestone",
    value="not done",
    goal="milestone",
    fraction=0.0,
    percent=0,
    behind=True,
    divergence="optimistic",
)
FAR_PAST = kr_line(
    id=9,
    number=3,
    value="5,000",
    fraction=1.0,
    percent=100,
    overshoot=True,
    out_of_range=True,
    divergence="pessimistic",
    confidence="off_track",
    score="0.7",
)
NEVER = kr_line(id=10, number=4, value="no value yet", confidence=None, percent=0, fraction=0)
HOSTILE_LINE = kr_line(HOSTILE, id=11, number=5, value=HOSTILE[:60], goal=HOSTILE[:80])
OBJECTIVE = ObjectiveLine(3, "Delight our customers", 45, 0.45)
HOSTILE_OBJECTIVE = ObjectiveLine(4, HOSTILE, 100, 1.0, reflection=HOSTILE)


def field(line: KeyResultLine, value: str = "420") -> Field:
    return Field(line, line.kind == "milestone", value, False, line.confidence)


def modal(groups: list[Group], page: int = 1, pages: int = 1, saved: int = 0) -> dict[str, Any]:
    metadata = json.dumps({"krs": [7, 8], "next": [], "saved": [], "page": page, "pages": pages})
    return {
        "groups": groups,
        "metadata": metadata,
        "page": page,
        "pages": pages,
        "saved_before": saved,
        "cycle": "2026-Q4",
        "numbered": True,
    }


def many_groups() -> list[Group]:
    """The most a page may hold: 24 key results of one objective (1 + 1 + 24 × 4 = 98 blocks)."""
    return [Group(OBJECTIVE, [field(kr_line(id=100 + i)) for i in range(24)])]


def answer(reading: Reading, line: KeyResultLine | None, **extra: Any) -> LineAnswer:
    return LineAnswer(
        reading,
        line,
        extra.get("matches", []),
        "1: 420 on track what moved or blocks",
        extra.get("question", ""),
        extra.get("asks", ()),
    )


ASK = Ask("Record 430% anyway", '{"m":"D1:1.2","kr":7,"v":430,"c":"on_track","n":"","ok":true}')
QUESTIONED = answer(
    Reading("2 430% on track", 1, (), 430, "on_track", ""),
    TYPICAL,
    question="430% is outside 0–100%: is it right? Nothing is recorded until you confirm it.",
    asks=(ASK,),
)
ASKED = answer(
    Reading("signups 420 green", None, (1, 4), problem="ambiguous"),
    None,
    matches=[(1, "Signups per week"), (4, "Signups from ads")],
    asks=(Ask("1. Signups per week", "{}"), Ask("4. " + HOSTILE, "{}")),
)


ANSWERS = [
    answer(Reading("signups 420 on track shipped", 1, (), 420, "on_track", "shipped"), TYPICAL),
    answer(Reading("launch done", 2, (), 1, "at_risk", "", kept_confidence=True), MILESTONE),
    answer(Reading("3 5000 red", 3, (), 5000, "off_track", ""), FAR_PAST),
    answer(
        Reading("sign 420", None, (1, 4), problem="ambiguous"),
        None,
        matches=[(1, "Signups per week"), (4, "Signups from ads")],
    ),
    answer(Reading("hello", problem="unknown", detail="hello"), None),
    answer(Reading("9: 4", problem="no_such_number", detail="9"), None),
    answer(Reading("1: 4 [U+202E]", problem="bad_character", detail="This line contains …"), None),
    *[
        answer(Reading(f"signups {problem}", 1, problem=problem, detail="forty"), TYPICAL)
        for problem in (
            "no_value",
            "bad_value",
            "needs_number",
            "needs_done",
            "note_too_long",
            "no_confidence",
            "duplicate",
        )
    ],
]
HOSTILE_ANSWERS = [
    answer(Reading(HOSTILE, 5, (), 1, "on_track", HOSTILE[:500]), HOSTILE_LINE),
    answer(Reading(HOSTILE + "`", problem="unknown", detail=HOSTILE), None),
    answer(Reading(HOSTILE, None, (5, 5), problem="ambiguous"), None, matches=[(5, HOSTILE)] * 2),
    answer(Reading(HOSTILE, 5, problem="bad_value", detail=HOSTILE), HOSTILE_LINE),
    answer(Reading(HOSTILE, problem="bad_character", detail=HOSTILE), None),
]


def reply(answers: list[LineAnswer], **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "answers": answers,
        "cycle": "2026-Q4",
        "ids": "12,13",
        "skipped": 0,
        "recorded": 2,
        "repeated": 0,
        "key_results": [TYPICAL, MILESTONE, FAR_PAST, NEVER],
    }
    context.update(extra)
    return context


def check_in_line(**changes: Any) -> CheckInLine:
    fields: dict[str, Any] = {
        "id": 21,
        "effective_on": date(2026, 11, 9),
        "entered_on": date(2026, 11, 16),
        "value": "420",
        "confidence": "on_track",
        "note": "shipped the new onboarding",
        "author": "<@U1>",
        "edited": True,
        "editable": True,
    }
    fields.update(changes)
    return CheckInLine(**fields)


def history(objectives: list[ObjectiveHistory], per: int = 5, hidden: int = 0) -> dict[str, Any]:
    return {
        "objectives": objectives,
        "per": per,
        "metadata": '{"objectives": [3]}',
        "hidden": hidden,
        "numbered": True,
    }


TYPICAL_HISTORY = ObjectiveHistory(
    OBJECTIVE,
    "2026-Q4",
    [
        KeyResultHistory(TYPICAL, "▁▂▄▆", [check_in_line(), check_in_line(id=22, edited=False)], 7),
        KeyResultHistory(NEVER, "", [], 0),
        KeyResultHistory(MILESTONE, "▁█", [check_in_line(id=23, editable=False, author="")], 2),
    ],
)
HOSTILE_HISTORY = ObjectiveHistory(
    HOSTILE_OBJECTIVE,
    HOSTILE[:32],
    [KeyResultHistory(HOSTILE_LINE, "█", [check_in_line(note=HOSTILE, value=HOSTILE[:60])], 1)],
)


def largest_history() -> ObjectiveHistory:
    """Ten key results with four check-ins each: 1 + 1 + 10 × 5 blocks."""
    krs = [
        KeyResultHistory(
            kr_line(id=200 + i), "▁▂▃▄", [check_in_line(id=300 + 4 * i + j) for j in range(4)], 9
        )
        for i in range(10)
    ]
    return ObjectiveHistory(OBJECTIVE, "2026-Q4", krs)


def edit(check_in: CheckIn, line: KeyResultLine, trail: list[TrailEntry]) -> dict[str, Any]:
    return {
        "metadata": '{"check_in": 21, "key_result": 7, "shown": [3]}',
        "line": line,
        "check_in": check_in,
        "author": "<@U1>",
        "milestone": line.kind == "milestone",
        "value": "420",
        "done": False,
        "note": editable_note(check_in.note),
        "shown_value": line.value,
        "cycle": CYCLE,
        "trail": trail,
    }


CHECK_IN = CheckIn(value=420, confidence="at_risk", note="shipped", effective_on=date(2026, 11, 9))
HOSTILE_CHECK_IN = CheckIn(value=1, confidence="odd", note=HOSTILE, effective_on=date(2026, 10, 1))
AT = datetime(2026, 11, 17, 9, 30, tzinfo=UTC)
TRAIL = [
    TrailEntry(
        AT,
        "<@U1>",
        "update",
        [("value", "400", "420"), ("date", "Nov 16", "Nov 9")],
    ),
    TrailEntry(AT, "", "delete", [("deleted at", "None", "2026-11-17T09:30:00+00:00")]),
]
HOSTILE_TRAIL = [TrailEntry(AT, "<@U1>", "update", [("note", HOSTILE, HOSTILE)])] * 10

SAMPLES: dict[str, list[dict[str, Any]]] = {
    "checkin_modal": [
        modal([Group(OBJECTIVE, [field(TYPICAL), field(MILESTONE), field(NEVER, value="")])]),
        modal(
            [Group(HOSTILE_OBJECTIVE, [field(HOSTILE_LINE, value="1")])], page=2, pages=3, saved=4
        ),
        modal(many_groups(), page=1, pages=2),
        modal(
            [
                Group(
                    OBJECTIVE,
                    [
                        replace(field(TYPICAL, value="430%"), note="typo?", question=HOSTILE),
                        field(MILESTONE),
                    ],
                )
            ]
        ),
    ],
    "checkin_done": [
        {
            "groups": [{"objective": OBJECTIVE, "lines": [TYPICAL, MILESTONE, FAR_PAST, NEVER]}],
            "saved": 4,
            "repeated": 0,
            "more": 0,
            "cycle": "2026-Q4",
            "today": TODAY,
        },
        {
            "groups": [{"objective": OBJECTIVE, "lines": [TYPICAL]}],
            "saved": 1,
            "repeated": 2,
            "more": 0,
            "cycle": "2026-Q4",
            "today": TODAY,
        },
        {"groups": [], "saved": 0, "repeated": 1, "more": 0, "cycle": "2026-Q4", "today": TODAY},
        {"groups": [], "saved": 0, "repeated": 0, "more": 0, "cycle": "2026-Q4", "today": TODAY},
        {
            "groups": [{"objective": HOSTILE_OBJECTIVE, "lines": [HOSTILE_LINE]}],
            "saved": 1,
            "repeated": 0,
            "more": 3,
            "cycle": HOSTILE[:20],
            "today": TODAY,
        },
    ],
    "checkin_pick": [
        {
            "command": "checkin",
            "problem": problem,
            "words": words,
            "cycle": "2026-Q4",
            "candidates": ((1, "Delight our customers", 11), (2, HOSTILE, 12)),
        }
        for problem, words in (
            ("none", ""),
            ("no_match", "9"),
            ("ambiguous", "de"),
            ("no_key_results", ""),
            ("no_match", HOSTILE),
        )
    ]
    + [
        {
            "command": "history",
            "problem": "ambiguous",
            "words": HOSTILE,
            "cycle": "2026-Q4",
            "candidates": tuple((n, HOSTILE, n) for n in range(1, 30)),
        }
    ],
    "checkin_reply": [
        reply(ANSWERS),
        reply(ANSWERS[:2], skipped=3),
        reply(
            (HOSTILE_ANSWERS * 10)[:MAX_LINES],
            ids=",".join(str(n) for n in range(1000, 1040)),
            skipped=7,
        ),
        reply([], key_results=[], ids="", recorded=0),
        reply([QUESTIONED, ASKED], ids="", recorded=0),
        reply([QUESTIONED, ANSWERS[0]], ids="15", recorded=1),
        reply(ANSWERS[3:5], ids="", recorded=0),
        reply(ANSWERS[:2], ids="", recorded=0, repeated=2),
        reply(ANSWERS[:2], ids="14", recorded=1, repeated=1),
    ],
    "checkin_undone": [
        {"count": 2, "lines": [TYPICAL, NEVER]},
        {"count": 1, "lines": [HOSTILE_LINE] * 60},
    ],
    "history_modal": [
        history([TYPICAL_HISTORY]),
        history([HOSTILE_HISTORY, TYPICAL_HISTORY], per=1, hidden=2),
        history([largest_history()], per=4),
    ],
    "history_edit": [
        edit(CHECK_IN, TYPICAL, TRAIL),
        edit(CHECK_IN, MILESTONE, []),
        edit(HOSTILE_CHECK_IN, HOSTILE_LINE, HOSTILE_TRAIL),
    ],
}
