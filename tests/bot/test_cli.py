"""The okr-bot command line: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
from sqlalchemy import text

from bot import __version__
from bot.cli import main
from bot.settings import PLACEHOLDERS
from storage.db import Database
from storage.migrate import current_revision, head_revision, upgrade
from tests.emulator import SlackEmulator

ROOT = Path(__file__).resolve().parents[2]


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": "secret",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        **extra,
    }


def test_no_configuration_exits_2_naming_every_missing_variable(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr and "SLACK_SIGNING_SECRET" in result.stderr
    assert "README" in result.stderr
    assert "Traceback" not in result.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"], env={})
    assert raised.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_db_upgrade_then_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = env_for(tmp_path)
    assert main(["db", "current"], env=env) == 0
    assert capsys.readouterr().out == (
        "The database has no schema yet: the first `okr-bot run` creates it "
        f"(or `okr-bot db upgrade` now), at revision {head_revision()}.\n"
    )
    assert main(["db", "upgrade"], env=env) == 0
    assert f"Schema revision: {head_revision()} (up to date)" in capsys.readouterr().out


def test_db_commands_need_only_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before the Slack app exists: no token, no signing secret."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    assert main(["db", "upgrade"], env=env) == 0
    assert main(["db", "current"], env=env) == 0
    out, err = capsys.readouterr()
    assert out.count("(up to date)") == 2 and err == ""
    assert main(["check"], env=env) == 2, "check still needs the Slack settings"
    assert "SLACK_BOT_TOKEN is missing" in capsys.readouterr().err


def test_an_older_schema_is_said_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path)
    upgrade(Database(env["DATABASE_URL"]), "0002")
    assert main(["db", "current"], env=env) == 0
    assert capsys.readouterr().out == (
        f"Schema revision: 0002, older than this okr-bot's {head_revision()}: `okr-bot run` "
        "brings it up to date when it starts (or `okr-bot db upgrade` now).\n"
    )


def test_check_on_a_fresh_install_says_run_creates_the_schema(
    tmp_path: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url)
    assert main(["check"], env=env) == 0
    out, err = capsys.readouterr()
    assert "The database has no schema yet: the first `okr-bot run` creates it" in out
    assert "the bot will run in HTTP on port 3000" in out and err == ""
    assert current_revision(Database(env["DATABASE_URL"])) is None, "check changes nothing"


def test_placeholders_of_env_example_are_named_as_unset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path, **PLACEHOLDERS)
    assert main(["check"], env=env) == 2
    err = capsys.readouterr().err
    for name, value in PLACEHOLDERS.items():
        assert f"{name} is still the placeholder of .env.example ({value}), so it is unset" in err


def test_every_value_of_env_example_is_known_as_a_placeholder() -> None:
    """A .env copied from .env.example unchanged, with each commented line uncommented."""
    shipped = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        name, sep, value = line.lstrip("# ").partition("=")
        if sep and name.isupper() and name.startswith("SLACK_"):
            shipped[name] = value
    assert shipped == {**PLACEHOLDERS, "SLACK_API_URL": "https://slack.com/api/"}


def test_plain_words_commands_keep_logs_out_of_their_answer(tmp_path: Path) -> None:
    """Alembic's INFO notes of each migration went to the terminal with the answer."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "LOG_LEVEL": "INFO",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Schema revision: {head_revision()} (up to date).\n"
    assert result.stderr == ""


def test_check_passes_with_a_good_token(
    tmp_path: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url)
    main(["db", "upgrade"], env=env)
    assert main(["check"], env=env) == 0
    assert "HTTP on port 3000" in capsys.readouterr().out
    assert slack.calls_to("auth.test")


def test_check_names_each_problem(
    tmp_path: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url, SLACK_BOT_TOKEN="xoxb-revoked")
    assert main(["check"], env=env) == 1
    out, err = capsys.readouterr()
    assert "The database has no schema yet" in out, "not a problem: run creates it"
    assert "Problems found:\n  - Slack refused SLACK_BOT_TOKEN (invalid_auth)" in err


def test_unreachable_database_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(
        tmp_path, DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/x?connect_timeout=1"
    )
    assert main(["db", "upgrade"], env=env) == 1
    assert "cannot be reached" in capsys.readouterr().err


def test_run_refuses_a_token_slack_rejects(
    tmp_path: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url, SLACK_BOT_TOKEN="xoxb-wrong")
    assert main(["run"], env=env) == 2
    assert "Slack refused SLACK_BOT_TOKEN" in capsys.readouterr().err
    # The schema was brought up to date before the token was checked.
    assert Database(env["DATABASE_URL"]).ping() is None


def test_run_says_plainly_when_slack_refuses_the_app_token(
    tmp_path: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url, SLACK_APP_TOKEN="xapp-1-A0-1-revoked")
    assert main(["run"], env=env) == 2
    assert "Slack refused SLACK_APP_TOKEN (invalid_auth)" in capsys.readouterr().err
    assert slack.calls_to("apps.connections.open")[0].token == "xapp-1-A0-1-revoked"


