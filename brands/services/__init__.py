"""Everything in the brands app that writes, by subject: the register and award programmes
(``register``); award applications: the enterprise's side (``applications``), the bureau's
check (``checks``), panel, decision and notice (``decisions``), and what they share
(``common``)."""

from brands.services.applications import (
    IncompleteApplication,
    figure_years,
    remove_material,
    save_application_form,
    start_application,
    submission_problems,
    submit_application,
    upload_material,
    withdraw_application,
)
from brands.services.checks import check_application, extend_supplement_deadline
from brands.services.common import ApplicationError
from brands.services.decisions import (
    assign_panel,
    decide_application,
    decision_refusal,
    finalisation_refusal,
    finalise_application,
    publish_notice,
    record_visit,
    send_objection,
)
from brands.services.register import (
    register_brand,
    save_material,
    save_program,
    send_expiry_reminders,
    set_brand_output,
    set_county_output,
)

__all__ = [
    "ApplicationError",
    "IncompleteApplication",
    "assign_panel",
    "check_application",
    "decide_application",
    "decision_refusal",
    "extend_supplement_deadline",
    "figure_years",
    "finalisation_refusal",
    "finalise_application",
    "publish_notice",
    "record_visit",
    "register_brand",
    "remove_material",
    "save_application_form",
    "save_material",
    "save_program",
    "send_expiry_reminders",
    "send_objection",
    "set_brand_output",
    "set_county_output",
    "start_application",
    "submission_problems",
    "submit_application",
    "upload_material",
    "withdraw_application",
]
