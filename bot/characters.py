"""Characters people may type: the one check of every text the bot stores or reads.

Control and invisible characters cannot be seen, change how the text around them reads (the
right-to-left override turns it around), or cannot be stored at all (PostgreSQL refuses the NUL
byte). They are refused with a message that says which one and where. Ordinary line breaks and
tabs are kept, and so are the joiners that emoji (👩‍💻) and some scripts (Persian, Hindi) need
between two visible characters, and the tags that spell the flags of England, Scotland and Wales.
"""

from __future__ import annotations

import unicodedata

_LAYOUT = frozenset("\t\n\r")
_JOINERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner
_BLACK_FLAG = "\U0001f3f4"  # a flag's tags follow it
_TAGS = range(0xE0020, 0xE0080)
# Letters and marks by their Unicode category, yet blank: they make a text look empty.
_BLANKS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
CONTEXT = 20

_NAMES = {
    0x00: "a null character",
    0x07: "a bell character",
    0x1B: "an escape character",
    0x7F: "a delete character",
    0x200B: "a zero-width space",
    0x200E: "a left-to-right mark",
    0x200F: "a right-to-left mark",
    0x202A: "a left-to-right embedding",
    0x202B: "a right-to-left embedding",
    0x202D: "a left-to-right override",
    0x202E: "a right-to-left override",
    0x2028: "a line separator",
    0x2029: "a paragraph separator",
    0x2060: "a word joiner",
    0xFEFF: "a zero-width no-break space",
}


def problem(text: str, what: str) -> str | None:
    """None when every character may be kept; else which one may not, where, and what to do.

    `what` names the text as the person knows it: "The title", "The note".
    """
    index = _first_refused(text)
    if index is None:
        return None
    char = text[index]
    before = " ".join(text[:index].split())
    place = f"after “{_tail(before)}”" if before else "at the start"
    return (
        f"{what} contains {_name(char)} (U+{ord(char):04X}) {place}, which is not allowed: "
        "delete it, or type that part again instead of pasting it."
    )


def marked(text: str) -> str:
    """The text with each refused character written as its code, to show it back safely."""
    return "".join(
        f"[U+{ord(char):04X}]" if _refused(text, index) else char for index, char in enumerate(text)
    )


def _first_refused(text: str) -> int | None:
    return next((index for index in range(len(text)) if _refused(text, index)), None)


def _refused(text: str, index: int) -> bool:
    char = text[index]
    if char in _LAYOUT:
        return False
    if char in _JOINERS:
        return not (_shows(text, index - 1) and _shows(text, index + 1))
    if ord(char) in _TAGS:
        return not (index > 0 and (text[index - 1] == _BLACK_FLAG or ord(text[index - 1]) in _TAGS))
    return char in _BLANKS or unicodedata.category(char) in _REFUSED_CATEGORIES


def _shows(text: str, index: int) -> bool:
    """Whether there is a visible character at `index` (for a joiner to join)."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    return not (
        char.isspace() or char in _BLANKS or unicodedata.category(char) in _REFUSED_CATEGORIES
    )


def _name(char: str) -> str:
    known = _NAMES.get(ord(char))
    if known:
        return known
    category = unicodedata.category(char)
    if category == "Cc":
        return "a control character"
    if category == "Cs":
        return "half of a broken character"
    return "an invisible character"


def _tail(text: str) -> str:
    return text if len(text) <= CONTEXT else "…" + text[-(CONTEXT - 1) :]
