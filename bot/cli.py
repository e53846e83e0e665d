"""The `okr-bot` command line: run the bot, manage the schema, check the set-up."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import timedelta
from pathlib import Path

from bot import __version__, template_check, workspace
from bot.app import create_app
from bot.background import jobs_and_delivery
from bot.charts.worker import Drawer
from bot.clock import utc_now
from bot.delivery.sender import Sender
from bot.export import operator
from bot.installs import clients_for, installs
from bot.jobs import commands
from bot.render import use_templates
from bot.service import serve_http, serve_socket_mode
from bot.settings import (
    Settings,
    SettingsError,
    load_database_settings,
    load_settings,
    read_environment,
)
from bot.slack import build_client, build_delivery_client, check_token
from storage.db import Database
from storage.migrate import current_revision, head_revision, unknown_revision, upgrade
from storage.sqlite import ReadOnly

EXIT_OK, EXIT_FAILURE, EXIT_CONFIG = 0, 1, 2
DATABASE_ONLY = frozenset({"db", "export", "import", "workspace"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okr-bot",
        description="A self-hosted Slack bot for OKR check-ins. "
        "Configuration comes from the environment and .env (see .env.example).",
    )
    parser.add_argument("--version", action="version", version=f"okr-bot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "run",
        help="start the bot (the default): Socket Mode if SLACK_APP_TOKEN is set, else HTTP",
    )
    db = sub.add_parser("db", help="manage the database schema")
    db_sub = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    db_sub.add_parser("upgrade", help="bring the schema up to date")
    db_sub.add_parser("current", help="print the schema revision of the database")
    sub.add_parser("check", help="check configuration, the database and the Slack token")
    jobs = sub.add_parser("jobs", help="list the scheduled jobs, or run one now")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", metavar="JOBS_COMMAND", required=True)
    jobs_sub.add_parser("list", help="each job, how often it runs and its next run")
    run_job = jobs_sub.add_parser(
        "run", help="run one job once, then deliver what it queued, and print what both did"
    )
    run_job.add_argument("name", metavar="NAME", help="the job's name (see `okr-bot jobs list`)")
    run_job.add_argument(
        "--now",
        metavar="ISO-8601",
        help="run as of this instant, e.g. 2026-11-30T09:00:00+01:00 (default: now; UTC "
        "when no offset is given)",
    )
    sub.add_parser("outbox", help="how many messages are pending, sent and failed, and why")
    _export_parsers(sub)
    workspace_parser = sub.add_parser("workspace", help="manage one workspace's data")
    workspace_sub = workspace_parser.add_subparsers(
        dest="workspace_command", metavar="WORKSPACE_COMMAND", required=True
    )
    purge = workspace_sub.add_parser(
        "purge",
        help="delete everything stored about a workspace, its installation too (prints what "
        "it would delete unless --yes)",
    )
    purge.add_argument("team_id", metavar="TEAM_ID", help="the workspace's id, T…")
    purge.add_argument("--yes", action="store_true", help="delete it, in one transaction")
    return parser


def _export_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="write a workspace's whole cycle to standard output")
    export.add_argument("--cycle", required=True, help="the cycle's name, e.g. 2026-Q4")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--team", help="the workspace's id, T…, when the database holds several")
    imported = sub.add_parser(
        "import", help="read an export CSV back: a dry run, unless --apply (all or nothing)"
    )
    imported.add_argument("file", metavar="FILE.csv")
    imported.add_argument("--apply", action="store_true", help="write it (default: a dry run)")
    imported.add_argument("--team", help="the workspace's id, T…, when not the only one")


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    environment = read_environment() if env is None else env
    command = args.command or "run"
    try:
        # `okr-bot db`, export and import need the database alone: no Slack app is needed.
        database = load_database_settings(environment)
        settings = None if command in DATABASE_ONLY else load_settings(environment)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    _log_to_stderr(database.log_level, serving=command == "run")
    if command == "db":
        return _db(database.database_url, args.db_command)
    if command in {"export", "import"}:
        return _export_or_import(database.database_url, args)
    if command == "workspace":
        return workspace.purge(database.database_url, args.team_id, yes=args.yes, now=utc_now())
    assert settings is not None
    if command == "check":
        return _check(settings)
    # What renders messages checks its overrides first: a broken one stops it now, in one
    # sentence per file, rather than failing at the next prompt.
    renders = command == "run" or (command == "jobs" and args.jobs_command == "run")
    if renders and (problem := _templates(settings)) is not None:
        return problem
    if command == "jobs":
        return _jobs(settings, args)
    if command == "outbox":
        return _outbox(settings)
    return _run(settings)


def _log_to_stderr(level: str, *, serving: bool) -> None:
    """The running bot logs at LOG_LEVEL; a command that answers in plain words logs only
    warnings and errors, so that migrations' and Slack retries' notes stay out of its answer."""
    numeric = logging.getLevelName(level)
    if not serving:
        numeric = max(numeric, logging.WARNING)
    logging.basicConfig(
        level=numeric, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger().setLevel(numeric)


def schema_state(db: Database) -> str:
    """The schema revision of the database and what `run` will do about it, in plain words."""
    revision, latest = current_revision(db), head_revision()
    if revision is None:
        return (
            "The database has no schema yet: the first `okr-bot run` creates it "
            f"(or `okr-bot db upgrade` now), at revision {latest}."
        )
    if revision != latest:
        return (
            f"Schema revision: {revision}, older than this okr-bot's {latest}: `okr-bot run` "
            "brings it up to date when it starts (or `okr-bot db upgrade` now)."
        )
    return f"Schema revision: {revision} (up to date)."


def _db(database_url: str, db_command: str) -> int:
    db = Database(database_url)
    if (refusal := _refusal(db, writes=db_command == "upgrade")) is not None:
        return _say(refusal)
    if db_command == "upgrade":
        upgrade(db)
    print(schema_state(db))
    return EXIT_OK


def _export_or_import(database_url: str, args: argparse.Namespace) -> int:
    db = Database(database_url)
    if (refusal := _refusal(db, writes=args.command == "import" and args.apply)) is not None:
        return _say(refusal)
    if current_revision(db) != head_revision():
        return _say(
            (EXIT_CONFIG, "The database schema is not up to date: run `okr-bot db upgrade`")
        )
    if args.command == "export":
        outcome = operator.export(db, args.cycle, args.format, args.team)
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            return _say((EXIT_CONFIG, f"Cannot read {args.file}: {exc.strerror}"))
        outcome = operator.import_file(db, data, args.team, write=args.apply, now=utc_now())
    sys.stdout.buffer.write(outcome.output)
    sys.stdout.flush()
    if outcome.said:
        print(outcome.said, file=sys.stderr if args.command == "export" else sys.stdout)
    return outcome.status


def _templates(settings: Settings) -> int | None:
    """Use TEMPLATES_DIR's overrides once they render valid messages; else EXIT_CONFIG, said."""
    if found := template_check.problems(settings.templates_dir):
        print("\n".join(found), file=sys.stderr)
        return EXIT_CONFIG
    use_templates(settings.templates_dir)
    return None


