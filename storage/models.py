"""The domain's tables. Every row of workspace data carries the Slack team_id."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TeamId = String(32)
UserId = String(32)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Workspace(Base):
    """A Slack workspace and what its admins tune; every setting has a sensible default."""

    __tablename__ = "workspaces"

    team_id: Mapped[str] = mapped_column(TeamId, primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer, default=1)
    max_active_objectives: Mapped[int] = mapped_column(Integer, default=3)
    # Check-in prompts: day (0 Monday) and minute of the day in each person's own time zone,
    # cadence (weekly | biweekly | monthly), a reminder after N hours (0: none), no prompt for
    # someone who checked in within N days, and quiet hours (minutes of the day, local).
    checkin_weekday: Mapped[int] = mapped_column(Integer, default=0)
    checkin_minute: Mapped[int] = mapped_column(Integer, default=9 * 60)
    checkin_cadence: Mapped[str] = mapped_column(String(16), default="weekly")
    reminder_hours: Mapped[int] = mapped_column(Integer, default=24)
    skip_recent_days: Mapped[int] = mapped_column(Integer, default=3)
    quiet_start_minute: Mapped[int] = mapped_column(Integer, default=19 * 60)
    quiet_end_minute: Mapped[int] = mapped_column(Integer, default=8 * 60)
    # Celebrations and digests: where they go (a channel id; none: not posted), the milestones
    # celebrated (percentages, comma-separated, like "50,100"), and the digest's day (0 Monday)
    # and minute of the day in the workspace's time zone.
    celebration_channel_id: Mapped[str | None] = mapped_column(String(32))
    digest_channel_id: Mapped[str | None] = mapped_column(String(32))
    milestones: Mapped[str] = mapped_column(String(64), default="50,100")
    digest_weekday: Mapped[int] = mapped_column(Integer, default=4)
    digest_minute: Mapped[int] = mapped_column(Integer, default=16 * 60)
    # The words the bot's messages use, which some teams rename (goals, results…).
    word_okr: Mapped[str] = mapped_column(String(32), default="OKR")
    word_objective: Mapped[str] = mapped_column(String(32), default="objective")
    word_key_result: Mapped[str] = mapped_column(String(32), default="key result")
    # Closing cycles: owners with open objectives are reminded this many days before a cycle ends.
    close_reminder_days: Mapped[int] = mapped_column(Integer, default=7)
    # When Slack said the app was uninstalled or its tokens revoked; jobs skip it until it
    # installs again (storage/installations.py).
    uninstalled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(timezone=True))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]  # when its settings last changed


class Person(Base):
    """A member of a workspace as Slack last described them (users.info)."""

    __tablename__ = "people"

    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(UserId, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(255), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Slack's status, to leave out people who are away; the expiration is when Slack clears it.
    status_emoji: Mapped[str] = mapped_column(String(100), default="")
    status_text: Mapped[str] = mapped_column(String(100), default="")
    status_expiration: Mapped[datetime | None]
    # Their own check-in prompts: a day and minute of their own (None: the workspace's), or off.
    prompt_weekday: Mapped[int | None] = mapped_column(Integer)
    prompt_minute: Mapped[int | None] = mapped_column(Integer)
    prompts_off: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_until: Mapped[datetime | None]  # no prompt or reminder before this instant
    snoozed_until: Mapped[datetime | None]  # "Snooze until tomorrow": prompt again then
    skipped_period: Mapped[str | None] = mapped_column(String(32))  # "Skip this time": no reminder
    updated_at: Mapped[datetime]


class Cycle(Base):
    """A period of OKRs, a quarter by default, e.g. 2026-Q4 (ends_on inclusive)."""

    __tablename__ = "cycles"
    __table_args__ = (UniqueConstraint("team_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(32))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


class Objective(Base):
    __tablename__ = "objectives"
    __table_args__ = (
        Index("ix_objectives_team_cycle_owner", "team_id", "cycle_id", "owner_id"),
        Index("ix_objectives_team_parent", "team_id", "parent_id"),
        # A level's page of a cycle (`/okr list company`, a channel's team objectives) in id
        # order: read up to the page's end, never all the cycle's objectives sorted.
        Index("ix_objectives_team_cycle_level", "team_id", "cycle_id", "level", "state", "id"),
        Index(
            "ix_objectives_team_cycle_channel",
            "team_id",
            "cycle_id",
            "team_channel_id",
            "level",
            "state",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(16))  # personal | team | company
    team_channel_id: Mapped[str | None] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(UserId)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id", ondelete="SET NULL"))
    visibility: Mapped[str] = mapped_column(String(16), default="public")  # public | private
    # "Celebrate quietly": milestones are told to the owner by DM, never posted in a channel.
    celebrate_quietly: Mapped[bool] = mapped_column(Boolean, default=False)
    # Closing its cycle: when and by whom it was scored, what the team learned, and the objective
    # of an earlier cycle it was carried over from ("carried from 2026-Q4").
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(UserId)
    reflection: Mapped[str] = mapped_column(Text, default="")
    carried_from_id: Mapped[int | None] = mapped_column(Integer)  # an objective's id, no FK
    state: Mapped[str] = mapped_column(String(16), default="active")  # active|archived|deleted
    created_by: Mapped[str] = mapped_column(UserId)
    created_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(UserId)
    updated_at: Mapped[datetime]

    # Joined on the workspace too, so that loading an objective's key results searches the
    # (team_id, objective_id) index instead of reading every workspace's key results.
    key_results: Mapped[list[KeyResult]] = relationship(
        primaryjoin="and_(KeyResult.objective_id == Objective.id, "
        "foreign(KeyResult.team_id) == Objective.team_id)",
        back_populates="objective",
        order_by="KeyResult.position",
        cascade="all, delete-orphan",
    )


class KeyResult(Base):
    __tablename__ = "key_results"
    __table_args__ = (Index("ix_key_results_team_objective", "team_id", "objective_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    objective_id: Mapped[int] = mapped_column(ForeignKey("objectives.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(150))
    # increase | decrease | stay_above | stay_below | milestone
    kind: Mapped[str] = mapped_column(String(16))
    start_value: Mapped[float | None] = mapped_column(Float)
    target_value: Mapped[float | None] = mapped_column(Float)
    current_value: Mapped[float | None] = mapped_column(Float)
    unit_kind: Mapped[str] = mapped_column(
        String(16), default="number"
    )  # number|percent|currency|word
    unit: Mapped[str] = mapped_column(String(32), default="")  # currency code or free word
    due_on: Mapped[date | None] = mapped_column(Date)
    confidence: Mapped[str | None] = mapped_column(String(16))  # latest check-in's
    score: Mapped[float | None] = mapped_column(Float)  # 0.0–1.0, given when its cycle is closed
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    # By id alone, so that the objective of a loaded key result comes from the identity map.
    objective: Mapped[Objective] = relationship(back_populates="key_results")
    # As Objective.key_results: by workspace and key result, the check-ins' own index.
    check_ins: Mapped[list[CheckIn]] = relationship(
        primaryjoin="and_(CheckIn.key_result_id == KeyResult.id, "
        "foreign(CheckIn.team_id) == KeyResult.team_id)",
        back_populates="key_result",
        cascade="all, delete-orphan",
    )


class CheckIn(Base):
    """One report of a key result's value; never overwritten, edits leave an audit trail."""

    __tablename__ = "check_ins"
    __table_args__ = (
        Index("ix_check_ins_team_key_result_effective", "team_id", "key_result_id", "effective_on"),
        # One check-in per key result and Slack message; source_ref before key_result_id, so that
        # "was this message read already?" (storage/check_ins.read_from) is a search, not a scan.
        Index(
            "ix_check_ins_team_source_ref", "team_id", "source_ref", "key_result_id", unique=True
        ),
        # A person's own check-ins (their streak), without reading the whole workspace's.
        Index("ix_check_ins_team_author", "team_id", "author_id"),
        # Who checked in lately (the prompts job): the recent ones, not the workspace's history.
        Index("ix_check_ins_team_created", "team_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    key_result_id: Mapped[int] = mapped_column(ForeignKey("key_results.id", ondelete="CASCADE"))
    value: Mapped[float | None] = mapped_column(Float)  # milestones: 1 done, 0 not done
    confidence: Mapped[str] = mapped_column(String(16))  # on_track | at_risk | off_track
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str] = mapped_column(UserId)
    source: Mapped[str] = mapped_column(String(16), default="modal")  # modal | message | import
    # The Slack message a check-in was read from, "<channel>:<ts>": Slack may deliver an event
    # twice, and the unique index makes sure one message never records a key result twice.
    source_ref: Mapped[str | None] = mapped_column(String(64))
    effective_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    deleted_by: Mapped[str | None] = mapped_column(UserId)

    key_result: Mapped[KeyResult] = relationship(back_populates="check_ins")


class AuditEvent(Base):
    """Who changed what and when: objectives, key results and check-ins (old -> new)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_team_entity", "team_id", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    actor_id: Mapped[str] = mapped_column(UserId)
    at: Mapped[datetime]
    entity: Mapped[str] = mapped_column(String(32))  # objective | key_result | check_in
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(32))  # create | update | archive | delete | …
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OutboxMessage(Base):
    """A message a job decided to send, written in the same transaction as the decision."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("team_id", "dedupe_key"),
        Index("ix_outbox_status_not_before", "status", "not_before"),
        # What was asked since (the prompts job), and what was sent to one person, latest last
        # (their prompt of the period, once they check in): never every message kept.
        Index("ix_outbox_team_kind_created", "team_id", "kind", "created_at"),
        Index("ix_outbox_team_channel_created", "team_id", "channel", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    dedupe_key: Mapped[str] = mapped_column(String(200))  # "kind:recipient:period"
    kind: Mapped[str] = mapped_column(String(32), default="")  # prompt | reminder | …
    method: Mapped[str] = mapped_column(String(64), default="chat.postMessage")
    channel: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    not_before: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    slack_ts: Mapped[str | None] = mapped_column(String(32))
    # A sender's lease: a row claimed past `claimed_until` belongs to nobody again.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]
    # For chat.update: the dedupe_key of the message this row edits once that one is sent.
    edits_key: Mapped[str | None] = mapped_column(String(200))
    # The conversation the message landed in: a DM's D… id when `channel` is a user id.
    sent_channel: Mapped[str | None] = mapped_column(String(32))
    # A call that may have reached Slack went unanswered (a timeout, a 5xx, a sender that died
    # holding the row): the conversation is searched for the message before it is sent again.
    unsure: Mapped[bool] = mapped_column(Boolean, default=False)


class MilestoneReached(Base):
    """A milestone a key result (or an objective, completed: 100) has reached in its cycle:
    written once, in the transaction of the check-in that carried it there, so that it is
    celebrated once even if progress dips and recovers, the check-in is edited, or several
    bot processes run."""

    __tablename__ = "milestones_reached"
    __table_args__ = (UniqueConstraint("team_id", "subject", "subject_id", "milestone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(16))  # key_result | objective
    subject_id: Mapped[int] = mapped_column(Integer)
    milestone: Mapped[int] = mapped_column(Integer)  # a percentage: 25, 50, 100…
    check_in_id: Mapped[int | None] = mapped_column(Integer)
    reached_at: Mapped[datetime]


class Badge(Base):
    """A badge a person earned, once: `badge` names it (first_checkin, streak_4, streak_12,
    first_objective_done, or cycle_70:<cycle name>, earned once per cycle)."""

    __tablename__ = "badges"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "badge"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(UserId)
    badge: Mapped[str] = mapped_column(String(64))
    earned_at: Mapped[datetime]


class ExcusedPeriod(Base):
    """A check-in period a person was paused or away in when their prompt was due: it does not
    break their streak."""

    __tablename__ = "excused_periods"

    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(UserId, primary_key=True)
    period: Mapped[str] = mapped_column(String(32), primary_key=True)  # 2026-W49, 2026-12
    reason: Mapped[str] = mapped_column(String(16))  # paused | away


class ChartFile(Base):
    """A chart the bot uploaded to Slack (files.getUploadURLExternal + completeUploadExternal),
    for the Home tab's image blocks: uploaded again only when what it draws has changed."""

    __tablename__ = "chart_files"
    __table_args__ = (UniqueConstraint("team_id", "subject", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(16))  # objective | key_result
    subject_id: Mapped[int] = mapped_column(Integer)
    file_id: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))  # of the data drawn
    uploaded_at: Mapped[datetime]


class HandledRequest(Base):
    """A Slack request the bot has acted on, so that Slack's retries and replays of it change
    nothing: a view submission by view id and hash, a message by its channel and ts."""

    __tablename__ = "handled_requests"
    # Forgetting a workspace's old requests, on each new one: by workspace, then by age.
    __table_args__ = (Index("ix_handled_requests_team_handled_at", "team_id", "handled_at"),)

    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    handled_at: Mapped[datetime]
    # What the bot answered, to answer a copy the same way; None when it answers nothing.
    answer: Mapped[dict[str, Any] | None] = mapped_column(JSON)
