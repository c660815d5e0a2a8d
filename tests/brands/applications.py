"""Award applications in each state, made through the services as the people would make them."""

import datetime

from django.utils import timezone

from brands import services
from brands.enums import CheckOutcome
from tests.brands.factories import AwardProgramFactory, RequiredMaterialFactory, document
from tests.factories import ReviewerFactory, StaffFactory
from tests.scoring.factories import scoring_template_with

FORM = {
    "product": "“测试”牌产品",
    "contact_name": "李强",
    "contact_phone": "0715-4321000",
    "employees": 120,
    "profile": "企业简介",
    "quality_management": "通过GB/T 19001认证",
    "achievements": "",
    "declared_by": "李强",
    "declaration_confirmed": True,
}


def program(*, scored=False, materials=2, optional=1, **fields):
    """An open programme with ``materials`` mandatory and ``optional`` optional materials."""
    if scored:
        fields |= {"kind": "scored", "scoring_template": scoring_template_with()}
    program = AwardProgramFactory(**fields)
    for _ in range(materials):
        RequiredMaterialFactory(program=program, mandatory=True)
    for _ in range(optional):
        RequiredMaterialFactory(program=program, mandatory=False)
    return program


def draft(program, member):
    return services.start_application(
        program=program, organization=member.membership.organization, actor=member
    )


def fill(application, member, *, materials=True):
    for name, value in FORM.items():
        setattr(application, name, value)
    application.figures = {
        str(year): {"revenue": "100", "profit": "10", "tax": "5"}
        for year in services.figure_years(application.program)
    }
    services.save_application_form(application=application, actor=member, fields=[*FORM, "figures"])
    if materials:
        for material in application.program.materials.filter(mandatory=True):
            services.upload_material(
                application=application,
                required=material,
                uploaded_file=document(f"{material.name}.pdf"),
                kind="pdf",
                actor=member,
            )
    return application


def submitted(program, member):
    application = fill(draft(program, member), member)
    return services.submit_application(application=application, actor=member)


def items(application, *, failing=()):
    return [
        {
            "required": material,
            "present": True,
            "authentic": True,
            "accurate": material.pk not in failing,
            "compliant": True,
            "comment": "",
        }
        for material in application.program.materials.all()
    ]


def returned(program, member, staff=None, *, days=7):
    application = submitted(program, member)
    services.check_application(
        application=application,
        actor=staff or StaffFactory(),
        items=items(application),
        outcome=CheckOutcome.RETURNED,
        comment="请补充财务报表",
        supplement_deadline=timezone.localdate() + datetime.timedelta(days=days),
    )
    application.refresh_from_db()
    return application


def accepted(program, member, staff=None):
    application = submitted(program, member)
    services.check_application(
        application=application,
        actor=staff or StaffFactory(),
        items=items(application),
        outcome=CheckOutcome.ACCEPTED,
        comment="",
    )
    application.refresh_from_db()
    return application


def under_review(program, member, staff=None, reviewers=None):
    staff = staff or StaffFactory()
    application = accepted(program, member, staff)
    reviewers = reviewers or [ReviewerFactory(), ReviewerFactory()]
    return services.assign_panel(
        application=application, reviewers=reviewers, chair=reviewers[0], actor=staff
    )


def decided(program, member, staff=None, *, awarded=True):
    staff = staff or StaffFactory()
    application = accepted(program, member, staff)
    return services.decide_application(
        application=application, awarded=awarded, reason="符合条件", actor=staff
    )


def in_notice(program, member, staff=None, *, starts_on=None, days=7):
    staff = staff or StaffFactory()
    application = decided(program, member, staff)
    return services.publish_notice(
        application=application, actor=staff, starts_on=starts_on, days=days
    )
