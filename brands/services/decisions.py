"""Award applications after the check: the expert panel, the decision, the public notice and
its objections, the final decision (and the brand it enters in the register), and visits."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brands.enums import (
    APPLICATION_TRANSITIONS,
    DEFAULT_NOTICE_DAYS,
    ApplicationStatus,
    ProgramKind,
)
from brands.models import (
    ApplicationTransition,
    ApplicationVisit,
    AwardApplication,
    Brand,
    Objection,
    VisitPhoto,
)
from brands.services.common import (
    ApplicationError,
    lock,
    move,
    require,
    tell_applicant,
    tell_staff,
)
from portal.attachments import store_photos
from portal.models import User
from portal.workflow import check_transition, record_transition
from scoring.enums import PanelStatus
from scoring.services import conclude_panel, create_panel, notify_panel_assigned


@transaction.atomic
def assign_panel(
    *,
    application: AwardApplication,
    reviewers: list[User],
    chair: User,
    actor: User,
) -> AwardApplication:
    """Put an accepted application of a scored programme before an expert panel
    (``scoring.services.create_panel``: the applicant's employees may not sit on it), scoring
    with the programme's template. The reviewers and the enterprise are told."""
    application = lock(application)
    require(actor, "brands.manage_awardapplication", application)
    check_transition(APPLICATION_TRANSITIONS, application.status, ApplicationStatus.UNDER_REVIEW)
    program = application.program
    if program.kind != ProgramKind.SCORED or program.scoring_template_id is None:
        raise ApplicationError(
            _("This programme is a recommendation only: its applications are not scored.")
        )
    panel = create_panel(
        template=program.scoring_template,
        reviewers=reviewers,
        chair=chair,
        organization_ids=application.panel_organization_ids(),
        actor=actor,
    )
    application.panel = panel
    move(
        application,
        ApplicationStatus.UNDER_REVIEW,
        actor=actor,
        fields=("panel",),
        note="panel_assigned",
    )
    notify_panel_assigned(panel=panel, reviewers=reviewers)
    tell_applicant(application)
    return application


def decision_refusal(application: AwardApplication) -> str:
    """Why the application cannot be decided now ("" when it can)."""
    if application.status == ApplicationStatus.ACCEPTED:
        if application.program.kind == ProgramKind.SCORED:
            return _("Assign the expert panel first: this programme's applications are scored.")
        return ""
    if application.status != ApplicationStatus.UNDER_REVIEW:
        return _("Only an application accepted for review, or under review, can be decided.")
    if application.panel.status == PanelStatus.SCHEDULED:
        return _("The panel has not started scoring yet.")
    return ""


@transaction.atomic
def decide_application(
    *,
    application: AwardApplication,
    awarded: bool,
    reason: str,
    actor: User,
) -> AwardApplication:
    """Decide: awarded or not, with a written reason. An application under review concludes its
    panel first (``conclude_panel``: every sheet in), in the same transaction; a recommendation
    is decided once accepted. The enterprise is told."""
    application = lock(application)
    require(actor, "brands.manage_awardapplication", application)
    refusal = decision_refusal(application)
    if refusal:
        raise ApplicationError(refusal)
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the decision."))
    today = timezone.localdate()
    if application.panel_id and application.panel.status == PanelStatus.SCORING:
        application.panel = conclude_panel(
            panel=application.panel, opinion=reason, actor=actor, concluded_on=today
        )
        record_transition(
            ApplicationTransition,
            application=application,
            actor=actor,
            from_status=application.status,
            to_status=application.status,
            note="panel_concluded",
            note_params={"score": application.panel.score},
        )
    application.awarded = awarded
    application.decision_reason = reason
    application.decided_on = today
    move(
        application,
        ApplicationStatus.DECIDED,
        actor=actor,
        fields=("awarded", "decision_reason", "decided_on"),
        note="awarded" if awarded else "not_awarded",
        comment=reason,
    )
    tell_applicant(application, reason)
    return application


@transaction.atomic
def publish_notice(
    *,
    application: AwardApplication,
    actor: User,
    starts_on: datetime.date | None = None,
    days: int = DEFAULT_NOTICE_DAYS,
) -> AwardApplication:
    """Publish an award for public notice: ``days`` days from ``starts_on`` (today unless
    given; not in the past), during which anyone may object."""
    application = lock(application)
    require(actor, "brands.manage_awardapplication", application)
    check_transition(APPLICATION_TRANSITIONS, application.status, ApplicationStatus.NOTICE)
    if not application.awarded:
        raise ApplicationError(_("Only an award is published for public notice."))
    today = timezone.localdate()
    starts_on = starts_on or today
    if starts_on < today:
        raise ApplicationError(_("The notice cannot start in the past."))
    if not 1 <= days <= 60:
        raise ApplicationError(_("A notice period lasts from 1 to 60 days."))
    application.notice_starts = starts_on
    application.notice_ends = starts_on + datetime.timedelta(days=days - 1)
    move(
        application,
        ApplicationStatus.NOTICE,
        actor=actor,
        fields=("notice_starts", "notice_ends"),
        note="published",
        note_params={"date": application.notice_ends.isoformat()},
    )
    tell_applicant(application)
    return application


@transaction.atomic
def send_objection(
    *, application: AwardApplication, name: str, contact: str, text: str
) -> Objection:
    """Record an objection to an award in its notice period, and tell the bureau's staff."""
    application = (
        AwardApplication.objects.select_for_update(of=("self",))
        .select_related("program", "organization")
        .get(pk=application.pk)
    )
    if not application.notice_running():
        raise ApplicationError(_("The notice period of this award is over: objections are closed."))
    if not text.strip():
        raise ApplicationError(_("Write your objection."))
    objection = Objection.objects.create(
        application=application, name=name.strip(), contact=contact.strip(), text=text.strip()
    )
    tell_staff(application, "objection_received")
    return objection


def finalisation_refusal(application: AwardApplication, today: datetime.date | None = None) -> str:
    """Why the decision cannot be made final now ("" when it can)."""
    today = today or timezone.localdate()
    if application.status == ApplicationStatus.NOTICE:
        if today <= application.notice_ends:
            return _("The public notice runs until %(date)s: finalise it after that.") % {
                "date": application.notice_ends.isoformat()
            }
        return ""
    if application.status == ApplicationStatus.DECIDED:
        if application.awarded:
            return _("An award is published for public notice before it is final.")
        return ""
    return _("Only a decided application can be made final.")


@transaction.atomic
def finalise_application(
    *,
    application: AwardApplication,
    actor: User,
    comment: str = "",
    certificate_number: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> AwardApplication:
    """Make the decision final once its notice period is over (or at once, when it is not an
    award). A final award of a programme that confers a title (``confers_title``) enters the
    brand in the register, with its certificate number and validity period."""
    application = lock(application)
    require(actor, "brands.manage_awardapplication", application)
    refusal = finalisation_refusal(application)
    if refusal:
        raise ApplicationError(refusal)
    title = application.program.confers_title
    if application.awarded and title is not None:
        if not certificate_number.strip() or valid_from is None or valid_until is None:
            raise ApplicationError(
                _("Give the certificate number and the validity period of the title.")
            )
        if valid_until < valid_from:
            raise ApplicationError(_("The end of the validity period is before its start."))
        if Brand.objects.filter(certificate_number=certificate_number.strip()).exists():
            raise ApplicationError(_("A brand with this certificate number is registered already."))
        Brand.objects.create(
            product=application.product or str(application.organization),
            holder=application.organization,
            title=title,
            certificate_number=certificate_number.strip(),
            valid_from=valid_from,
            valid_until=valid_until,
            source_application=application,
        )
    move(application, ApplicationStatus.FINAL, actor=actor, comment=comment)
    tell_applicant(application, comment)
    return application


# --- visits ----------------------------------------------------------------------------------


@transaction.atomic
def record_visit(
    *,
    application: AwardApplication,
    kind: str,
    visited_on: datetime.date,
    visitors: str,
    notes: str,
    photos: list,
    actor: User,
) -> ApplicationVisit:
    """Record a guidance visit or an on-site review with its photos (each cleaned of its
    metadata, with a thumbnail; all or none are stored). Not in the future."""
    application = lock(application)
    require(actor, "brands.manage_awardapplication", application)
    if visited_on > timezone.localdate():
        raise ApplicationError(_("A visit cannot be recorded before it took place."))
    visit = ApplicationVisit.objects.create(
        application=application,
        kind=kind,
        visited_on=visited_on,
        visitors=visitors,
        notes=notes,
        created_by=actor,
    )
    store_photos(
        photos,
        lambda processed, upload: VisitPhoto(
            visit=visit,
            width=processed.width,
            height=processed.height,
            original_name=(upload.name or "")[:200],
            uploaded_by=actor,
        ),
    )
    return visit
