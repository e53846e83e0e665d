"""The coach on real-world key results: outcomes pass, tasks get a suggestion."""

from __future__ import annotations

import pytest

from bot.objectives.coach import advise, focus_hint, is_task_like

OUTCOME, TASK = False, True

# (title, type, task-like?) — outcomes measure what changes; tasks say what will be done.
TABLE: list[tuple[str, str, bool]] = [
    ("Increase monthly readership from 2,000 to 5,000", "increase", OUTCOME),
    ("Increase NPS from 30 to 45", "increase", OUTCOME),
    ("Reduce monthly churn from 5% to 3%", "decrease", OUTCOME),
    ("Grow ARR from $1.2M to $2M", "increase", OUTCOME),
    ("Raise trial-to-paid conversion from 8% to 12%", "increase", OUTCOME),
    ("Achieve 99.9% uptime", "stay_above", OUTCOME),
    ("Keep p95 API latency below 200 ms", "stay_below", OUTCOME),
    ("Cut average first response time from 8h to 2h", "decrease", OUTCOME),
    ("500 new paying customers", "increase", OUTCOME),
    ("Weekly active users", "increase", OUTCOME),
    ("Customer satisfaction score stays above 4.5", "stay_above", OUTCOME),
    ("Reduce cloud spend by 20%", "decrease", OUTCOME),
    ("Double the number of qualified leads", "increase", OUTCOME),
    ("Sign 5 new channel partners", "increase", OUTCOME),
    ("Close 10 enterprise deals", "increase", OUTCOME),
    ("Lower employee attrition to under 10%", "decrease", OUTCOME),
    ("Acquire 1,000 new sign-ups from organic search", "increase", OUTCOME),
    ("SOC 2 Type II certification achieved", "milestone", OUTCOME),
    ("Improve onboarding completion rate from 40% to 70%", "increase", OUTCOME),
    ("Increase average order value to $85", "increase", OUTCOME),
    ("Decrease open bugs from 120 to 40", "decrease", OUTCOME),
    ("90% of new hires productive within 30 days", "increase", OUTCOME),
    ("eNPS of 40 or more", "stay_above", OUTCOME),
    ("Net revenue retention above 110%", "stay_above", OUTCOME),
    ("Get 1,000 newsletter subscribers", "increase", OUTCOME),
    ("Publish 4 case studies that bring 50 leads", "increase", OUTCOME),
    ("Create a monthly newsletter", "milestone", TASK),
    ("Create a monthly newsletter", "increase", TASK),
    ("Launch the new pricing page", "milestone", TASK),
    ("Write documentation for the public API", "milestone", TASK),
    ("Hold weekly team meetings", "increase", TASK),
    ("Redesign the onboarding flow", "milestone", TASK),
    ("Migrate the database to PostgreSQL 16", "milestone", TASK),
    ("Hire a head of sales", "milestone", TASK),
    ("Run a customer survey", "milestone", TASK),
    ("Implement SSO for enterprise accounts", "milestone", TASK),
    ("Set up a CI pipeline", "milestone", TASK),
    ("Organize a company offsite in Q3", "milestone", TASK),
    ("Build a referral program", "increase", TASK),
    ("Publish 10 blog posts", "increase", TASK),
    ("Attend 3 industry conferences", "increase", TASK),
    ("Research competitor pricing", "milestone", TASK),
    ("Roll out the new CRM to the sales team", "milestone", TASK),
    ("Update the employee handbook", "milestone", TASK),
    ("Conduct 20 customer interviews", "increase", TASK),
    ("Train the support team on the new tool", "milestone", TASK),
    ("Improve onboarding", "increase", TASK),
    ("Ship v2 of the mobile app by Q3", "milestone", TASK),
    ("We will deploy the new search feature", "milestone", TASK),
    ("Optimize the checkout flow", "increase", TASK),
]


def test_the_coach_tells_outcomes_from_tasks_on_real_key_results() -> None:
    assert len(TABLE) >= 30
    wrong = [
        (title, kind, task) for title, kind, task in TABLE if is_task_like(title, kind) != task
    ]
    accuracy = 1 - len(wrong) / len(TABLE)
    detail = "\n".join(
        f"  {'task' if task else 'outcome'} expected: {title!r} ({kind})"
        for title, kind, task in wrong
    )
    assert accuracy >= 0.9, f"coach accuracy {accuracy:.0%} on {len(TABLE)} key results:\n{detail}"


def test_a_task_gets_an_example_outcome_on_its_topic() -> None:
    advice = advise("Create a monthly newsletter", "milestone")
    assert advice is not None
    assert advice.example == "Increase monthly readership by 25%"
    assert advice.title == "Create a monthly newsletter"


def test_a_task_without_a_known_topic_still_gets_an_example() -> None:
    advice = advise("Finish the thing", "milestone")
    assert advice is not None and advice.example


def test_an_outcome_gets_no_advice() -> None:
    assert advise("Reduce monthly churn from 5% to 3%", "decrease") is None


@pytest.mark.parametrize("title", ["", "   ", "!!!"])
def test_empty_titles_are_left_to_validation(title: str) -> None:
    assert advise(title, "increase") is None


def test_focus_hint_only_past_the_limit() -> None:
    assert focus_hint(3, 3) is None
    hint = focus_hint(4, 3)
    assert hint is not None and "You now have 4 active objectives" in hint and "at most 3" in hint
    assert str(focus_hint(6, 5, "<@U2>")).startswith("<@U2> now has 6 active objectives")
