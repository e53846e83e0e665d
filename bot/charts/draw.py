"""Pure drawing: a key result's or an objective's progress over its cycle, as PNG bytes.

Each chart is its own matplotlib `Figure` on the Agg canvas, never pyplot's global state, so
threads can draw at the same time without a display. The bot never imports this module: it runs
in the drawing process (bot/charts/worker.py), which keeps matplotlib and numpy out of the bot's
memory and the drawing off its request threads."""

from __future__ import annotations

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from bot.charts.data import KeyResultSeries, ObjectiveSeries

WIDTH_PX, HEIGHT_PX, DPI = 800, 400, 100
# The confidence colours people know from the messages: on track green, at risk amber, off red.
CONFIDENCE_COLOURS = {"on_track": "#2eb67d", "at_risk": "#ecb22e", "off_track": "#e01e5a"}
NO_CONFIDENCE = "#616061"
TARGET_COLOUR = "#1264a3"
PACE_COLOUR = "#9a9a9a"
MOST_TITLE = 80  # characters of a title drawn above a chart


def _days(days: list[date]) -> list[float]:
    """Days as matplotlib's date numbers, the x values of every chart."""
    return [float(date2num(day)) for day in days]  # type: ignore[no-untyped-call]


def _shortened(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MOST_TITLE else flat[: MOST_TITLE - 1] + "…"


def _figure(title: str, starts_on: date, ends_on: date) -> Figure:
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    # Titles are drawn as text, not parsed: a "$" in a title must not start mathtext.
    axes.set_title(_shortened(title), loc="left", fontsize=12, usetex=False, parse_math=False)
    axes.set_xlim(*_days([starts_on, max(ends_on, starts_on)]))
    # matplotlib's stubs leave these unannotated (date2num too, above).
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.grid(True, color="#e8e8e8")
    return figure


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    # No bbox trimming: the size in pixels stays exactly WIDTH_PX × HEIGHT_PX.
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def key_result_png(series: KeyResultSeries) -> bytes:
    """The readings as points coloured by confidence, joined in order, the target and the pace."""
    figure = _figure(series.title, series.starts_on, series.due_on)
    axes = figure.axes[0]
    if series.target is not None:
        axes.axhline(series.target, color=TARGET_COLOUR, linestyle="--", label="target")
    if series.paced and series.start is not None and series.target is not None:
        axes.plot(
            _days([series.starts_on, series.due_on]),
            [series.start, series.target],
            color=PACE_COLOUR,
            linestyle=":",
            label="pace",
        )
    readings = series.readings
    if readings:
        days = _days([r.on for r in readings])
        values = [r.value for r in series.readings]
        axes.plot(days, values, color=NO_CONFIDENCE, linewidth=1, zorder=2)
        colours = [
            CONFIDENCE_COLOURS.get(r.confidence or "", NO_CONFIDENCE) for r in series.readings
        ]
        axes.scatter(days, values, c=colours, s=60, zorder=3, label="check-ins")
    else:
        axes.text(0.5, 0.5, "no check-ins yet", transform=axes.transAxes, ha="center")
    axes.legend(loc="upper left", fontsize=8)
    return _png(figure)


def objective_png(series: ObjectiveSeries) -> bytes:
    """Each key result's progress in percent over the cycle, one line each."""
    figure = _figure(series.title, series.starts_on, series.ends_on)
    axes = figure.axes[0]
    axes.set_ylim(0, 110)
    axes.set_ylabel("% of target")
    axes.axhline(100, color=TARGET_COLOUR, linestyle="--", linewidth=1)
    drawn = False
    for line in series.lines:
        if line.points:
            days = _days([p[0] for p in line.points])
            values = [max(0, min(p[1], 110)) for p in line.points]
            axes.plot(days, values, marker="o", label=_shortened(line.title)[:40])
            drawn = True
    if drawn:
        axes.legend(loc="upper left", fontsize=8)
    else:
        axes.text(0.5, 0.5, "no check-ins yet", transform=axes.transAxes, ha="center")
    return _png(figure)


def png(series: KeyResultSeries | ObjectiveSeries) -> bytes:
    """The chart of either kind of series."""
    if isinstance(series, KeyResultSeries):
        return key_result_png(series)
    return objective_png(series)
