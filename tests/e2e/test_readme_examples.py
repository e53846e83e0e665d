"""The README's message check-in examples, verbatim, against the key results it describes.

Fails when the README shows a message the bot would refuse, or describes key results that the
examples do not check in on (finding 1 of issue 9: the README's own example used to fail).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests import factories
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text, check_ins
from tests.e2e.test_checkin_message import dm, reply_to
from tests.factories import KR

README = Path(__file__).resolve().parents[2] / "README.md"
# "With key results "A", "B" (a percentage) and the milestone "C", these lines check in …"
DESCRIBED = re.compile(r"With key results (?P<what>.+?), these lines", re.DOTALL)


def examples() -> list[str]:
    """Every line of the README's `text` code blocks under "send the bot a message"."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("send the bot a message") :]
    section = section[: section.index("\n- ", 1)]
    blocks = re.findall(r"```text\n(.*?)```", section, re.DOTALL)
    lines = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    assert lines, "the README shows no message check-in example"
    return lines


def described() -> list[KR]:
    """The key results the README says its examples are written for, as it describes them."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    match = DESCRIBED.search(text)
    assert match, "the README does not say which key results its examples are for"
    found: list[KR] = []
    for title, after in re.findall(r'"([^"]+)"(\s*\(a percentage\))?', match["what"]):
        before = match["what"][: match["what"].index(f'"{title}"')]
        if before.rstrip().endswith("the milestone"):
            found.append(KR(title, kind="milestone", start=None, target=None))
        elif after:
            found.append(KR(title, start=20, target=60, unit_kind="percent"))
        else:
            found.append(KR(title, start=300, target=1000))
    return found


def test_every_readme_example_is_understood_and_recorded(bot: RunningBot) -> None:
    key_results = described()
    assert len(key_results) >= 3
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now, key_results=key_results)
        ids = [kr.id for kr in objective.key_results]
    lines = examples()
    bot.event(dm("\n".join(lines)))
    read = blocks_text(reply_to(bot))
    assert ":warning:" not in read and ":question:" not in read, read
    assert f"Checked in {len(lines)} key results" in read
    assert sorted(r.key_result_id for r in check_ins(bot)) == sorted(ids)


def test_each_readme_example_alone_is_understood(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, key_results=described())
    for count, line in enumerate(examples(), start=1):
        bot.event(dm(line))
        read = blocks_text(reply_to(bot, count))
        assert "Checked in 1 key result" in read, (line, read)
