"""Texts people may paste: what each hides, and the character the bot must name.

Shared by the unit test of the one check and the end-to-end tests of the forms that use it.
"""

from __future__ import annotations

# (why it is refused, the text, the code the message must name)
REFUSED: list[tuple[str, str, str]] = [
    ("NUL", "Grow\x00revenue", "U+0000"),
    ("ESC", "Grow \x1b[31mrevenue", "U+001B"),
    ("BEL", "Grow revenue\x07", "U+0007"),
    ("DEL", "Grow\x7f revenue", "U+007F"),
    ("C1 control", "Grow\x85revenue", "U+0085"),
    ("right-to-left override", "Grow \u202eeunever", "U+202E"),
    ("only zero-width spaces", "\u200b\u200b\u200b", "U+200B"),
    ("zero-width no-break space", "\ufeffGrow revenue", "U+FEFF"),
    ("word joiner", "Grow\u2060revenue", "U+2060"),
    ("lone joiner", "\u200d", "U+200D"),
    ("Hangul filler", "\u3164", "U+3164"),
    ("braille blank", "\u2800\u2800", "U+2800"),
    ("line separator", "Grow\u2028revenue", "U+2028"),
    ("half an emoji", "Grow \ud83d revenue", "U+D83D"),
]

ACCEPTED: list[tuple[str, str]] = [
    ("emoji joined by ZWJ", "👩‍💻 Ship the new onboarding"),
    ("rainbow flag", "🏳️‍🌈 Pride month"),
    ("flag of Scotland", "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Open the Glasgow office"),
    ("Persian with a non-joiner", "می‌خواهیم رشد کنیم"),
    ("Hindi with a joiner", "क्‍ष लक्ष्य"),
    ("accents and CJK", "Café 日本語 Ünïcödé"),
    ("no-break spaces", "45\u00a0% of 1\u202f200 users"),
]

# Text that would ping or disguise a link if it reached Slack unescaped (issue 11): each must
# render as plain text in every template (tests/test_mention_safety.py) and every message posted.
MENTIONS: dict[str, str] = {
    "channel": "<!channel> ship it",
    "here": "<!here> please look",
    "everyone": "<!everyone>",
    "person": "ping <@U123> now",
    "user group": "<!subteam^S1> and <!subteam^S1|@team>",
    "disguised link": "<https://evil.example|docs.google.com>",
    "already escaped": "&lt;!channel&gt; as typed",
    "very long": "<!channel> " + "long " * 700,
    "right-to-left marks": "\u200f<!here> שלום\u200f \u200e<@U123>\u200e",
    "emoji": "🎉 <!channel> 👩‍💻 🏳️‍🌈 :tada:",
}
