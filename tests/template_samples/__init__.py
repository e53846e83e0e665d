"""Sample data for every template, one module per feature, each exposing SAMPLES."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

HOSTILE = "<!channel> <@U999> <https://evil.example|click> & *bold* " + "x" * 3000


def all_samples() -> dict[str, list[dict[str, Any]]]:
    samples: dict[str, list[dict[str, Any]]] = {}
    for module in pkgutil.iter_modules(__path__):
        found = importlib.import_module(f"{__name__}.{module.name}").SAMPLES
        for name, contexts in found.items():
            assert name not in samples, f"{name} has samples in two modules"
            samples[name] = contexts
    return samples
