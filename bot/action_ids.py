"""The ids Slack sends back to the bot: of buttons, menus and views. One name for each.

Templates read them from the Jinja global `action_ids`, handlers register their listeners with
them, and a test checks that every id a template renders has a listener. The ids of fields that
are only read when their view is submitted stay with the form that reads them.
"""

from __future__ import annotations

# Buttons and menus, sent as block actions.
CHECKIN_OPEN = "checkin_open"
CHECKIN_MINE = "checkin_mine"  # the check-in form for all the person's objectives
CHECKIN_UNDO = "checkin_undo"
CHECKIN_RECORD = "checkin_record"  # a reply's question: which key result, or "record it anyway"
CHECKIN_EDIT = "checkin_edit"
HISTORY_OPEN = "history_open"
HISTORY_MINE = "history_mine"  # the history of all the person's objectives
LIST_MORE = "list_more"
LIST_SHARE = "list_share"
OBJECTIVE_NEW = "objective_new"
OBJECTIVE_EDIT = "objective_edit"
OBJECTIVE_LEVEL = "objective_level"
OBJECTIVE_KR_ADD = "objective_kr_add"
OBJECTIVE_KR_REMOVE = "objective_kr_remove"
OBJECTIVE_KR_KIND = "kr_kind"
OBJECTIVE_ARCHIVE = "objective_archive"
OBJECTIVE_DELETE = "objective_delete"
SETTINGS_FISCAL_START = "settings_fiscal_start"
PROMPT_CHECKIN = "prompt_checkin"
PROMPT_SNOOZE = "prompt_snooze"
PROMPT_SKIP = "prompt_skip"
MY_PROMPTS_OPEN = "my_prompts_open"
CYCLE_CLOSE_OPEN = "cycle_close_open"  # "Close and score": value = the cycle's name
CYCLE_CARRY_OPEN = "cycle_carry_open"  # "Carry over": value = the closed cycle's name
CHART_OPEN = "chart_open"  # "Chart" in history: value = the key result's id
REVIEW_SHARE = "review_share"  # "Share in DM" on a 1:1 review: value = the person's user id
TREE_MORE = "tree_more"  # "Show more" of /okr tree: value = `<cycle>|<offset>`

# Menus whose options Slack asks for as the person types (the zone menu is also an action).
OBJECTIVE_PARENT = "objective_parent"
SETTINGS_TIME_ZONE = "settings_time_zone"

# Views with a submit button: Slack sends their submission under these callback ids.
CHECKIN_VIEW = "checkin"
CHECKIN_EDIT_VIEW = "checkin_edit"
OBJECTIVE_VIEW = "objective_form"
SETTINGS_VIEW = "workspace_settings"
MY_PROMPTS_VIEW = "my_prompts"
CYCLE_CLOSE_VIEW = "cycle_close"  # scores, reflections and carry-over
CYCLE_CARRY_VIEW = "cycle_carry"  # carry-over of objectives closed already

# Views that only show something: Slack never sends their callback id back, but tests and logs
# tell them apart by it.
HISTORY_VIEW = "history"
CHECKIN_DONE_VIEW = "checkin_done"
REFUSAL_VIEW = "refusal"
