"""Award applications, the enterprise's side: the draft, its form and materials, submitting
(and resubmitting after a return) with every version kept, and withdrawing.

Each move locks the application's row, checks the actor's right and the move, applies the
deadlines (a programme's closing date, a supplement deadline), saves, writes the move's record
and queues the notifications to the people concerned, all in one transaction: nothing is sent
when anything fails (``brands.services.common``).
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brands.enums import (
    APPLICATION_TRANSITIONS,
    FIGURE_KEYS,
    ApplicationStatus,
    ProgramWindow,
)
from brands.models import (
    APPLICATION_FORM_FIELDS,
    ApplicationMaterial,
    ApplicationTransition,
    ApplicationVersion,
    AwardApplication,
    AwardProgram,
    RequiredMaterial,
)
from brands.services.common import (
    ApplicationError,
    lock,
    move,
    require,
    tell_applicant,
    tell_staff,
)
from portal.models import Organization, User
from portal.text import enumeration
from portal.workflow import check_transition, record_transition
from scoring.enums import PanelStatus
from scoring.services import close_panel


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
    locked = lock(application)
    require(actor, "brands.change_awardapplication", locked)
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
    application = lock(application)
    require(actor, "brands.change_awardapplication", application)
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
    application = lock(material.application)
    require(actor, "brands.change_awardapplication", application)
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
    application = lock(application)
    require(actor, "brands.change_awardapplication", application)
    check_transition(APPLICATION_TRANSITIONS, application.status, ApplicationStatus.SUBMITTED)
    today = timezone.localdate()
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
    move(
        application,
        ApplicationStatus.SUBMITTED,
        actor=actor,
        fields=("submitted_on", "supplement_deadline"),
        note="resubmitted" if resubmission else "",
    )
    tell_staff(
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
    application = lock(application)
    require(actor, "brands.withdraw_awardapplication", application)
    move(application, ApplicationStatus.WITHDRAWN, actor=actor, comment=reason)
    if application.panel_id is not None and application.panel.status in (
        PanelStatus.SCHEDULED,
        PanelStatus.SCORING,
    ):
        application.panel = close_panel(panel=application.panel, actor=actor, reason=reason)
    if actor.has_perm("brands.manage_awardapplication", application):
        tell_applicant(application, reason)
    else:
        tell_staff(application, "application_withdrawn", reason=reason)
    return application
