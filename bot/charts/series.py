"""What a chart draws, taken from stored key results and check-ins, and a fingerprint of it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from bot.charts.data import KeyResultSeries, ObjectiveSeries, ProgressLine, Reading
from bot.progress import NUMERIC_KINDS, key_result_progress
from storage.models import CheckIn, Cycle, KeyResult, Objective

# Bump when the drawing changes, so charts uploaded before are drawn again.
DRAWING_VERSION = "1"


def _readings(rows: Iterable[CheckIn]) -> tuple[Reading, ...]:
    """One reading per effective day: the last written, as the latest value is decided."""
    by_day: dict[object, Reading] = {}
    for row in rows:  # oldest first, in the order that decides the latest
        if row.value is not None:
            by_day[row.effective_on] = Reading(row.effective_on, row.value, row.confidence)
    return tuple(by_day.values())


def key_result_series(kr: KeyResult, cycle: Cycle, rows: Sequence[CheckIn]) -> KeyResultSeries:
    """The key result over its cycle, up to its own due date when it has one."""
    return KeyResultSeries(
        title=kr.title,
        starts_on=cycle.starts_on,
        due_on=kr.due_on or cycle.ends_on,
        start=kr.start_value,
        target=kr.target_value,
        paced=kr.kind in NUMERIC_KINDS,
        readings=_readings(rows),
    )


def objective_series(
    objective: Objective, cycle: Cycle, rows: Mapping[int, Sequence[CheckIn]]
) -> ObjectiveSeries:
    """Each key result's progress in percent at each of its readings."""
    lines = []
    for kr in objective.key_results:
        points = tuple(
            (
                r.on,
                round(
                    100 * key_result_progress(kr.kind, kr.start_value, kr.target_value, r.value).raw
                ),
            )
            for r in _readings(rows.get(kr.id, ()))
        )
        lines.append(ProgressLine(kr.title, points))
    return ObjectiveSeries(objective.title, cycle.starts_on, cycle.ends_on, tuple(lines))


def fingerprint(series: KeyResultSeries | ObjectiveSeries) -> str:
    """Equal for equal data drawn: a chart is uploaded again only when this changes."""
    return hashlib.sha256(f"{DRAWING_VERSION}:{series!r}".encode()).hexdigest()
