"""Fitting content within Slack's block limits, by counting the blocks a template renders.

Slack refuses a message of more than 50 blocks and a view of more than 100; counting what the
template actually produced keeps the pages right when a template gains or loses a block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100

T = TypeVar("T")


def block_count(payload: Any) -> int:
    """The blocks of a rendered message or view."""
    blocks = payload.get("blocks") if isinstance(payload, dict) else None
    return len(blocks) if isinstance(blocks, list) else 0


def most_that_fit(most: int, render_with: Callable[[int], Any], limit: int) -> int:
    """The largest n in 0..most whose payload `render_with(n)` has at most `limit` blocks.

    The payload must not shrink as n grows; a binary search then renders it about log2(most)
    times. 0 when not even an empty one fits.
    """
    low, high = 0, most
    if block_count(render_with(low)) > limit:
        return 0
    while low < high:
        middle = (low + high + 1) // 2
        if block_count(render_with(middle)) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def pages(
    items: Sequence[T],
    render_page: Callable[[Sequence[T]], Any],
    limit: int,
    group: Callable[[T], object],
) -> list[list[T]]:
    """`items` in order, split into pages that each render within `limit` blocks.

    A group (the key results of one objective) that a page would split moves whole to the next
    page when it fits on one; a group too large for any page is split. A page holds at least
    one item, whatever it renders to.
    """

    def first_page_size(rest: list[T]) -> int:
        fit = max(1, most_that_fit(len(rest), lambda n: render_page(rest[:n]), limit))
        if fit == len(rest) or group(rest[fit]) != group(rest[fit - 1]):
            return fit
        split = group(rest[fit])
        start = next(i for i, item in enumerate(rest) if group(item) == split)
        whole = [item for item in rest if group(item) == split]
        return start if start > 0 and block_count(render_page(whole)) <= limit else fit

    result: list[list[T]] = []
    rest = list(items)
    while rest:
        size = first_page_size(rest)
        result.append(rest[:size])
        rest = rest[size:]
    return result
