"""bench/scale.py runs end to end at a small size: every operation measured in both workspaces,
the prompts decision, the bot's memory, and no error in the bot's log (figures not asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.scale import OPERATIONS
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
    command = [sys.executable, "-m", "bench.scale", "--people", "50", "-n", "3", "--warmup", "0"]
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
    assert out.count(f"{backend} prompts decision") == 2, out
    assert f"{backend} bot process memory after serving it all" in out, out
    assert f"{backend} errors in the bot's log: 0" in out, out
    assert "seeded 50 people, 250 key results" in out, out
