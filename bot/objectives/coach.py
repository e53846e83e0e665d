"""The coach: spots key results phrased as tasks and suggests a measurable outcome instead.

Pure functions over the title and type of a key result; the suggestion never blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9$€£%]+(?:[-'.][a-z0-9]+)*")
_NOT_A_QUANTITY = re.compile(r"^(v\d.*|q[1-4]|h[12]|fy\d+|(19|20)\d\d|p\d\d|\d+(st|nd|rd|th))$")
_RATIO = re.compile(r"%|\bper ?cent\b|[$€£¥₹]|\b\d+(\.\d+)?x\b|\b(double|triple|halve|twice)\b")
_FILLER = ("we", "i", "will", "to", "should", "must", "team")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


TASK_VERBS = _set(
    """add analyse analyze arrange assess attend audit automate begin build clean collect compile
    complete conduct configure coordinate create define deliver deploy design develop document
    do draft establish evaluate explore finalise finalize finish fix gather help hire hold host
    identify implement initiate install integrate interview introduce investigate kick launch
    learn make map migrate move open organise organize outline participate plan prepare present
    produce publish read rebuild record redesign refactor refresh release replace research revamp
    review rework rewrite roll run schedule send set setup ship start study test train translate
    try update upgrade work write"""
)
CHANGE_VERBS = _set(
    """accelerate achieve boost cut decrease double drive expand grow halve hit improve increase
    keep lift lower maintain maximise maximize minimise minimize optimise optimize raise reach
    reduce shrink triple"""
)
METRICS = _set(
    """accuracy activation adoption aov arpu arr attrition availability bookings bugs cac churn
    clients conversion conversions cost costs coverage csat ctr customers dau deals defects
    downloads engagement enps errors gmv growth incidents income installs latency leads ltv
    margin margins mau members mrr mttr ndr nps nrr orders p50 p90 p95 p99 pipeline profit rate
    rates rating ratings ratio readers readership renewals retention revenue roi sales
    satisfaction savings score signups spend subscribers throughput tickets traffic turnover
    uptime users velocity visitors visits wau wins"""
)

# (words that hint at the topic, an outcome worth measuring instead)
EXAMPLES: tuple[tuple[frozenset[str], str], ...] = (
    (
        _set("newsletter newsletters blog posts post article articles content podcast"),
        "Increase monthly readership by 25%",
    ),
    (_set("onboarding signup welcome"), "Raise onboarding completion from 40% to 70%"),
    (
        _set("pricing page website landing checkout funnel"),
        "Raise trial-to-paid conversion from 8% to 12%",
    ),
    (
        _set("hire hiring recruit recruiting engineers candidates"),
        "Cut time to hire from 60 to 40 days",
    ),
    (
        _set("documentation docs handbook faq guide wiki knowledge"),
        "Cut setup questions to support by 30%",
    ),
    (
        _set("survey interviews research feedback"),
        "Raise NPS from 30 to 40",
    ),
    (
        _set("meetings meeting offsite retreat culture"),
        "Raise eNPS from 20 to 35",
    ),
    (
        _set("training train workshop workshops course"),
        "Cut time for new agents to solve tickets alone from 4 weeks to 2",
    ),
    (
        _set("conference conferences event events webinar webinars"),
        "Generate 150 qualified leads from events",
    ),
    (
        _set("referral partner partners campaign marketing ads"),
        "Increase referral signups from 50 to 200 a month",
    ),
    (_set("crm sales deals"), "Raise the win rate from 18% to 25%"),
    (
        _set("""migrate migration database infrastructure refactor upgrade ci pipeline deploy
            automate kubernetes cloud server servers"""),
        "Cut deploy time from 45 to 10 minutes",
    ),
    (_set("sso security login"), "Raise SSO adoption to 80% of enterprise accounts"),
)
FALLBACK_EXAMPLE = "Get 30% of active customers using it every week"


@dataclass(frozen=True)
class Advice:
    title: str
    example: str


def _words(title: str) -> list[str]:
    words = _WORD.findall(
        title.lower().replace("sign-ups", "signups").replace("sign ups", "signups")
    )
    while words and words[0] in _FILLER:
        words.pop(0)
    return words


def _has_quantity(words: list[str]) -> bool:
    return any(any(c.isdigit() for c in w) and not _NOT_A_QUANTITY.match(w) for w in words)


def is_task_like(title: str, kind: str) -> bool:
    """True when the key result says what will be done, not what will change, measurably."""
    words = _words(title)
    if not words or _RATIO.search(title.lower()):
        return False
    task = words[0] in TASK_VERBS or words[:2] == ["set", "up"]
    change = words[0] in CHANGE_VERBS
    metric = any(w in METRICS for w in words)
    quantity = _has_quantity(words)
    if kind == "milestone":
        # Done-or-not measures nothing about how much: an activity or a vague change is a task.
        return task or (change and not quantity)
    if task:
        # "Write 12 blog posts" counts activity; only a result (signups, revenue…) measures outcome.
        return not metric
    return change and not metric and not quantity


def advise(title: str, kind: str) -> Advice | None:
    """A friendly suggestion for a task-like key result, with an example outcome; else None."""
    if not is_task_like(title, kind):
        return None
    words = set(_words(title))
    example = next((ex for topic, ex in EXAMPLES if topic & words), FALLBACK_EXAMPLE)
    return Advice(title=" ".join(title.split()), example=example)


def focus_hint(active: int, limit: int, owner: str | None = None) -> str | None:
    """More active objectives than the workspace's focus limit: a gentle nudge, never a block.

    `owner` is the owner's mention when someone else set the objective for them.
    """
    if active <= limit:
        return None
    who = f"{owner} now has" if owner else "You now have"
    return (
        f"{who} {active} active objectives this cycle; your workspace suggests at most "
        f"{limit}. Fewer objectives get more done: consider archiving one, or making it a key "
        "result of another."
    )
