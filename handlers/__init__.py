"""Slack wiring: each module is one feature and exposes `register(app, deps)`."""

from __future__ import annotations

from slack_bolt import App

from handlers import (
    charts,
    checkins,
    closing,
    commands,
    digest,
    errors,
    export,
    fairness,
    history,
    home,
    installs,
    listing,
    messages,
    objective_form,
    objectives,
    profiles,
    prompts,
    review,
    settings,
)
from handlers.deps import Deps

MODULES = (
    errors,
    fairness,
    profiles,
    commands,
    home,
    objectives,
    objective_form,
    listing,
    checkins,
    messages,
    history,
    settings,
    prompts,
    digest,
    charts,
    export,
    closing,
    installs,
    review,
)


def register_all(app: App, deps: Deps) -> None:
    for module in MODULES:
        module.register(app, deps)
