"""Checking the objective form: every field at fault gets a message that says how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot import action_ids, characters
from bot.cycles import Quarter
from bot.ids import FormErrors
from bot.numbers import NumberError, ParsedNumber, parse_number
from bot.objectives import filled_form
from bot.objectives.filled_form import KeyResultDraft, ObjectiveDraft, kr_block
from bot.objectives.units import NUMBER, Unit, UnitError, parse_unit, reconcile, unit_of
from bot.presentation import format_value, is_slack_id
from bot.progress import KINDS

TITLE_LIMIT = 150
DESCRIPTION_LIMIT = 3000
# Larger values could not be shown back in the 40-character value fields when editing.
LARGEST = 1e15


@dataclass(frozen=True)
class KeyResultInput:
    id: int | None
    title: str
    kind: str
    start: float | None
    target: float | None
    unit: Unit
    due_on: date


@dataclass(frozen=True)
class ObjectiveInput:
    title: str
    description: str
    level: str
    team_channel_id: str | None
    owner_id: str
    cycle: Quarter
    parent_id: int | None
    visibility: str
    key_results: tuple[KeyResultInput, ...]
    celebrate_quietly: bool = False


def check(draft: ObjectiveDraft, quarter: Quarter | None) -> ObjectiveInput | FormErrors:
    """The form's values, or {block_id: message} for each field at fault (never both)."""
    errors: FormErrors = {}
    title = _title(draft.title, filled_form.TITLE, "the objective", errors)
    if told := characters.problem(draft.description, "The description"):
        errors[filled_form.DESCRIPTION] = told
    elif len(draft.description) > DESCRIPTION_LIMIT:
        errors[filled_form.DESCRIPTION] = (
            f"Keep the description under {DESCRIPTION_LIMIT} characters."
        )
    if draft.level not in filled_form.LEVELS:
        errors[action_ids.OBJECTIVE_LEVEL] = "Pick a level: personal, team or company."
    if draft.level == "team" and not draft.channel_id:
        where = filled_form.CHANNEL if draft.channel_shown else action_ids.OBJECTIVE_LEVEL
        errors[where] = "A team objective needs the team's channel: pick it here."
    if not is_slack_id(draft.owner_id, "UW"):
        errors[filled_form.OWNER] = "Pick the person who owns this objective."
    if draft.channel_id and not is_slack_id(draft.channel_id, "CG"):
        errors[filled_form.CHANNEL if draft.channel_shown else action_ids.OBJECTIVE_LEVEL] = (
            "Pick the team's channel."
        )
    if draft.visibility not in filled_form.VISIBILITIES:
        errors[filled_form.VISIBILITY] = "Pick public or private."
    if quarter is None:
        errors[filled_form.CYCLE] = "Pick a cycle from the list."
    key_results = [_key_result(kr, quarter, errors) for kr in draft.key_results]
    if errors or quarter is None:
        return errors
    return ObjectiveInput(
        title=title,
        description=draft.description.strip(),
        level=draft.level,
        team_channel_id=draft.channel_id if draft.level == "team" else None,
        owner_id=draft.owner_id,
        cycle=quarter,
        parent_id=draft.parent.id if draft.parent else None,
        visibility=draft.visibility,
        key_results=tuple(kr for kr in key_results if kr is not None),
        celebrate_quietly=draft.celebrate_quietly,
    )


def _title(raw: str, block: str, what: str, errors: FormErrors) -> str:
    title = " ".join(raw.split())
    if told := characters.problem(raw, "The title"):
        errors[block] = told
    elif not title:
        errors[block] = f"Give {what} a title."
    elif len(title) > TITLE_LIMIT:
        errors[block] = f"Keep the title under {TITLE_LIMIT} characters (it has {len(title)})."
    return title


def _key_result(
    kr: KeyResultDraft, quarter: Quarter | None, errors: FormErrors
) -> KeyResultInput | None:
    before = len(errors)
    title = _title(kr.title, kr_block(kr.key, "title"), "this key result (or remove it)", errors)
    if kr.kind not in KINDS:
        errors[kr_block(kr.key, "kind")] = "Pick a type."
        return None
    start, target, unit = _values(kr, errors)
    due_on = _due_on(kr, quarter, errors)
    if len(errors) > before or due_on is None:
        return None
    return KeyResultInput(kr.id, title, kr.kind, start, target, unit, due_on)


def _values(kr: KeyResultDraft, errors: FormErrors) -> tuple[float | None, float | None, Unit]:
    if kr.kind == "milestone":
        return None, None, NUMBER
    try:
        declared = parse_unit(kr.unit)
    except UnitError as exc:
        errors[kr_block(kr.key, "unit")] = str(exc)
        return None, None, NUMBER
    start = _number(kr, "start", required=kr.kind in {"increase", "decrease"}, errors=errors)
    target = _number(kr, "target", required=True, errors=errors)
    unit = declared
    for name, parsed in (("start", start), ("target", target)):
        if parsed is None:
            continue
        try:
            unit = reconcile(unit, unit_of(parsed), getattr(kr, name))
        except UnitError as exc:
            errors[kr_block(kr.key, name)] = str(exc)
    unit = unit or NUMBER
    start_value = start.value if start else None
    target_value = target.value if target else None
    if start_value is not None and target_value is not None:
        problem = _direction(kr.kind, start_value, target_value, unit)
        if problem:
            errors.setdefault(kr_block(kr.key, "target"), problem)
    return start_value, target_value, unit


MISSING = {
    "start": "Enter where it starts, e.g. today's value.",
    "target": "Enter the target value.",
}


def _number(
    kr: KeyResultDraft, name: str, *, required: bool, errors: FormErrors
) -> ParsedNumber | None:
    raw: str = getattr(kr, name)
    if not raw.strip():
        if required:
            errors[kr_block(kr.key, name)] = MISSING[name]
        return None
    try:
        number = parse_number(raw)
    except NumberError as exc:
        errors[kr_block(kr.key, name)] = str(exc)
        return None
    if abs(number.value) >= LARGEST:
        errors[kr_block(kr.key, name)] = (
            "Keep numbers under a million billion (1,000,000,000,000,000)."
        )
        return None
    return number


def _direction(kind: str, start: float, target: float, unit: Unit) -> str | None:
    if kind not in {"increase", "decrease"}:
        return None
    shown = format_value(start, unit)
    if target == start:
        return f"The target equals the start ({shown}): set where it should get to."
    if kind == "increase" and target < start:
        return (
            f"An increase needs a target above its start ({shown}). "
            "If this number should go down, choose the type Decrease."
        )
    if kind == "decrease" and target > start:
        return (
            f"A decrease needs a target below its start ({shown}). "
            "If this number should go up, choose the type Increase."
        )
    return None


def _due_on(kr: KeyResultDraft, quarter: Quarter | None, errors: FormErrors) -> date | None:
    if quarter is None:
        return None
    if not kr.due_on:
        return quarter.ends_on
    try:
        due_on = date.fromisoformat(kr.due_on)
    except ValueError:
        errors[kr_block(kr.key, "due")] = "Pick a date, or leave it empty for the end of the cycle."
        return None
    if not quarter.contains(due_on):
        errors[kr_block(kr.key, "due")] = (
            f"Pick a date within {quarter.name} ({quarter.starts_on:%-d %b} – "
            f"{quarter.ends_on:%-d %b %Y}), or leave it empty for the end of the cycle."
        )
        return None
    return due_on
