"""Reading `/okr list` arguments and the "Show more" value."""

from __future__ import annotations

import pytest

from bot.objectives.audience import Audience, ListRequest, NotUnderstood, decode, encode, parse


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", ListRequest(Audience())),
        ("me", ListRequest(Audience())),
        ("<@U2|bo>", ListRequest(Audience("person", "U2"))),
        ("<@W123>", ListRequest(Audience("person", "W123"))),
        ("@bo.chen", ListRequest(Audience("name", "bo.chen"))),
        ("<#C0TEAM|team>", ListRequest(Audience("channel", "C0TEAM"))),
        ("<#C0TEAM>", ListRequest(Audience("channel", "C0TEAM"))),
        ("Company", ListRequest(Audience("company"))),
        ("2026-q3", ListRequest(Audience(), "2026-Q3")),
        ("<@U2> 2026-Q3", ListRequest(Audience("person", "U2"), "2026-Q3")),
        ("2026-Q3 company", ListRequest(Audience("company"), "2026-Q3")),
    ],
)
def test_what_people_type(args: str, expected: ListRequest) -> None:
    assert parse(args) == expected


def test_cycle_names_are_read_as_stored() -> None:
    assert parse("fy2027-q1") == ListRequest(Audience(), "FY2027-Q1")
    assert parse("FY2027-Q3-SEP me") == ListRequest(Audience(), "FY2027-Q3-Sep")
    assert isinstance(parse("FY2027-Q3-September"), NotUnderstood)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ("#general", "plain_channel"),
        ("everyone please", "unknown"),
        ("<@U2> <@U1>", "two_audiences"),
        ("2026-Q1 2026-Q2", "two_cycles"),
        ("<!channel>", "unknown"),
    ],
)
def test_what_it_cannot_read(args: str, reason: str) -> None:
    problem = parse(args)
    assert isinstance(problem, NotUnderstood) and problem.reason == reason


def test_show_more_round_trips_and_refuses_forgeries() -> None:
    request = ListRequest(Audience("channel", "C0TEAM"), "2026-Q3")
    assert decode(encode(request, "2026-Q3", 9)) == (request, 9)
    for forged in (
        "",
        "mine||2026-Q4|x",
        "person|<!channel>|2026-Q4|0",
        "boss||2026-Q4|0",
        "mine||never|0",
        "mine||2026-q4|0",
    ):
        assert decode(forged) is None
