"""Fitting within Slack's block limits by counting the blocks a payload actually has."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.paging import MESSAGE_BLOCKS, VIEW_BLOCKS, block_count, most_that_fit, pages

Item = tuple[int, int]  # (objective, key result)
sizes = st.lists(st.integers(min_value=1, max_value=40), max_size=12)


def payload(blocks: int) -> dict[str, Any]:
    return {"blocks": [{"type": "divider"}] * blocks}


def checkin_page(page: Sequence[Item]) -> dict[str, Any]:
    """Shaped like the check-in modal: a line on top, a title per objective, four per key result."""
    return payload(1 + len({objective for objective, _ in page}) + 4 * len(page))


def items_for(objective_sizes: list[int]) -> list[Item]:
    ids = iter(range(1, 10_000))
    return [(o, next(ids)) for o, size in enumerate(objective_sizes) for _ in range(size)]


def objective_of(item: Item) -> int:
    return item[0]


@pytest.mark.parametrize(
    ("fixed", "each", "most", "fit"),
    [
        (2, 6, 9, 8),  # 2 + 6 * 8 = 50 exactly: the last one that fits
        (3, 6, 9, 7),  # 3 + 6 * 8 = 51: one block too many
        (50, 1, 5, 0),  # the page alone is full: nothing more fits
        (51, 1, 5, 0),  # not even an empty page fits
        (0, 1, 5, 5),  # all fit
        (0, 1, 0, 0),  # nothing to fit
    ],
)
def test_most_that_fit_at_the_limit(fixed: int, each: int, most: int, fit: int) -> None:
    assert most_that_fit(most, lambda n: payload(fixed + each * n), MESSAGE_BLOCKS) == fit


def test_block_count_reads_only_a_list_of_blocks() -> None:
    assert block_count(payload(3)) == 3
    assert block_count({"text": "no blocks"}) == block_count("junk") == block_count(None) == 0


@given(sizes)
def test_pages_keep_the_order_and_stay_within_the_limit(objective_sizes: list[int]) -> None:
    items = items_for(objective_sizes)
    split = pages(items, checkin_page, VIEW_BLOCKS, objective_of)
    assert [item for page in split for item in page] == items
    assert all(page and block_count(checkin_page(page)) <= VIEW_BLOCKS for page in split)


@given(sizes)
def test_an_objective_that_fits_a_page_is_never_split(objective_sizes: list[int]) -> None:
    split = pages(items_for(objective_sizes), checkin_page, VIEW_BLOCKS, objective_of)
    for objective, size in enumerate(objective_sizes):
        whole = [(objective, i) for i in range(size)]
        if block_count(checkin_page(whole)) <= VIEW_BLOCKS:
            assert len([p for p in split if any(o == objective for o, _ in p)]) == 1


@given(sizes)
def test_a_page_ends_only_when_the_next_item_or_its_objective_would_not_fit(
    objective_sizes: list[int],
) -> None:
    split = pages(items_for(objective_sizes), checkin_page, VIEW_BLOCKS, objective_of)
    for page, following in pairwise(split):
        grown = [*page, following[0]]
        moved_whole = following[0][0] != page[-1][0]
        assert moved_whole or block_count(checkin_page(grown)) > VIEW_BLOCKS


def test_three_objectives_of_nine_key_results_take_two_pages() -> None:
    split = pages(items_for([9, 9, 9]), checkin_page, VIEW_BLOCKS, objective_of)
    assert [len(p) for p in split] == [18, 9]
    assert block_count(checkin_page(split[0])) == 1 + 2 + 18 * 4


def test_an_objective_too_large_for_any_page_is_split_and_a_page_holds_at_least_one() -> None:
    split = pages(items_for([30]), checkin_page, VIEW_BLOCKS, objective_of)
    assert [len(p) for p in split] == [24, 6]  # 1 + 1 + 24 * 4 = 98; a 25th makes 102
    huge = pages([(0, 1), (0, 2)], lambda page: payload(101), VIEW_BLOCKS, objective_of)
    assert huge == [[(0, 1)], [(0, 2)]]
