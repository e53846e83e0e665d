"""Units of key results: a plain number, a percent, a currency (code) or a free word."""

from __future__ import annotations

from dataclasses import dataclass

from bot import characters
from bot.numbers import CURRENCY_SYMBOLS, ParsedNumber

UNIT_LIMIT = 32
PERCENT_WORDS = frozenset({"%", "percent", "pct", "per cent"})
NUMBER_WORDS = frozenset({"", "#", "number", "numbers", "plain number"})
# The currencies people use in OKRs; a code outside this list is kept as a free word.
CURRENCY_CODES = frozenset(
    str.split(
        "USD EUR GBP JPY CNY INR CHF CAD AUD NZD SEK NOK DKK PLN CZK HUF RON BGN BRL MXN ARS "
        "CLP COP PEN ZAR NGN KES EGP MAD TRY ILS AED SAR QAR KRW SGD HKD TWD THB MYR IDR PHP "
        "VND PKR BDT UAH RUB ISK"
    )
)


@dataclass(frozen=True)
class Unit:
    kind: str  # number | percent | currency | word
    code: str = ""  # the currency code or the word; empty for number and percent

    @property
    def label(self) -> str:
        """How the unit reads after a value: `%`, `USD`, `signups`, or nothing."""
        return {"number": "", "percent": "%"}.get(self.kind, self.code)


NUMBER = Unit("number")
PERCENT = Unit("percent")


class UnitError(ValueError):
    """The unit, or a value's unit, cannot be used; the message says how to fix it."""


def parse_unit(text: str) -> Unit | None:
    """What the person typed in the unit field; None when they left it empty."""
    if told := characters.problem(text, "The unit"):
        raise UnitError(told)
    raw = " ".join(text.split())
    if not raw:
        return None
    if len(raw) > UNIT_LIMIT:
        raise UnitError(f"Keep the unit under {UNIT_LIMIT} characters, like “signups” or “USD”.")
    lowered = raw.lower()
    if lowered in PERCENT_WORDS:
        return PERCENT
    if lowered in NUMBER_WORDS:
        return NUMBER
    if raw in CURRENCY_SYMBOLS:
        return Unit("currency", CURRENCY_SYMBOLS[raw])
    if raw.upper() in CURRENCY_CODES:
        return Unit("currency", raw.upper())
    return Unit("word", raw)


def unit_of(number: ParsedNumber) -> Unit | None:
    """The unit a typed value carries with it (45% or $3k), None for a bare number."""
    if number.percent:
        return PERCENT
    if number.currency:
        return Unit("currency", number.currency)
    return None


def reconcile(declared: Unit | None, typed: Unit | None, raw: str) -> Unit | None:
    """The unit once a value is read: a typed unit fills an empty one and must match a set one."""
    if typed is None or declared is None or typed == declared:
        return declared or typed
    typed_text = "a percent" if typed == PERCENT else typed.code
    declared_text = describe(declared)
    raise UnitError(
        f"“{raw.strip()[:30]}” is {typed_text}, but the unit is {declared_text}. "
        "Make them agree, or leave the unit empty."
    )


def describe(unit: Unit) -> str:
    if unit.kind == "number":
        return "a plain number"
    if unit.kind == "percent":
        return "percent"
    return f"“{unit.code}”"


def stored_unit(kind: str, code: str) -> Unit:
    """The unit as kept on a key result (unit_kind, unit)."""
    return Unit(kind, code if kind in {"currency", "word"} else "")
