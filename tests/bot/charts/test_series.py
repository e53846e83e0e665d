"""What a chart draws from stored rows: one reading per day (the last written), progress in
percent per key result, and a fingerprint that changes exactly when the data drawn does."""

from __future__ import annotations

from datetime import date, timedelta

from bot.charts.series import fingerprint, key_result_series, objective_series
from bot.people import current_cycle, ensure_workspace
from storage import check_ins
from storage.db import Database
from tests import factories
from tests.clock import FakeClock
from tests.factories import KR


def test_a_key_result_draws_one_reading_a_day_and_its_fingerprint_follows_the_data(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        objective = factories.objective(
            session, clock.now, key_results=[KR("Signups", start=0, target=1000), KR("Churn")]
        )
        signups = objective.key_results[0]
        cycle = current_cycle(
            session, ensure_workspace(session, factories.TEAM_ID, clock.now), clock.now
        )
        day = date(2026, 11, 2)
        factories.check_in(session, signups, clock.now, value=100, effective_on=day)
        factories.check_in(
            session,
            signups,
            clock.now + timedelta(minutes=5),
            value=150,
            effective_on=day,
            confidence="at_risk",
        )
        rows = check_ins.live_of(session, factories.TEAM_ID, [signups.id])
        series = key_result_series(signups, cycle, rows)
        assert [(r.on, r.value, r.confidence) for r in series.readings] == [(day, 150, "at_risk")]
        assert series.paced and (series.start, series.target) == (0, 1000)
        assert (series.starts_on, series.due_on) == (cycle.starts_on, cycle.ends_on)
        assert fingerprint(series) == fingerprint(key_result_series(signups, cycle, rows))

        factories.check_in(session, signups, clock.now, value=300, effective_on=day + timedelta(7))
        newer = check_ins.live_of(session, factories.TEAM_ID, [signups.id])
        assert fingerprint(key_result_series(signups, cycle, newer)) != fingerprint(series)

        chart = objective_series(objective, cycle, {signups.id: newer})
        assert [line.points for line in chart.lines] == [
            ((day, 15), (day + timedelta(7), 30)),
            (),
        ]
