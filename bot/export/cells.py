"""One cell of the CSV: text a spreadsheet shows and never runs, numbers it reads as numbers.

A text cell that starts with =, +, -, @, a tab or a carriage return would be taken for a formula
by Excel, LibreOffice or Google Sheets (`=HYPERLINK("http://evil", "x")` becomes a link), so it
gets a leading apostrophe, which they show as text. So that import gives back exactly what was
exported, a text that starts with an apostrophe followed by one of those characters, or by
another apostrophe, gets one too; import removes one such apostrophe and nothing else ("'Tis"
stays as it is). Number cells are written by the bot from stored numbers, never from people's
text: `-5` stays a number, which a spreadsheet reads as minus five and cannot run.
"""

from __future__ import annotations

import math
from datetime import date, datetime

FORMULA_STARTS = frozenset("=+-@\t\r")
APOSTROPHE = "'"


def text(value: str | None) -> str:
    """A text cell, neutralised."""
    raw = value or ""
    if raw[:1] in FORMULA_STARTS or _escaped(raw):
        return APOSTROPHE + raw
    return raw


def unescaped(cell: str) -> str:
    """What `text` was given, from the cell it wrote."""
    return cell[1:] if _escaped(cell) else cell


def _escaped(cell: str) -> bool:
    return cell[:1] == APOSTROPHE and cell[1:2] != "" and cell[1] in FORMULA_STARTS | {APOSTROPHE}


def number(value: float | None) -> str:
    """A number cell: `12`, `-5`, `0.7`, `1200000`; empty for none."""
    if value is None or not math.isfinite(value):
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def moment(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""