def test_run_says_plainly_when_the_port_is_taken(
    tmp_path: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = env_for(tmp_path, SLACK_API_URL=slack.api_url, PORT=str(port))
        assert main(["run"], env=env) == 2
    assert f"Cannot listen on PORT {port} (Address already in use)" in capsys.readouterr().err


def test_check_names_socket_mode_when_an_app_token_is_set(
    tmp_path: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url, SLACK_APP_TOKEN=slack.app_token)
    main(["db", "upgrade"], env=env)
    assert main(["check"], env=env) == 0
    assert "the bot will run in Socket Mode" in capsys.readouterr().out


# A revision no okr-bot of this version has: the database was migrated by a newer one.
NEWER_REVISION = "0999"


@pytest.fixture
def newer_db(db: Database) -> Iterator[Database]:
    """The database as a newer okr-bot leaves it; put back afterwards (PostgreSQL is shared)."""
    with db.begin() as session:
        session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": NEWER_REVISION})
    yield db
    with db.begin() as session:
        session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head_revision()})


@pytest.mark.parametrize("command", [["run"], ["db", "upgrade"], ["db", "current"], ["check"]])
def test_a_database_migrated_by_a_newer_version_is_said_in_one_sentence(
    command: list[str],
    newer_db: Database,
    tmp_path: Path,
    slack: SlackEmulator,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = env_for(tmp_path, DATABASE_URL=newer_db.url, SLACK_API_URL=slack.api_url)
    assert main(command, env=env) == 2
    out, err = capsys.readouterr()
    assert (
        f"The database was migrated by a newer version of okr-bot (schema revision "
        f"{NEWER_REVISION}, unknown to okr-bot {__version__}): install that version or a newer "
        "one, or set DATABASE_URL to another database." in err
    )
    assert "upgrade" not in err and "behind" not in out and "Traceback" not in err
    assert current_revision(newer_db) == NEWER_REVISION  # left as it was


@contextmanager
def made_read_only(path: Path) -> Iterator[None]:
    """Really read-only, for root too: chmod binds others; root needs the immutable attribute."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"root cannot make {path} read-only here (chattr +i: {made.stderr.strip()})")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


READ_ONLY_FILE = (
    "The SQLite database {path} is read-only: let the user running okr-bot write it (without "
    "mode=ro or immutable in DATABASE_URL), or set DATABASE_URL to a writable file."
)
READ_ONLY_DIRECTORY = (
    "The SQLite database {path} cannot be written: its directory is read-only, and SQLite "
    "keeps okr.db-wal and okr.db-shm there; let the user running okr-bot write that directory, "
    "or set DATABASE_URL to a file in a writable one."
)


@pytest.mark.parametrize("command", [["run"], ["check"], ["db", "upgrade"]])
@pytest.mark.parametrize("what", ["file", "directory", "url"])
def test_a_read_only_sqlite_database_is_said_in_one_sentence(
    command: list[str],
    what: str,
    sqlite_template: Path,
    tmp_path: Path,
    slack: SlackEmulator,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "data" / "okr.db"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if what == "url" else f"sqlite:///{path}"
    env = env_for(tmp_path, DATABASE_URL=url, SLACK_API_URL=slack.api_url)
    if command == ["run"]:
        # Should the database pass, `run` stops at this token instead of serving for ever.
        env["SLACK_BOT_TOKEN"] = "xoxb-refused"
    target = {"file": path, "directory": path.parent}.get(what)
    with made_read_only(target) if target else nullcontext():
        status = main(command, env=env)
    err = capsys.readouterr().err
    sentence = READ_ONLY_DIRECTORY if what == "directory" else READ_ONLY_FILE
    assert status == 2
    assert sentence.format(path=path) in err
    assert "Traceback" not in err
    if command == ["run"]:
        assert slack.calls_to("auth.test") == []


def test_check_keeps_slack_retry_notes_out_of_its_answer(
    tmp_path: Path, slack: SlackEmulator
) -> None:
    """A 500 from Slack is retried; the retry's INFO note is not part of the answer."""
    slack.fail("auth.test", status=500, times=1)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        **env_for(tmp_path, SLACK_API_URL=slack.api_url, LOG_LEVEL="DEBUG"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(slack.calls_to("auth.test")) == 2, "retried once"
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "The database has no schema yet: the first `okr-bot run` creates it "
        f"(or `okr-bot db upgrade` now), at revision {head_revision()}.",
        "Templates: the built-in ones (TEMPLATES_DIR is not set; it may override "
        "prompt.json.j2, prompt_answered.json.j2, celebration.json.j2, digest.json.j2, "
        "badge.json.j2, cycle_close_reminder.json.j2, cycle_new.json.j2, cycle_summary.json.j2).",
        "Configuration, database and Slack token are fine; the bot will run in HTTP on port 3000.",
    ]
