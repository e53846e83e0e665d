"""bench/scale.py runs end to end at a tiny size: every operation measured in both workspaces,
the prompts decision, the bot's memory, and no error in the bot's log (figures not asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.scale_operations import OPERATIONS
from tests import databases

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("backend", "flags"),
    [
        ("SQLite", ["--sqlite-only"]),
        pytest.param(
            "PostgreSQL",
            ["--no-sqlite", "--postgres", databases.postgres_server_url()],
            marks=pytest.mark.postgres,
        ),
    ],
)
def test_every_operation_is_measured_in_both_workspaces(backend: str, flags: list[str]) -> None:
    command = [sys.executable, "-m", "bench.scale", "--people", "20", "-n", "1", "--warmup", "0"]
    ran = subprocess.run(
        [*command, *flags],
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    out = ran.stdout
    if "PostgreSQL skipped" in out:
        reason = out.split("PostgreSQL skipped: ", 1)[1].splitlines()[0]
        if databases.postgres_required():
            pytest.fail(reason)
        pytest.skip(reason)
    for name in OPERATIONS:
        for workspace in ("big", "small"):
            assert f"{backend} {name} ({workspace})" in out, out
    assert len(lines(out, backend, "prompts decision")) == 2, out
    assert lines(out, backend, "bot process memory after serving it all"), out
    assert lines(out, backend, "errors in the bot's log: 0$"), out
    assert lines(out, backend, "seeded 20 people, 100 key results"), out


def lines(out: str, backend: str, pattern: str) -> list[str]:
    """The lines of `backend` (its name padded to a column) that say `pattern`."""
    return re.findall(rf"^{backend} +{pattern}.*$", out, re.MULTILINE)
