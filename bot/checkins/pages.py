"""Splitting a check-in of many key results into modal pages within Slack's 100 blocks."""

from __future__ import annotations

from collections.abc import Sequence

VIEW_BLOCKS = 100
PAGE_BLOCKS = 1  # the line at the top: what to do, or what the previous page saved
OBJECTIVE_BLOCKS = 1  # the objective's title and progress
KEY_RESULT_BLOCKS = 4  # its status, value, confidence and note

Item = tuple[int, int]  # (objective id, key result id)


def blocks_of(page: Sequence[Item]) -> int:
    objectives = len({objective for objective, _ in page})
    return PAGE_BLOCKS + objectives * OBJECTIVE_BLOCKS + len(page) * KEY_RESULT_BLOCKS


def paginate(items: Sequence[Item], budget: int = VIEW_BLOCKS) -> list[list[Item]]:
    """Pages in the given order; an objective moves whole to a new page when it fits there."""
    pages: list[list[Item]] = []
    page: list[Item] = []
    for index, item in enumerate(items):
        objective = item[0]
        starts_objective = not page or page[-1][0] != objective
        if starts_objective and page:
            whole = [i for i in items[index:] if i[0] == objective]
            if blocks_of(page + whole) > budget and blocks_of(whole) <= budget:
                pages.append(page)
                page = []
        if blocks_of([*page, item]) > budget:
            pages.append(page)
            page = []
        page.append(item)
    if page:
        pages.append(page)
    return pages
