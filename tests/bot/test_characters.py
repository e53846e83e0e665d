from __future__ import annotations

import pytest

from bot.characters import marked, problem
from tests.hostile_texts import ACCEPTED, REFUSED


@pytest.mark.parametrize(("text", "code"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_control_and_invisible_characters_are_named(text: str, code: str) -> None:
    told = problem(text, "The title")
    assert told is not None
    assert told.startswith("The title contains ")
    assert f"({code})" in told
    assert "delete it" in told
    assert code not in marked(text).replace(f"[{code}]", ""), "the code replaces the character"


@pytest.mark.parametrize("text", [a[1] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_text_in_any_script_and_emoji_sequences_are_kept(text: str) -> None:
    assert problem(text, "The title") is None
    assert marked(text) == text


def test_ordinary_line_breaks_and_tabs_are_kept() -> None:
    assert problem("Shipped:\n\t- onboarding\r\n\t- billing", "The note") is None


def test_the_message_says_where() -> None:
    told = problem("Ship the new onboarding flow\u200b today", "The note")
    assert told == (
        "The note contains a zero-width space (U+200B) after “…new onboarding flow”, "
        "which is not allowed: delete it, or type that part again instead of pasting it."
    )
    assert "at the start" in (problem("\x1bGo", "The note") or "")
    assert "a right-to-left override" in (problem("a\u202eb", "The note") or "")