def _check(settings: Settings) -> int:
    problems: list[str] = []
    status = EXIT_FAILURE
    db = Database(settings.database_url)
    schema = None
    if (refusal := _refusal(db, writes=True)) is not None:
        status, sentence = refusal
        problems.append(sentence)
    else:
        schema = schema_state(db)
    if settings.oauth is None and (problem := check_token(build_client(settings))) is not None:
        problems.append(problem)
    if templates := template_check.problems(settings.templates_dir):
        # A broken override needs a change of set-up, like a bad setting.
        status = EXIT_CONFIG
        problems.extend(templates)
    mode = "Socket Mode" if settings.socket_mode else f"HTTP on port {settings.port}"
    if settings.oauth is not None:
        mode += ", installed by OAuth in each workspace (GET /slack/install)"
    if schema is not None:
        print(schema)
    if not templates:
        print(template_check.summary(settings.templates_dir))
    if problems:
        print("Problems found:\n" + "\n".join(f"  - {p}" for p in problems), file=sys.stderr)
        return status
    print(f"Configuration, database and Slack token are fine; the bot will run in {mode}.")
    return EXIT_OK


def _run(settings: Settings) -> int:
    db = Database(settings.database_url)
    if (refusal := _refusal(db, writes=True)) is not None:
        return _say(refusal)
    upgrade(db)
    client = build_client(settings)
    # OAuth mode: each workspace's token comes with its installation; there is none to check.
    if settings.oauth is None and (problem := check_token(client)) is not None:
        print(problem, file=sys.stderr)
        return EXIT_CONFIG
    drawer = Drawer()
    app = create_app(settings, db=db, client=client, drawer=drawer)
    installed = installs(settings, db)

    def background() -> AbstractContextManager[object]:
        return jobs_and_delivery(
            db,
            clients=clients_for(settings, installed, client),
            delivery_clients=clients_for(settings, installed, build_delivery_client(settings)),
            clock=utc_now,
            lease=timedelta(seconds=settings.outbox_lease_seconds),
        )

    # The charts' drawing process stops with the bot, after the listeners in flight.
    with drawer:
        if settings.slack_app_token is not None:
            health = None if settings.health_port is None else (db, settings.health_port)
            problem = serve_socket_mode(
                app, settings.slack_app_token, beside=background, health=health
            )
        else:
            problem = serve_http(
                app,
                db,
                port=settings.port,
                signing_secret=settings.slack_signing_secret,
                beside=background,
            )
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_CONFIG
    return EXIT_OK


