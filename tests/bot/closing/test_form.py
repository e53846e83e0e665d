"""Reading a submitted close form: scores, reflections, ticks, and inline errors by block."""

from __future__ import annotations

from typing import Any

from bot.closing import form
from storage.models import KeyResult, Objective


def objective() -> Objective:
    row = Objective(id=5, reflection="")
    row.key_results = [KeyResult(id=51, kind="increase"), KeyResult(id=52, kind="milestone")]
    return row


def view(score51: str, score52: str, reflection: str, carry: bool) -> dict[str, Any]:
    ticks = [{"value": "carry"}] if carry else []
    return {
        "state": {
            "values": {
                "score-51": {"score": {"type": "plain_text_input", "value": score51}},
                "score-52": {"score": {"type": "plain_text_input", "value": score52}},
                "reflection-5": {"reflection": {"type": "plain_text_input", "value": reflection}},
                "carry-5": {"carry": {"type": "checkboxes", "selected_options": ticks}},
            }
        }
    }


def test_a_filled_form_is_read() -> None:
    filled = form.read(
        view("0.7", "1", "  Shipped late, learned a lot ", True), [objective()], "close"
    )
    assert isinstance(filled, form.Filled)
    assert filled.scores == {51: 0.7, 52: 1.0}
    assert filled.reflections == {5: "Shipped late, learned a lot"}
    assert filled.carry == {5}


def test_each_wrong_field_gets_its_own_error() -> None:
    errors = form.read(view("1.5", "", "fine\u202eevil", False), [objective()], "close")
    assert isinstance(errors, dict)
    assert set(errors) == {"score-51", "score-52", "reflection-5"}
    assert "0.0" in errors["score-51"] and "right-to-left override" in errors["reflection-5"]


def test_a_reflection_over_the_limit_is_refused_inline() -> None:
    errors = form.read(view("0.5", "0.5", "x" * 1001, False), [objective()], "close")
    assert errors == {"reflection-5": "Keep the reflection to 1000 characters."}


def test_the_carry_over_form_reads_only_the_ticks() -> None:
    filled = form.read(view("junk", "junk", "", True), [objective()], "carry")
    assert isinstance(filled, form.Filled) and filled.carry == {5} and not filled.scores


def test_metadata_naming_junk_reads_as_nothing() -> None:
    named = form.named({"private_metadata": '{"m": "carry", "c": "x", "u": 3, "o": ["7", "a"]}'})
    assert named == form.Named("carry", None, "", [7, None])
    assert form.named({"private_metadata": "not json"}) == form.Named("close", None, "", [])
    assert form.named({"private_metadata": {"o": [1]}}) == form.Named("close", None, "", [])
