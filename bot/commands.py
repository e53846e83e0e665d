"""The `/okr` subcommands: what each does, parsing, and the closest match for a typo."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.render import render


@dataclass(frozen=True)
class Subcommand:
    name: str
    usage: str
    summary: str


CATALOGUE: tuple[Subcommand, ...] = (
    Subcommand("new", "/okr new", "Create an objective with its key results"),
    Subcommand("list", "/okr list [@person | #channel | company | 2026-Q3]", "Show OKRs"),
    Subcommand("edit", "/okr edit", "Edit one of your objectives"),
    Subcommand("checkin", "/okr checkin", "Log progress, confidence and a note"),
    Subcommand("history", "/okr history", "Show the last check-ins of your key results"),
    Subcommand("prompts", "/okr prompts", "Your check-in prompts: your own day and time, or off"),
    Subcommand(
        "pause",
        "/okr pause [until 2026-12-24 | 2w | 3d]",
        "Pause your prompts, or show the pause",
    ),
    Subcommand("resume", "/okr resume", "Turn your check-in prompts back on"),
    Subcommand(
        "digest",
        "/okr digest",
        "Preview the weekly digest of this channel, or of the workspace",
    ),
    Subcommand(
        "chart", "/okr chart [2 | signups]", "A chart of a key result, or of each objective, by DM"
    ),
    Subcommand(
        "export",
        "/okr export [2026-Q3]",
        "Get a CSV of a cycle's OKRs you can see, in your DM",
    ),
    Subcommand(
        "close",
        "/okr close [@person] [2026-Q4]",
        "Close a cycle: score key results, reflect, carry objectives over",
    ),
    Subcommand(
        "review",
        "/okr review @person | #channel [2026-Q3]",
        "Before a 1:1: someone's check-ins and risks, or a team's",
    ),
    Subcommand("tree", "/okr tree [2026-Q3]", "The alignment tree with rolled-up progress"),
    Subcommand("settings", "/okr settings", "Workspace settings (admins)"),
    Subcommand("help", "/okr help", "Show this help"),
)


def parse(text: str) -> tuple[str, str]:
    """`/okr list @ana` -> ("list", "@ana"); empty text means help."""
    words = text.strip().split(maxsplit=1)
    if not words:
        return "help", ""
    return words[0].lower(), words[1] if len(words) > 1 else ""


def available(names: Iterable[str]) -> list[Subcommand]:
    """The catalogue entries that have a handler, in catalogue order: help never lies."""
    wanted = set(names)
    return [sub for sub in CATALOGUE if sub.name in wanted]


def closest(name: str, names: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(name.lower(), list(names), n=1, cutoff=0.5)
    return matches[0] if matches else None


def help_message(names: Iterable[str]) -> dict[str, Any]:
    message: dict[str, Any] = render("help", subcommands=available(names))
    return message


def unknown_message(name: str, names: Iterable[str]) -> dict[str, Any]:
    message: dict[str, Any] = render("unknown_command", name=name, suggestion=closest(name, names))
    return message
