"""Inside the objective modal: add or remove key results, redraw on a new type or level,
search parent objectives, archive and delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import action_ids
from bot.ids import clicked_value, parse_id
from bot.objectives import alignment, editor, lifecycle, replies
from bot.objectives.filled_form import ObjectiveDraft
from bot.refusals import Refusal, or_refusal, refused_message, refused_view
from handlers.deps import Deps
from handlers.replying import reply, update_modal
from handlers.request import actor, run

Change = Callable[[ObjectiveDraft, dict[str, Any]], None]
Result = TypeVar("Result")


def _add(draft: ObjectiveDraft, action: dict[str, Any]) -> None:
    draft.add_key_result()


def _remove(draft: ObjectiveDraft, action: dict[str, Any]) -> None:
    key = parse_id(action.get("value"))
    if key is not None:
        draft.remove_key_result(key)


def _as_typed(draft: ObjectiveDraft, action: dict[str, Any]) -> None:
    """A new key-result type or level is already in the modal's state: just redraw."""


def register(app: App, deps: Deps) -> None:
    def redraw(change: Change) -> Callable[..., None]:
        def redraw_modal(
            ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
        ) -> None:
            ack()
            if not isinstance(body.get("view"), dict):
                return  # only the modal has these buttons; a forged click elsewhere does nothing
            action = body["actions"][0]
            with deps.db.begin() as session:
                view = or_refusal(
                    lambda: editor.redrawn_form(
                        session,
                        team_id=str(context.team_id),
                        view=body["view"],
                        now=deps.clock(),
                        change=lambda draft: change(draft, action),
                    )
                )
            new_view = refused_view(view) if isinstance(view, Refusal) else view
            update_modal(client, body["view"], new_view)

        return redraw_modal

    app.action(action_ids.OBJECTIVE_KR_ADD)(redraw(_add))
    app.action(action_ids.OBJECTIVE_KR_REMOVE)(redraw(_remove))
    app.action(action_ids.OBJECTIVE_KR_KIND)(redraw(_as_typed))
    app.action(action_ids.OBJECTIVE_LEVEL)(redraw(_as_typed))
    app.action(action_ids.OBJECTIVE_ARCHIVE)(manage(deps, lifecycle.archive))
    app.action(action_ids.OBJECTIVE_DELETE)(manage(deps, lifecycle.delete))

    @app.options(action_ids.OBJECTIVE_PARENT)
    def suggest_parents(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        view = body.get("view") or {}
        text = str(body.get("value") or "")
        options = run(
            deps,
            actor(deps, context),
            lambda session, who: alignment.suggestions(session, who, view=view, text=text),
        )
        ack(replies.parent_options(options))


def manage(deps: Deps, act: Callable[..., lifecycle.Done]) -> Callable[..., None]:
    """Archive or delete (the button asked for confirmation), then say what happened."""

    def manage_objective(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        done = for_clicked_objective(deps, context, body, act)
        if isinstance(done, Refusal):
            view, message = refused_view(done), refused_message(done)
        else:
            view, message = replies.done_view(done), replies.done_message(done)
        reply(body, client, respond, view=view, message=message)

    return manage_objective


def for_clicked_objective(
    deps: Deps, context: BoltContext, body: dict[str, Any], act: Callable[..., Result]
) -> Result | Refusal:
    """`act` on the objective a button's value names, for whoever clicked, in one transaction.
    `act` takes the session and the acting Person, then `objective_id` and `now` by keyword; a
    refusal is caught inside the transaction, so a person seen for the first time stays stored."""
    acting = actor(deps, context)
    objective_id = parse_id(clicked_value(body))
    return run(
        deps,
        acting,
        lambda session, who: or_refusal(
            lambda: act(session, who, objective_id=objective_id, now=acting.now)
        ),
    )