def _jobs(settings: Settings, args: argparse.Namespace) -> int:
    if args.jobs_command == "list":
        print("\n".join(commands.listing(utc_now())))
        return EXIT_OK
    try:
        job = commands.find(args.name)
        now = commands.instant(args.now)
    except commands.JobsError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    db = Database(settings.database_url)
    if (refusal := _refusal(db, writes=True)) is not None:
        return _say(refusal)
    if current_revision(db) != head_revision():
        return _say(
            (EXIT_CONFIG, "The database schema is not up to date: run `okr-bot db upgrade`")
        )
    installed = installs(settings, db)
    delivery = clients_for(settings, installed, build_delivery_client(settings))
    sender = Sender(
        db,
        delivery,
        clock=commands.flowing_from(now),
        lease=timedelta(seconds=settings.outbox_lease_seconds),
    )
    try:
        clients = clients_for(settings, installed, build_client(settings))
        line = commands.run_once(job, db, clients, sender, now)
    finally:
        sender.close()
    print(line)
    return EXIT_OK


def _outbox(settings: Settings) -> int:
    db = Database(settings.database_url)
    if (refusal := _refusal(db, writes=False)) is not None:
        return _say(refusal)
    print("\n".join(commands.outbox_summary(db)))
    return EXIT_OK


def _refusal(db: Database, *, writes: bool) -> tuple[int, str] | None:
    """Why okr-bot cannot use the database, in one sentence, with the exit status it earns:
    2 when only a change of set-up helps, 1 when it may answer later."""
    if writes and (read_only := db.read_only()) is not None:
        return EXIT_CONFIG, _read_only(read_only)
    if (problem := db.ping()) is not None:
        return EXIT_FAILURE, f"The database at DATABASE_URL cannot be reached: {problem}"
    if (revision := unknown_revision(db)) is not None:
        return EXIT_CONFIG, (
            f"The database was migrated by a newer version of okr-bot (schema revision "
            f"{revision}, unknown to okr-bot {__version__}): install that version or a newer "
            "one, or set DATABASE_URL to another database."
        )
    return None


def _read_only(found: ReadOnly) -> str:
    path = found.path
    if found.in_directory:
        return (
            f"The SQLite database {path} cannot be written: its directory is read-only, and "
            f"SQLite keeps {path.name}-wal and {path.name}-shm there; let the user running "
            "okr-bot write that directory, or set DATABASE_URL to a file in a writable one."
        )
    return (
        f"The SQLite database {path} is read-only: let the user running okr-bot write it "
        "(without mode=ro or immutable in DATABASE_URL), or set DATABASE_URL to a writable file."
    )


def _say(refusal: tuple[int, str]) -> int:
    status, sentence = refusal
    print(sentence, file=sys.stderr)
    return status
