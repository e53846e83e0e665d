"""Numbers as people type them: `1,200`, `1 200`, `12,5`, `45%`, `$3k`, `2.5m`."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot import characters

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9}
EXAMPLES = "like 1,200 or 12.5 (45%, $3k and 2.5m work too)"

_SHAPE = re.compile(
    r"""^(?P<sign>[-+−]?)\s*
        (?P<symbol>[$€£¥₹]?)\s*
        (?P<digits>\d[\d\s.,']*|\.\d+)
        \s*(?P<suffix>[kKmMbB]?)
        \s*(?P<percent>%?)$""",
    re.VERBOSE,
)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
# A space (or ') only groups thousands, so exactly three digits follow it: 1 200, never 5 5.
_LOOSE_GROUP = re.compile(r"[\s\u00a0\u202f'](?!\d{3}(?!\d))")


class NumberError(ValueError):
    """The text is not a number; the message says what was understood and what works."""


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    percent: bool = False
    currency: str | None = None


def parse_number(text: str) -> ParsedNumber:
    """Read a number as a person typed it, or raise NumberError saying why not."""
    raw = text.strip()
    if not raw:
        raise NumberError(f"Enter a number, {EXAMPLES}.")
    if told := characters.problem(raw, "The number"):
        raise NumberError(told)
    match = _SHAPE.match(raw)
    if match is None:
        raise NumberError(_not_understood(raw))
    digits = _plain_digits(match["digits"].strip())
    if digits is None:
        raise NumberError(f'"{raw}" has its separators in odd places; write it {EXAMPLES}.')
    value = float(digits) * SUFFIXES.get(match["suffix"].lower(), 1.0)
    if match["sign"] in {"-", "−"}:
        value = -value
    if not math.isfinite(value):
        raise NumberError(f'"{raw}" is too large to be a target; write it {EXAMPLES}.')
    currency = CURRENCY_SYMBOLS.get(match["symbol"]) if match["symbol"] else None
    return ParsedNumber(value=value, percent=bool(match["percent"]), currency=currency)


def _plain_digits(digits: str) -> str | None:
    """`1,200` -> 1200, `12,5` -> 12.5, `1.200,50` -> 1200.50; None when ambiguous or malformed."""
    if _LOOSE_GROUP.search(digits):
        return None
    compact = _SPACES.sub("", digits)
    if compact.count(".") and compact.count(","):
        decimal = "." if compact.rfind(".") > compact.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _, fraction = compact.rpartition(decimal)
        return _grouped(whole, thousands, fraction)
    for separator in (",", "."):
        if separator in compact:
            parts = compact.split(separator)
            # One separator followed by exactly three digits is a thousands group (1,200),
            # anything else with one separator is a decimal mark (12,5 or 12.5).
            if len(parts) == 2 and not (len(parts[1]) == 3 and separator == ","):
                return f"{parts[0] or '0'}.{parts[1]}" if parts[1].isdigit() else None
            return _grouped(compact, separator, "")
    return compact if compact.isdigit() else None


def _grouped(whole: str, separator: str, fraction: str) -> str | None:
    groups = whole.split(separator)
    if not groups[0].isdigit() or (len(groups[0]) > 3 and len(groups) > 1):
        return None
    if any(len(g) != 3 or not g.isdigit() for g in groups[1:]):
        return None
    if fraction and not fraction.isdigit():
        return None
    number = "".join(groups)
    return f"{number}.{fraction}" if fraction else number


def _not_understood(raw: str) -> str:
    lead = re.match(r"^[-+]?[$€£¥₹]?\d[\d.,]*", raw)
    if lead and lead.group() != raw:
        rest = raw[lead.end() :].strip()
        return (
            f'I understood {lead.group()} but not "{rest[:30]}". Enter just the number, {EXAMPLES}.'
        )
    return f'"{raw[:30]}" is not a number. Enter a number, {EXAMPLES}.'
