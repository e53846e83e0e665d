"""Paging a check-in within Slack's 100 blocks per view, and fitting history into one view."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.checkins.history import MOST_SHOWN, TOP_BLOCKS, shown_per_key_result
from bot.checkins.pages import VIEW_BLOCKS, blocks_of, paginate

sizes = st.lists(st.integers(min_value=1, max_value=40), max_size=12)


def items_for(objective_sizes: list[int]) -> list[tuple[int, int]]:
    ids = iter(range(1, 10_000))
    return [(o, next(ids)) for o, size in enumerate(objective_sizes) for _ in range(size)]


@given(sizes)
def test_pages_keep_the_order_and_stay_within_the_limit(objective_sizes: list[int]) -> None:
    items = items_for(objective_sizes)
    pages = paginate(items)
    assert [item for page in pages for item in page] == items
    assert all(page and blocks_of(page) <= VIEW_BLOCKS for page in pages)


@given(sizes)
def test_an_objective_that_fits_a_page_is_never_split(objective_sizes: list[int]) -> None:
    pages = paginate(items_for(objective_sizes))
    for objective, size in enumerate(objective_sizes):
        if blocks_of([(objective, i) for i in range(size)]) <= VIEW_BLOCKS:
            holding = [p for p in pages if any(o == objective for o, _ in p)]
            assert len(holding) == 1


def test_three_objectives_of_nine_key_results_take_two_pages() -> None:
    pages = paginate(items_for([9, 9, 9]))
    assert [len(p) for p in pages] == [18, 9]
    assert blocks_of(pages[0]) == 1 + 2 + 18 * 4


@given(st.integers(min_value=1, max_value=5), st.lists(st.integers(0, 30), max_size=40))
def test_history_shows_as_many_check_ins_as_fit(objectives: int, counts: list[int]) -> None:
    per = shown_per_key_result(objectives, counts)
    assert 0 <= per <= MOST_SHOWN

    def blocks(n: int) -> int:
        return TOP_BLOCKS + objectives + len(counts) + sum(min(c, n) for c in counts)

    if per:
        assert blocks(per) <= VIEW_BLOCKS
    if per < MOST_SHOWN:
        assert blocks(per + 1) > VIEW_BLOCKS
