"""Charts are PNGs of the size set, with each check-in's confidence in its colour, drawn safely
from several threads at once."""

from __future__ import annotations

import io
import struct
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from PIL import Image

from bot.charts.data import KeyResultSeries, ObjectiveSeries, ProgressLine, Reading
from bot.charts.draw import (
    CONFIDENCE_COLOURS,
    DPI,
    HEIGHT_PX,
    WIDTH_PX,
    key_result_png,
    objective_png,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
START, END = date(2026, 10, 1), date(2026, 12, 31)


def series(*readings: Reading, title: str = "Weekly signups") -> KeyResultSeries:
    return KeyResultSeries(title, START, END, 0, 1000, True, readings)


def size_in_header(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, the first after the signature."""
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def has_colour(png: bytes, hex_colour: str, at_least: int = 20) -> bool:
    wanted = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=WIDTH_PX * HEIGHT_PX) or []
    close = sum(
        count
        for count, pixel in colours
        if all(abs(a - b) <= 6 for a, b in zip(pixel, wanted, strict=True))
    )
    return close >= at_least


def test_a_key_result_chart_is_a_png_of_the_size_set() -> None:
    png = key_result_png(series(Reading(date(2026, 10, 5), 100, "on_track")))

    assert (WIDTH_PX, HEIGHT_PX, DPI) == (800, 400, 100)
    assert size_in_header(png) == (800, 400)


def test_each_check_in_is_drawn_in_its_confidences_colour() -> None:
    png = key_result_png(
        series(
            Reading(date(2026, 10, 5), 100, "on_track"),
            Reading(date(2026, 11, 2), 250, "at_risk"),
            Reading(date(2026, 11, 16), 400, "off_track"),
        )
    )

    for colour in CONFIDENCE_COLOURS.values():
        assert has_colour(png, colour), colour


def test_a_colour_shows_only_when_a_check_in_has_that_confidence() -> None:
    png = key_result_png(series(Reading(date(2026, 10, 5), 100, "on_track")))

    assert has_colour(png, CONFIDENCE_COLOURS["on_track"])
    assert not has_colour(png, CONFIDENCE_COLOURS["off_track"])
    assert not has_colour(png, CONFIDENCE_COLOURS["at_risk"])


def test_titles_are_drawn_as_text_whatever_they_hold() -> None:
    hostile = "$\\frac{1}{0}$ <!channel> " + "x" * 500 + " \\"

    png = key_result_png(series(title=hostile))

    assert size_in_header(png) == (800, 400)


def test_an_objective_chart_draws_a_line_per_key_result_at_the_same_size() -> None:
    chart = ObjectiveSeries(
        "Delight our customers",
        START,
        END,
        (
            ProgressLine("Signups", ((date(2026, 10, 5), 10), (date(2026, 11, 5), 140))),
            ProgressLine("Churn", ((date(2026, 10, 9), -30),)),
            ProgressLine("Not yet checked", ()),
        ),
    )

    assert size_in_header(objective_png(chart)) == (800, 400)
    empty = ObjectiveSeries("Nothing yet", START, END, ())
    assert size_in_header(objective_png(empty)) == (800, 400)


def test_charts_drawn_in_several_threads_at_once_are_the_same_as_one_at_a_time() -> None:
    charts = [
        series(Reading(date(2026, 10, 1 + n), 10 * n, "at_risk"), title=f"KR {n}") for n in range(8)
    ]
    alone = [key_result_png(chart) for chart in charts]

    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(key_result_png, charts))

    assert together == alone
