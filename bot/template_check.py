"""Overrides of TEMPLATES_DIR, checked before they are used: each renders valid Block Kit for
sample data, or `okr-bot check` and `okr-bot run` stop with one sentence per broken file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from slack_sdk.models.blocks import Block

from bot.render import environment, render_with
from bot.template_samples import (
    UNESCAPED,
    Samples,
    celebrations,
    cycle_turn,
    digest,
    prompts,
    recognition,
)

SUFFIX = ".json.j2"
MESSAGE_BLOCK_LIMIT = 50

# The templates an operator may override, with the sample data each is checked with. A feature
# whose messages operators may reword adds its line here (and its samples in bot/template_samples/).
OVERRIDABLE: dict[str, Samples] = {
    "prompt": prompts.prompt,
    "prompt_answered": prompts.prompt_answered,
    "celebration": celebrations.celebration,
    "digest": digest.digest,
    "badge": recognition.badge,
    "cycle_close_reminder": cycle_turn.cycle_close_reminder,
    "cycle_new": cycle_turn.cycle_new,
    "cycle_summary": cycle_turn.cycle_summary,
}


def file_names() -> list[str]:
    """The file names TEMPLATES_DIR may hold."""
    return [name + SUFFIX for name in OVERRIDABLE]


def _entries(directory: Path) -> list[Path]:
    """What the directory holds; hidden files (editors' swap files, .gitkeep) are ignored."""
    return sorted(path for path in directory.iterdir() if not path.name.startswith("."))


def _overridden(path: Path) -> str | None:
    """The template `path` overrides, or None when it is no file an operator may put there."""
    name = path.name.removesuffix(SUFFIX)
    allowed = path.name.endswith(SUFFIX) and name in OVERRIDABLE and path.is_file()
    return name if allowed else None


def problems(directory: Path | None) -> list[str]:
    """One sentence per file of `directory` that is refused or renders no valid message."""
    if directory is None:
        return []
    found: list[str] = []
    for path in _entries(directory):
        name = _overridden(path)
        if name is None:
            found.append(
                f"TEMPLATES_DIR holds {path}, which is no template that may be overridden; "
                f"it may hold only {', '.join(file_names())}."
            )
        elif (problem := _problem(directory, name)) is not None:
            found.append(f"{path}: {problem}")
    return found


def summary(directory: Path | None) -> str:
    """Which templates are in use, for `okr-bot check`."""
    if directory is None:
        return (
            "Templates: the built-in ones (TEMPLATES_DIR is not set; it may override "
            f"{', '.join(file_names())})."
        )
    names = [path.name for path in _entries(directory)]
    if not names:
        return f"Templates: the built-in ones (TEMPLATES_DIR {directory} holds no override)."
    return (
        f"Templates: {', '.join(names)} from {directory}, checked with sample data; "
        "the others built in."
    )


def _problem(directory: Path, name: str) -> str | None:
    """What is wrong with the override `name`, in words, for the first sample it fails on."""
    env = environment(directory)
    for context in OVERRIDABLE[name]():
        try:
            message = render_with(env, name, **context)
        except TemplateSyntaxError as exc:
            return f"line {exc.lineno}: a template syntax error: {_said(exc.message)}"
        except UndefinedError as exc:
            given = ", ".join(sorted(context))
            return f"{_said(exc.message).rstrip('.')}; the values it is given are {given}."
        except json.JSONDecodeError as exc:
            return (
                f"it does not render JSON ({exc.msg} at line {exc.lineno}, column {exc.colno} "
                "of what it renders); put every value through `| tojson`."
            )
        except (TemplateError, UnicodeDecodeError) as exc:
            return f"it cannot be rendered: {_said(exc)}"
        # A filter or an operator may fail on the sample's values in any way; the operator is
        # told which, in one line, instead of a traceback.
        except Exception as exc:
            return f"it fails to render the sample data: {type(exc).__name__}: {_said(exc)}"
        if (problem := _not_a_message(message)) is not None:
            return problem
    return None


def _not_a_message(message: Any) -> str | None:
    """Why `message` is no Slack message Block Kit accepts, or None."""
    if not isinstance(message, dict) or not isinstance(message.get("blocks"), list):
        return "it must render a message: a JSON object with `text` and a list of `blocks`."
    if not isinstance(message.get("text"), str) or not message["text"].strip():
        return "the message needs a `text` (what notifications show)."
    blocks = message["blocks"]
    if len(blocks) > MESSAGE_BLOCK_LIMIT:
        return f"it renders {len(blocks)} blocks; Slack allows {MESSAGE_BLOCK_LIMIT} in a message."
    for number, block in enumerate(blocks, start=1):
        try:
            parsed = Block.parse(block)
            if parsed is None:
                return f"block {number} is of no type Block Kit knows: {json.dumps(block)[:200]}."
            parsed.validate_json()
        # slack_sdk says what is wrong with a block in errors of several types.
        except Exception as exc:
            return f"block {number} is not valid Block Kit: {_said(exc)}"
    rendered = json.dumps(message, ensure_ascii=False)
    if any(marker in rendered for marker in UNESCAPED):
        return (
            "it lets text people typed through unescaped, so a title could ping @channel; "
            "put such text through `| mrkdwn`."
        )
    return None


def _said(error: object) -> str:
    """An error's words on one line, ending with one full stop."""
    return " ".join(str(error).split()).rstrip(".") + "."
