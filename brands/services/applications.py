"""Award applications: every write and every move of their workflow
(``brands.enums.APPLICATION_TRANSITIONS``).

Each move locks the application's row, checks the actor's right and the move, applies the
deadlines (a programme's closing date, a supplement deadline), saves, writes the move's record
and queues the notifications to the people concerned, all in one transaction: nothing is sent
when anything fails.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brands.enums import (
    APPLICATION_TRANSITIONS,
    DEFAULT_NOTICE_DAYS,
    FIGURE_KEYS,
    ApplicationStatus,
    ProgramKind,
    ProgramWindow,
)
from brands.models import (
    APPLICATION_FORM_FIELDS,
    ApplicationMaterial,
    ApplicationTransition,
    ApplicationVersion,
    ApplicationVisit,
    AwardApplication,
    AwardProgram,
    Brand,
    CheckOutcome,
    CompletenessCheck,
    CompletenessItem,
    Objection,
    RequiredMaterial,
    VisitPhoto,
)
from portal import notifications
from portal.attachments import process_photo
from portal.enums import Role
from portal.models import Organization, User
from portal.text import enumeration
from portal.workflow import DomainError, check_transition, record_transition
from scoring.enums import PanelStatus
from scoring.services import close_panel, conclude_panel, create_panel, notify_panel_assigned


class ApplicationError(DomainError):
    """An application action that cannot be done as asked; the message says why."""


class IncompleteApplication(ApplicationError):
    """A submission refused because parts of the application are missing (``problems``)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            _("The application cannot be submitted yet: %(problems)s.")
            % {"problems": enumeration(problems)}
        )


# The form's fields that a submitted application must have filled in, by label.
REQUIRED_FORM_FIELDS = (
    "product",
    "contact_name",
    "contact_phone",
    "profile",
    "quality_management",
    "declared_by",
)


def _lock(application: AwardApplication) -> AwardApplication:
    return (
        AwardApplication.objects.select_for_update(of=("self",))
        .select_related("program", "organization")
        .get(pk=application.pk)
    )


def _require(actor: User, permission: str, application: AwardApplication) -> None:
    if not actor.has_perm(permission, application):
        raise PermissionDenied


def _today() -> datetime.date:
    return timezone.localdate()


def _move(
    application: AwardApplication,
    target: str,
    *,
    actor: User,
    fields: tuple[str, ...] = (),
    note: str = "",
    note_params: dict | None = None,
    comment: str = "",
    occurred_on: datetime.date | None = None,
) -> None:
    """Save ``application`` in ``target`` (with ``fields``) and record the move."""
    check_transition(APPLICATION_TRANSITIONS, application.status, target)
    previous = application.status
    application.status = target
    application.save(update_fields=["status", "modified", *fields])
    record_transition(
        ApplicationTransition,
        application=application,
        actor=actor,
        from_status=previous,
        to_status=target,
        occurred_on=occurred_on,
        note=note,
        note_params=note_params,
        comment=comment,
    )


def _members(application: AwardApplication):
    return User.objects.filter(membership__organization=application.organization_id)


def _staff():
    return User.objects.filter(groups__name=Role.BUREAU_STAFF)


def _tell_applicant(application: AwardApplication, comment: str = "") -> None:
    notifications.notify_users(
        _members(application),
        "application_status_changed",
        {
            "application": application,
            "status": str(ApplicationStatus(application.status).label),
            "comment": comment,
            "path": application.get_absolute_url(),
        },
    )


def _tell_staff(application: AwardApplication, template: str, **context) -> None:
    notifications.notify_users(
        _staff(),
        template,
        {"application": application, "path": application.get_absolute_url(), **context},
    )


# --- the enterprise's draft ------------------------------------------------------------------


