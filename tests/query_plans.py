"""Reading query plans (tests/databases.plan) for what costs more as a workspace grows: a big
table read whole, a workspace's whole history read, or a page sorted out of everyone's rows."""

from __future__ import annotations

import re

# Tables that grow with a workspace's people and their history: never read whole. Workspaces,
# cycles and the like hold a few rows a workspace, so any plan for them is fine.
BIG_TABLES = {
    "people",
    "objectives",
    "key_results",
    "check_ins",
    "audit_events",
    "outbox",
    "milestones_reached",
    "badges",
    "excused_periods",
    "chart_files",
    "handled_requests",
}
# Tables that keep a workspace's history, which grows every week whether people join or not:
# never read all of a workspace's rows either (searched by team_id alone).
HISTORY_TABLES = {"check_ins", "audit_events", "outbox", "handled_requests"}
# What a person's request reads of the workspace's people and key results: theirs, or one
# objective's; never all of them (searched by team_id alone). A job that decides for everyone
# (prompts) reads them all by design. (Objectives too, but for one look-up: a page's parents by
# id, which SQLite without statistics reads through the workspace's index of objectives.)
EVERYONES = {"people", "key_results"}
# A sort is fine when the rows sorted are one person's or one thing's: the index search pins
# one of these columns. Sorting what a cycle (or a workspace) alone finds sorts everyone's.
NARROWING = {"owner_id", "author_id", "user_id", "key_result_id", "objective_id", "id", "rowid"}

SQLITE_STEP = re.compile(r"(SCAN|SEARCH) (\w+)(.*)")
POSTGRES_SCAN = re.compile(r"(Seq Scan|Index Scan|Index Only Scan|Bitmap Index Scan)\b.* on (\w+)")


def problems(statement: str, plan: str, *, sorts: bool, for_everyone: bool = False) -> list[str]:
    """What in `statement`'s plan reads a big table whole or a workspace's whole history (and,
    unless `for_everyone`, all its people, objectives or key results), and (when `sorts`) what
    sorts more than one person's or one thing's rows for a page (LIMIT)."""
    steps = plan.split(" | ")
    paged = sorts and "LIMIT" in statement
    whole = HISTORY_TABLES if for_everyone else HISTORY_TABLES | EVERYONES
    if any(step.startswith(("SCAN ", "SEARCH ")) for step in steps):
        return _sqlite(steps, paged, whole)
    return _postgres(steps, paged, whole)


def _sqlite(steps: list[str], paged: bool, whole: set[str]) -> list[str]:
    found = []
    driving: tuple[str, set[str]] | None = None  # the outer loop's table and searched columns
    for step in steps:
        read = SQLITE_STEP.match(step)
        if read is None:
            continue
        how, name, rest = read.groups()
        table, searched = _table(name), set(re.findall(r"(\w+)[=<>]", rest))
        if how == "SCAN" and table in BIG_TABLES:
            found.append(f"reads {table} whole: {step}")
        if how == "SEARCH" and table in whole and searched == {"team_id"}:
            found.append(f"reads all of the workspace's {table}: {step}")
        driving = driving or (table, searched)
    sorted_ = any("TEMP B-TREE FOR ORDER BY" in step for step in steps)
    if paged and sorted_ and driving is not None:
        table, searched = driving
        if table in BIG_TABLES and not searched & NARROWING:
            found.append(f"sorts all of {table} it finds by {sorted(searched)} for one page")
    return found


def _postgres(steps: list[str], paged: bool, whole: set[str]) -> list[str]:
    nodes = _nodes(steps)
    found = []
    for node, details in nodes:
        scanned = POSTGRES_SCAN.match(node)
        if scanned is None:
            continue
        how, name = scanned.groups()
        table = _index_table(name) if how == "Bitmap Index Scan" else _table(name)
        if table not in BIG_TABLES:
            continue
        if how == "Seq Scan":
            found.append(f"reads {table} whole: {node}")
            continue
        condition = _index_condition(details)
        # Every index of a big table leads with team_id but its primary key (by id): without
        # team_id, the condition reads the entries of every workspace.
        by_id = re.search(r" using pk_|^Bitmap Index Scan on pk_", node)
        if "team_id" not in condition and not by_id:
            found.append(f"reads an index of {table} across workspaces: {node} {condition}")
        if table in whole and _columns(condition) == {"team_id"}:
            found.append(f"reads all of the workspace's {table}: {node} {condition}")
    sorted_at = next((i for i, (node, _) in enumerate(nodes) if node.startswith("Sort ")), None)
    if paged and sorted_at is not None:
        below = nodes[sorted_at + 1 :]
        scans = [(m.group(1), m.group(2), d) for n, d in below if (m := POSTGRES_SCAN.match(n))]
        if scans:
            how, name, details = scans[0]
            table = _index_table(name) if how == "Bitmap Index Scan" else _table(name)
            condition = _index_condition(details)
            if table in BIG_TABLES and not _columns(condition) & NARROWING:
                found.append(f"sorts all of {table} it finds for one page: {condition}")
    return found


def _nodes(steps: list[str]) -> list[tuple[str, list[str]]]:
    """Each node of an EXPLAIN with the lines of detail (Index Cond, Filter) that follow it."""
    nodes: list[tuple[str, list[str]]] = []
    for step in steps:
        if not nodes or step.startswith("->"):
            nodes.append((step.removeprefix("->").strip(), []))
        else:
            nodes[-1][1].append(step)
    return nodes


def _index_condition(details: list[str]) -> str:
    return next((line for line in details if line.startswith("Index Cond:")), "")


def _columns(condition: str) -> set[str]:
    """The columns an Index Cond compares: ((team_id)::text = 'T0002'::text) AND (cycle_id = 2)."""
    return set(re.findall(r"\(+(\w+)\)*(?:::\w+)?\s*(?:=|<|>)", condition))


def _table(name: str) -> str:
    return re.sub(r"_\d+$", "", name)  # objectives_1, an alias SQLAlchemy gave, is objectives


def _index_table(index: str) -> str:
    """The table of one of our indexes, by the naming convention (ix_<table>_…, pk_<table>)."""
    for table in sorted(BIG_TABLES, key=len, reverse=True):
        if index.startswith((f"ix_{table}_", f"pk_{table}", f"uq_{table}_")):
            return table
    return index
