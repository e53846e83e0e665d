from __future__ import annotations

from typing import Any

from bot.commands import CATALOGUE
from tests.template_samples import HOSTILE

SAMPLES: dict[str, list[dict[str, Any]]] = {
    "help": [{"subcommands": list(CATALOGUE)}, {"subcommands": CATALOGUE[-1:]}],
    "unknown_command": [
        {"name": "lsit", "suggestion": "list"},
        {"name": HOSTILE, "suggestion": None},
    ],
    "error": [
        {},
        {"reason": "slack_busy", "retry_in": "20 seconds"},
        {"reason": "still_running"},
    ],
}
