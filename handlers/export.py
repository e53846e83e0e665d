"""`/okr export [cycle]`: answered at once; the CSV is then built and uploaded to the person's
DM with files.getUploadURLExternal and files.completeUploadExternal (slack_sdk's
files_upload_v2), after the answer and outside any transaction."""

from __future__ import annotations

from slack_bolt import App

from bot.export import for_person
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.request import actor, run


def register(app: App, deps: Deps) -> None:
    deps.subcommands["export"] = export_command(deps)


def export_command(deps: Deps) -> SubcommandHandler:
    def export(request: CommandRequest) -> None:
        acting = actor(deps, request.context)
        prepared = run(
            deps,
            acting,
            lambda session, who: for_person.prepare(session, who, request.args, acting.now),
        )
        if not isinstance(prepared, for_person.Prepared):
            request.ack(**prepared)
            return
        request.ack(**prepared.reply)
        data = run(deps, acting, lambda session, who: for_person.csv_for(session, who, prepared))
        # A failure from here on reaches the person through the one error handler.
        dm = request.client.conversations_open(users=acting.user_id)["channel"]["id"]
        request.client.files_upload_v2(
            channel=dm,
            content=data,
            filename=for_person.file_name(prepared),
            title=prepared.title,
            initial_comment=prepared.comment,
        )

    return export
