"""`okr-bot workspace purge T…`: what the bot holds about a workspace, and deleting it."""

from __future__ import annotations

import re
import sys
from datetime import datetime

from storage import purge as stored
from storage.db import Database
from storage.migrate import current_revision, head_revision

EXIT_OK, EXIT_FAILURE, EXIT_CONFIG = 0, 1, 2
TEAM_ID = re.compile(r"[TE][A-Z0-9]{2,31}")


def purge(database_url: str, team_id: str, *, yes: bool, now: datetime) -> int:
    """Without `yes`, print what would be deleted; with it, delete it all in one transaction."""
    if not TEAM_ID.fullmatch(team_id):
        print(f"{team_id!r} is not a workspace id (T… in capitals)", file=sys.stderr)
        return EXIT_CONFIG
    db = Database(database_url)
    if (problem := db.ping()) is not None:
        print(f"The database at DATABASE_URL cannot be reached: {problem}", file=sys.stderr)
        return EXIT_FAILURE
    if current_revision(db) != head_revision():
        print("The database schema is not up to date: run `okr-bot db upgrade`", file=sys.stderr)
        return EXIT_CONFIG
    with db.begin() as session:
        counts = stored.purge(session, team_id, now) if yes else stored.held(session, team_id)
    db.dispose()
    if not counts:
        print(f"Nothing is stored about workspace {team_id}.")
        return EXIT_OK
    rows = "\n".join(f"  {table}: {count}" for table, count in counts.items())
    if yes:
        print(f"Deleted everything stored about workspace {team_id}:\n{rows}")
    else:
        print(
            f"Stored about workspace {team_id} (rows per table):\n{rows}\n"
            f"Run `okr-bot workspace purge {team_id} --yes` to delete it all, in one transaction."
        )
    return EXIT_OK
