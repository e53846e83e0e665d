"""Every query sits in storage/: bot/ and handlers/ call its functions and never build one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What builds or runs SQL: SQLAlchemy's statement builders, and a session's ways to read rows.
BUILDERS = {"select", "delete", "update", "insert", "exists", "text"}
SESSION_READS = {"get", "scalars", "scalar", "execute", "refresh", "query"}


def queries_in(source: str) -> list[str]:
    """`line: what` for each query built or run in the source."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found += [(node.lineno, f"imports {a.name}") for a in node.names if a.name in BUILDERS]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, owner = node.func.attr, node.func.value
            # Any dict has a .get: only a session's counts.
            on_session = isinstance(owner, ast.Name) and owner.id == "session"
            if name in SESSION_READS and (on_session or name != "get"):
                found.append((node.lineno, f".{name}("))
    return [f"{line}: {what}" for line, what in sorted(found)]


def test_the_check_finds_each_kind_of_query() -> None:
    source = """
from sqlalchemy import func, select
def f(session, d):
    session.get(Cycle, 1)
    session.scalars(q).all()
    session.execute(q)
    session.refresh(row, with_for_update=True)
    d.get("key")
"""
    assert queries_in(source) == [
        "2: imports select",
        "4: .get(",
        "5: .scalars(",
        "6: .execute(",
        "7: .refresh(",
    ]


def test_no_query_is_left_outside_storage() -> None:
    outside = {
        str(path.relative_to(ROOT)): found
        for folder in ("bot", "handlers")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if (found := queries_in(path.read_text(encoding="utf-8")))
    }
    assert outside == {}, f"move these queries into storage/: {outside}"
