"""Charts are drawn in a process of their own, started by the first chart and stopped with the
bot, and matplotlib never enters the bot's process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.charts.data import ObjectiveSeries, ProgressLine, Reading
from bot.charts.draw import key_result_png, objective_png
from bot.charts.worker import Drawer, DrawingFailed
from tests.bot.charts.test_draw import END, START, series, size_in_header

ROOT = Path(__file__).resolve().parents[3]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_worker_draws_the_same_png_as_drawing_here() -> None:
    kr = series(Reading(START, 10, "on_track"), Reading(END, 400, "at_risk"))
    objective = ObjectiveSeries("Grow", START, END, (ProgressLine("Signups", ((START, 5),)),))
    with Drawer() as drawer:
        drawn = drawer.png(kr), drawer.png(objective)
    assert drawn == (key_result_png(kr), objective_png(objective))
    assert size_in_header(drawn[0]) == (800, 400)


def test_the_worker_starts_with_the_first_chart_and_stops_with_close() -> None:
    drawer = Drawer()
    assert drawer.pid is None  # nothing started until a chart is asked for
    drawer.png(series())
    worker = drawer.pid
    assert worker is not None and worker != os.getpid() and alive(worker)
    drawer.png(series())
    assert drawer.pid == worker, "one process draws every chart"
    drawer.close()
    assert drawer.pid is None and not alive(worker)


def test_a_worker_that_died_is_replaced_by_the_next_chart() -> None:
    with Drawer() as drawer:
        drawer.png(series())
        worker = drawer.pid
        assert worker is not None
        os.kill(worker, signal.SIGKILL)
        with pytest.raises(DrawingFailed):
            drawer.png(series())
        assert size_in_header(drawer.png(series())) == (800, 400)
        assert drawer.pid not in (None, worker)


def test_a_chart_that_cannot_be_drawn_is_told_and_the_worker_goes_on() -> None:
    with Drawer() as drawer:
        with pytest.raises(DrawingFailed, match="Error"):
            drawer.png("not a series")  # type: ignore[arg-type]
        assert size_in_header(drawer.png(series())) == (800, 400)


def test_matplotlib_is_not_imported_by_the_bot(tmp_path: Path) -> None:
    """All that `okr-bot run` imports, and an app built: no matplotlib, no numpy."""
    code = f"""
import sys
import bot.cli
from bot.app import create_app
from bot.settings import Settings
from storage.db import Database
url = "sqlite:///{tmp_path / "unused.db"}"
settings = Settings(
    slack_bot_token="xoxb-test", slack_signing_secret="secret", database_url=url,
    slack_api_url="http://127.0.0.1:9/api/", port=0,
)
create_app(settings, db=Database(url))
print(sorted({{name.split(".")[0] for name in sys.modules}} & {{"matplotlib", "numpy"}}))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
