#!/usr/bin/env python3
"""Set-up in one command, on a machine with nothing but Python 3.11+.

    python3 dev.py run     install into .venv (first time) and start the bot
    python3 dev.py test    install into .venv (first time) and run the test suite
    python3 dev.py lint    ruff and mypy, as CI runs them

The virtual environment is created on first use and brought up to date whenever
pyproject.toml changes; extra arguments go to the bot or to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".okr-bot-installed"


def ensure_environment() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036  (dev.py runs on whatever Python people have)
        sys.exit(f"okr-bot needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing okr-bot and its dependencies into .venv …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def run(*command: str) -> int:
    return subprocess.run(command, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    task, extra = (argv[0], argv[1:]) if argv else ("help", [])
    if task not in {"run", "test", "lint"}:
        print(__doc__)
        return 0 if task in {"help", "-h", "--help"} else 2
    ensure_environment()
    if task == "run":
        return run(str(PYTHON), "-m", "bot", *(extra or ["run"]))
    if task == "test":
        return run(str(PYTHON), "-m", "pytest", *extra)
    for command in (
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ):
        if code := run(str(BIN / command[0]), *command[1:]):
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
