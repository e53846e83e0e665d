"""bot/review/concerns.py: what a 1:1 talks about first, and confidence changes."""

from __future__ import annotations

from bot.review.concerns import change, concern_of, ranked
from tests.template_samples.checkins import TYPICAL, kr_line


def test_off_track_then_at_risk_then_behind_and_nothing_for_a_healthy_key_result() -> None:
    behind = concern_of("O", kr_line("Behind", behind=True, confidence="on_track"))
    risky = concern_of("O", kr_line("Risky", confidence="at_risk"))
    off = concern_of("O", kr_line("Off", confidence="off_track", behind=True))
    assert concern_of("O", TYPICAL) is None
    assert concern_of("O", kr_line(confidence=None)) is None
    found = [c for c in (behind, risky, off) if c is not None]
    assert [c.key_result for c in ranked(found)] == ["Off", "Risky", "Behind"]


def test_a_confidence_change_reads_in_plain_words() -> None:
    assert change("on_track", "at_risk") == "on track → at risk"
    assert change("off_track", "on_track") == "off track → on track"
    assert change("at_risk", "at_risk") is None
    assert change("", "at_risk") is None
