"""How the kinds of key results and the levels of objectives are named on forms and lists."""

from __future__ import annotations

KIND_LABELS = {
    "increase": "Increase (from X to Y)",
    "decrease": "Decrease (from X down to Y)",
    "stay_above": "Stay above X",
    "stay_below": "Stay below X",
    "milestone": "Milestone (done or not done)",
}
LEVEL_LABELS = {"personal": "Personal", "team": "Team", "company": "Company"}
