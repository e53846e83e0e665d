"""Last cycle's scores: a score given when closing, else progress standing in and saying so;
the summary's average and distribution."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.cycle_turn.scores import (
    KeyResultScore,
    ObjectiveScore,
    Scored,
    band_of,
    objective_score,
    summary_of,
)
from storage.models import Cycle, KeyResult, Objective

Q4 = Cycle(
    id=1, team_id="T1", name="2026-Q4", starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31)
)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def kr(value: float | None, score: float | None = None) -> KeyResult:
    return KeyResult(
        id=1,
        title="Signups",
        kind="increase",
        start_value=0,
        target_value=100,
        current_value=value,
        unit_kind="number",
        unit="",
        score=score,
        created_at=NOW,
        updated_at=NOW,
        check_ins=[],
    )


def objective(*key_results: KeyResult) -> Objective:
    return Objective(id=7, title="Grow", owner_id="U1", key_results=list(key_results))


def test_a_score_is_shown_as_given_and_progress_says_it_stands_in() -> None:
    assert Scored(0.7, True).shown == "score 0.7"
    assert Scored(0.25, True).shown == "score 0.25", "not 0.2: the owner gave 0.25"
    assert Scored((0.7 + 1.0) / 2, True).shown == "score 0.85", "not the float's 0.8"
    assert Scored(1 / 3, True).shown == "score 0.33"
    assert Scored(0.644, False).shown == "64 % progress (not scored)"


def test_an_objective_is_scored_when_every_key_result_was() -> None:
    both = objective_score(objective(kr(50, 0.6), kr(100, 0.8)), Q4, date(2027, 1, 2))
    assert both.score.scored and round(both.score.value, 2) == 0.7
    assert both.completed is False
    one = objective_score(objective(kr(50, 0.6), kr(100)), Q4, date(2027, 1, 2))
    assert not one.score.scored and one.score.partly and round(one.score.value, 2) == 0.8
    done = objective_score(objective(kr(100), kr(120)), Q4, date(2027, 1, 2))
    assert done.completed and done.score.value == 1.0  # past the target counts as 1


def test_bands_read_a_score_rounded_to_one_decimal() -> None:
    assert [band_of(v) for v in (0.0, 0.3, 0.34, 0.35, 0.64, 0.65, 0.7, 1.0)] == [
        0,
        0,
        0,
        1,
        1,
        2,
        2,
        2,
    ]


def _scored(*values: tuple[float, bool], completed: bool = False) -> ObjectiveScore:
    krs = [KeyResultScore("k", Scored(v, s)) for v, s in values]
    return ObjectiveScore(1, "o", "U1", Scored(0, False), completed, krs)


def test_the_summary_counts_scored_key_results_when_any_was_scored() -> None:
    summary = summary_of(
        [_scored((0.2, True), (0.9, False)), _scored((0.7, True), (0.8, True), completed=True)]
    )
    assert summary.scored and summary.counted == 3
    assert round(summary.average or 0, 3) == round((0.2 + 0.7 + 0.8) / 3, 3)
    assert [band.count for band in summary.bands] == [1, 0, 2]
    assert [band.fraction for band in summary.bands] == [0.5, 0.0, 1.0]
    assert (summary.objectives, summary.completed) == (2, 1)


def test_without_any_score_the_summary_reads_progress_and_without_objectives_nothing() -> None:
    progress = summary_of([_scored((0.5, False), (0.1, False))])
    assert not progress.scored and progress.counted == 2 and progress.average == 0.3
    assert progress.average_shown == "30 %"
    empty = summary_of([])
    assert empty.average is None and [band.count for band in empty.bands] == [0, 0, 0]


def test_an_objective_partly_scored_says_so() -> None:
    partly = objective_score(objective(kr(50, 0.6), kr(100)), Q4, date(2027, 1, 2))
    assert partly.score.shown == "score 0.8 (partly progress: not all scored)"


def test_the_average_is_written_as_a_score_is_so_it_reads_as_its_band() -> None:
    halfway = summary_of([_scored((0.6, True), (0.7, True))])
    assert halfway.average_shown == "0.65", "not %.1f's 0.6, a score of the band below"
    assert summary_of([_scored((0.7, True), (1.0, True))]).average_shown == "0.85"
    assert summary_of([_scored((0.7, True))]).average_shown == "0.7"
    assert summary_of([]).average_shown == ""
