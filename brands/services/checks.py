"""Award applications, the bureau's completeness check: accept for review, or return for a
supplement with a deadline (which staff may extend)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brands.enums import (
    APPLICATION_TRANSITIONS,
    ApplicationStatus,
    CheckOutcome,
)
from brands.models import (
    ApplicationTransition,
    AwardApplication,
    CompletenessCheck,
    CompletenessItem,
)
from brands.services.common import (
    ApplicationError,
    lock,
    move,
    require,
    tell_applicant,
)
from portal.models import User
from portal.text import enumeration
from portal.workflow import check_transition, record_transition


@transaction.atomic
def check_application(
    *,
    application: AwardApplication,
    actor: User,
    items: list[dict],
    outcome: str,
    comment: str,
    supplement_deadline: datetime.date | None = None,
) -> CompletenessCheck:
    """Record the completeness check of the submitted application, then accept it for review or
    return it for supplement.

    ``items`` holds, for each of the programme's required materials, ``required`` and the
    booleans ``present``, ``authentic``, ``accurate``, ``compliant`` with a ``comment``.
    Accepting is refused while a mandatory material fails a check; returning needs what to fix
    (``comment``) and a deadline after today. The enterprise is told either way.
    """
    application = lock(application)
    require(actor, "brands.manage_awardapplication", application)
    target = (
        ApplicationStatus.ACCEPTED
        if outcome == CheckOutcome.ACCEPTED
        else ApplicationStatus.RETURNED
    )
    check_transition(APPLICATION_TRANSITIONS, application.status, target)
    today = timezone.localdate()
    required = {material.pk: material for material in application.program.materials.all()}
    if {item["required"].pk for item in items} != set(required):
        raise ApplicationError(_("Check every material of the programme, no more and no less."))
    if target == ApplicationStatus.ACCEPTED:
        failing = [
            item["required"].name
            for item in items
            if item["required"].mandatory
            and not all(item[key] for key in ("present", "authentic", "accurate", "compliant"))
        ]
        if failing:
            raise ApplicationError(
                _(
                    "%(materials)s did not pass every check: return the application for "
                    "supplement, or correct the check."
                )
                % {"materials": enumeration(failing)}
            )
    else:
        if not comment.strip():
            raise ApplicationError(_("Say what the enterprise must supplement or correct."))
        if supplement_deadline is None or supplement_deadline <= today:
            raise ApplicationError(_("Give a deadline for the supplement after today."))
    version = application.versions.order_by("-number").first()
    if version is None:
        raise ApplicationError(_("The application has no submitted version to check."))
    current = {
        material.required_id: material
        for material in application.materials.filter(replaced=None, required__isnull=False)
    }
    check = CompletenessCheck.objects.create(
        application=application,
        version=version,
        outcome=outcome,
        comment=comment,
        supplement_deadline=supplement_deadline if target == ApplicationStatus.RETURNED else None,
        checked_on=today,
        checked_by=actor,
    )
    CompletenessItem.objects.bulk_create(
        CompletenessItem(
            check_record=check,
            required=item["required"],
            material=current.get(item["required"].pk),
            present=item["present"],
            authentic=item["authentic"],
            accurate=item["accurate"],
            compliant=item["compliant"],
            comment=item.get("comment", ""),
        )
        for item in items
    )
    if target == ApplicationStatus.RETURNED:
        application.supplement_deadline = supplement_deadline
        application.supplement_request = comment
        move(
            application,
            target,
            actor=actor,
            fields=("supplement_deadline", "supplement_request"),
            note="returned",
            note_params={"date": supplement_deadline.isoformat()},
            comment=comment,
        )
    else:
        application.supplement_request = ""
        move(application, target, actor=actor, fields=("supplement_request",), comment=comment)
    tell_applicant(application, comment)
    return check


@transaction.atomic
def extend_supplement_deadline(
    *, application: AwardApplication, actor: User, deadline: datetime.date, comment: str = ""
) -> AwardApplication:
    """Give a returned application a new supplement deadline (after today)."""
    application = lock(application)
    require(actor, "brands.manage_awardapplication", application)
    if application.status != ApplicationStatus.RETURNED:
        raise ApplicationError(_("Only an application returned for supplement has a deadline."))
    if deadline <= timezone.localdate():
        raise ApplicationError(_("Give a deadline for the supplement after today."))
    application.supplement_deadline = deadline
    application.save(update_fields=["supplement_deadline", "modified"])
    record_transition(
        ApplicationTransition,
        application=application,
        actor=actor,
        from_status=application.status,
        to_status=application.status,
        note="deadline_extended",
        note_params={"date": deadline.isoformat()},
        comment=comment,
    )
    tell_applicant(application, comment)
    return application