@transaction.atomic
def start_application(
    *, program: AwardProgram, organization: Organization, actor: User
) -> AwardApplication:
    """A new draft of ``organization`` (the actor's own) for a programme open today.

    Refused when the programme is not open, or the organization has applied to it already (an
    application that was withdrawn does not count).
    """
    if not actor.has_perm("brands.add_awardapplication") or organization.pk != getattr(
        getattr(actor, "membership", None), "organization_id", None
    ):
        raise PermissionDenied
    program = AwardProgram.objects.select_for_update().get(pk=program.pk)
    if program.window != ProgramWindow.OPEN:
        raise ApplicationError(
            _("Applications to this programme are taken from %(opens)s to %(closes)s.")
            % {"opens": program.opens_on.isoformat(), "closes": program.closes_on.isoformat()}
        )
    existing = (
        AwardApplication.objects.filter(program=program, organization=organization)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .first()
    )
    if existing is not None:
        raise ApplicationError(_("Your organization has applied to this programme already."))
    application = AwardApplication(
        program=program,
        organization=organization,
        created_by=actor,
        contact_name=organization.contact_person or actor.get_full_name(),
        contact_phone=organization.contact_phone,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ApplicationError(
            _("Your organization has applied to this programme already.")
        ) from None
    record_transition(
        ApplicationTransition,
        application=application,
        actor=actor,
        from_status="",
        to_status=ApplicationStatus.DRAFT,
        note="created",
    )
    return application


@transaction.atomic
def save_application_form(
    *, application: AwardApplication, actor: User, fields: list[str]
) -> AwardApplication:
    """Save the named fields of the form (one section), as the enterprise edited them on
    ``application``; only while it is a draft or returned for supplement."""
    locked = _lock(application)
    _require(actor, "brands.change_awardapplication", locked)
    unknown = set(fields) - set(APPLICATION_FORM_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of the application form: {sorted(unknown)}")
    application.status = locked.status
    application.save(update_fields=[*fields, "modified"])
    return application


@transaction.atomic
def upload_material(
    *,
    application: AwardApplication,
    required: RequiredMaterial | None,
    uploaded_file,
    kind: str,
    actor: User,
    title: str = "",
) -> ApplicationMaterial:
    """Store a checked file (``portal.attachments.validate_document``) for one of the
    programme's required materials, or as another material with a ``title``. A file that it
    replaces is kept, marked as replaced."""
    application = _lock(application)
    _require(actor, "brands.change_awardapplication", application)
    if required is not None and required.program_id != application.program_id:
        raise ApplicationError(_("This material is not one of the programme's."))
    if required is None and not title.strip():
        raise ApplicationError(_("Give the material a title."))
    now = timezone.now()
    if required is not None:
        ApplicationMaterial.objects.filter(
            application=application, required=required, replaced=None
        ).update(replaced=now)
    return ApplicationMaterial.objects.create(
        application=application,
        required=required,
        title=title.strip() if required is None else "",
        file=uploaded_file,
        original_name=(uploaded_file.name or "")[:200],
        size=uploaded_file.size,
        kind=kind,
        uploaded_by=actor,
    )


@transaction.atomic
def remove_material(*, material: ApplicationMaterial, actor: User) -> ApplicationMaterial:
    """Take a file out of the application; it is kept (marked as replaced), since a submitted
    version may list it."""
    application = _lock(material.application)
    _require(actor, "brands.change_awardapplication", application)
    if material.replaced is None:
        material.replaced = timezone.now()
        material.save(update_fields=["replaced"])
    return material


def submission_problems(application: AwardApplication) -> list[str]:
    """What keeps the application from being submitted: empty required fields of the form,
    figures missing, the declaration not confirmed, mandatory materials not uploaded."""
    problems = []
    meta = AwardApplication._meta
    for name in REQUIRED_FORM_FIELDS:
        if not str(getattr(application, name) or "").strip():
            problems.append(
                _("“%(field)s” is empty") % {"field": meta.get_field(name).verbose_name}
            )
    if not application_figures_complete(application):
        problems.append(_("the figures of the last three years are incomplete"))
    if not application.declaration_confirmed:
        problems.append(_("the declaration is not confirmed"))
    present = set(
        application.materials.filter(replaced=None, required__isnull=False).values_list(
            "required_id", flat=True
        )
    )
    for material in application.program.materials.filter(mandatory=True):
        if material.pk not in present:
            problems.append(_("“%(material)s” is missing") % {"material": material.name})
    return problems


def figure_years(program: AwardProgram) -> list[int]:
    """The three years before the programme's round (its year, or the year it opens)."""
    try:
        year = int(str(program.round)[:4])
    except ValueError:
        year = program.opens_on.year
    if not 1900 < year < 2200:
        year = program.opens_on.year
    return [year - 3, year - 2, year - 1]


def application_figures_complete(application: AwardApplication) -> bool:
    figures = application.figures or {}
    return all(
        str((figures.get(str(year)) or {}).get(key, "")).strip()
        for year in figure_years(application.program)
        for key in FIGURE_KEYS
    )


@transaction.atomic
def submit_application(*, application: AwardApplication, actor: User) -> AwardApplication:
    """Submit a draft, or resubmit after a return, keeping a copy of the form as it is sent
    (``ApplicationVersion``) with the files it lists.

    Refused after the programme's closing date (a draft) or after the supplement deadline (a
    returned application: staff may extend it), and with anything missing
    (``IncompleteApplication`` lists it). Tells the bureau's staff.
    """
    application = _lock(application)
    _require(actor, "brands.change_awardapplication", application)
    check_transition(APPLICATION_TRANSITIONS, application.status, ApplicationStatus.SUBMITTED)
    today = _today()
    program = application.program
    resubmission = application.status == ApplicationStatus.RETURNED
    if not resubmission and today > program.closes_on:
        raise ApplicationError(
            _("Applications to this programme closed on %(date)s: it can no longer be submitted.")
            % {"date": program.closes_on.isoformat()}
        )
    if resubmission and application.supplement_overdue(today):
        raise ApplicationError(
            _(
                "The deadline for the supplement was %(date)s: ask the bureau to extend it "
                "before you resubmit."
            )
            % {"date": application.supplement_deadline.isoformat()}
        )
    problems = submission_problems(application)
    if problems:
        raise IncompleteApplication(problems)
    number = application.versions.count() + 1
    version = ApplicationVersion.objects.create(
        application=application,
        number=number,
        submitted_on=today,
        submitted_by=actor,
        data=version_data(application),
    )
    version.materials.set(application.materials.filter(replaced=None))
    application.submitted_on = today
    application.supplement_deadline = None
    _move(
        application,
        ApplicationStatus.SUBMITTED,
        actor=actor,
        fields=("submitted_on", "supplement_deadline"),
        note="resubmitted" if resubmission else "",
    )
    _tell_staff(
        application,
        "application_resubmitted" if resubmission else "application_submitted",
    )
    return application


def version_data(application: AwardApplication) -> dict:
    """The form's fields as JSON-safe values."""
    data = {}
    for name in APPLICATION_FORM_FIELDS:
        value = getattr(application, name)
        data[name] = value
    return data


@transaction.atomic
def withdraw_application(
    *, application: AwardApplication, actor: User, reason: str = ""
) -> AwardApplication:
    """Withdraw an application that is not yet decided (the enterprise, or staff at its
    request). Its records are kept; its panel, if any, is closed (nothing more is scored)."""
    application = _lock(application)
    _require(actor, "brands.withdraw_awardapplication", application)
    _move(application, ApplicationStatus.WITHDRAWN, actor=actor, comment=reason)
    if application.panel_id is not None and application.panel.status in (
        PanelStatus.SCHEDULED,
        PanelStatus.SCORING,
    ):
        application.panel = close_panel(panel=application.panel, actor=actor, reason=reason)
    if actor.has_perm("brands.manage_awardapplication", application):
        _tell_applicant(application, reason)
    else:
        _tell_staff(application, "application_withdrawn", reason=reason)
    return application


# --- the bureau's check ----------------------------------------------------------------------


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
    application = _lock(application)
    _require(actor, "brands.manage_awardapplication", application)
    target = (
        ApplicationStatus.ACCEPTED
        if outcome == CheckOutcome.ACCEPTED
        else ApplicationStatus.RETURNED
    )
    check_transition(APPLICATION_TRANSITIONS, application.status, target)
    today = _today()
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
        _move(
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
        _move(application, target, actor=actor, fields=("supplement_request",), comment=comment)
    _tell_applicant(application, comment)
    return check


@transaction.atomic
def extend_supplement_deadline(
    *, application: AwardApplication, actor: User, deadline: datetime.date, comment: str = ""
) -> AwardApplication:
    """Give a returned application a new supplement deadline (after today)."""
    application = _lock(application)
    _require(actor, "brands.manage_awardapplication", application)
    if application.status != ApplicationStatus.RETURNED:
        raise ApplicationError(_("Only an application returned for supplement has a deadline."))
    if deadline <= _today():
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
    _tell_applicant(application, comment)
    return application


# --- review, decision, notice ----------------------------------------------------------------


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
    application = _lock(application)
    _require(actor, "brands.manage_awardapplication", application)
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
    _move(
        application,
        ApplicationStatus.UNDER_REVIEW,
        actor=actor,
        fields=("panel",),
        note="panel_assigned",
    )
    notify_panel_assigned(panel=panel, reviewers=reviewers)
    _tell_applicant(application)
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
    application = _lock(application)
    _require(actor, "brands.manage_awardapplication", application)
    refusal = decision_refusal(application)
    if refusal:
        raise ApplicationError(refusal)
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the decision."))
    today = _today()
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
    _move(
        application,
        ApplicationStatus.DECIDED,
        actor=actor,
        fields=("awarded", "decision_reason", "decided_on"),
        note="awarded" if awarded else "not_awarded",
        comment=reason,
    )
    _tell_applicant(application, reason)
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
    application = _lock(application)
    _require(actor, "brands.manage_awardapplication", application)
    check_transition(APPLICATION_TRANSITIONS, application.status, ApplicationStatus.NOTICE)
    if not application.awarded:
        raise ApplicationError(_("Only an award is published for public notice."))
    today = _today()
    starts_on = starts_on or today
    if starts_on < today:
        raise ApplicationError(_("The notice cannot start in the past."))
    if not 1 <= days <= 60:
        raise ApplicationError(_("A notice period lasts from 1 to 60 days."))
    application.notice_starts = starts_on
    application.notice_ends = starts_on + datetime.timedelta(days=days - 1)
    _move(
        application,
        ApplicationStatus.NOTICE,
        actor=actor,
        fields=("notice_starts", "notice_ends"),
        note="published",
        note_params={"date": application.notice_ends.isoformat()},
    )
    _tell_applicant(application)
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
    _tell_staff(application, "objection_received")
    return objection


def finalisation_refusal(application: AwardApplication, today: datetime.date | None = None) -> str:
    """Why the decision cannot be made final now ("" when it can)."""
    today = today or _today()
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
    application = _lock(application)
    _require(actor, "brands.manage_awardapplication", application)
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
    _move(application, ApplicationStatus.FINAL, actor=actor, comment=comment)
    _tell_applicant(application, comment)
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
    application = _lock(application)
    _require(actor, "brands.manage_awardapplication", application)
    if visited_on > _today():
        raise ApplicationError(_("A visit cannot be recorded before it took place."))
    visit = ApplicationVisit.objects.create(
        application=application,
        kind=kind,
        visited_on=visited_on,
        visitors=visitors,
        notes=notes,
        created_by=actor,
    )
    written = []
    try:
        for upload in photos:
            processed = process_photo(upload)
            photo = VisitPhoto(
                visit=visit,
                width=processed.width,
                height=processed.height,
                original_name=(upload.name or "")[:200],
                uploaded_by=actor,
            )
            photo.image.save(processed.image.name, processed.image, save=False)
            written.append(photo.image)
            photo.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
            written.append(photo.thumbnail)
            photo.save()
    except Exception:
        for file in written:
            file.delete(save=False)
        raise
    return visit
