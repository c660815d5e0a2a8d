"""Everything in the scoring app that writes several rows, changes a state or stores a score,
by subject: templates, panels and sheets (``common`` holds what they share).

The services know nothing of what a panel reviews: the subject's app passes the organizations
whose employees may not sit on the panel (``organization_ids``) and performs its own state change
in the same transaction as ``conclude_panel``.
"""

from scoring.services.common import IncompleteSheet, PanelError, conflict_of_interest_message
from scoring.services.panels import (
    add_panel_member,
    close_panel,
    conclude_panel,
    create_panel,
    declare,
    notify_panel_assigned,
    remove_panel_member,
    start_scoring,
    waiting_members,
)
from scoring.services.sheets import reopen_score_sheet, save_score_sheet, submit_score_sheet
from scoring.services.templates import copy_template, freeze_template

__all__ = [
    "IncompleteSheet",
    "PanelError",
    "add_panel_member",
    "close_panel",
    "conclude_panel",
    "conflict_of_interest_message",
    "copy_template",
    "create_panel",
    "declare",
    "freeze_template",
    "notify_panel_assigned",
    "remove_panel_member",
    "reopen_score_sheet",
    "save_score_sheet",
    "start_scoring",
    "submit_score_sheet",
    "waiting_members",
]
