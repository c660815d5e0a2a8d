"""Acceptance review pages: who may open what, and how the score sheet behaves."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from scoring import services as scoring_services
from scoring.enums import Declaration, SheetStatus
from scoring.models import ScoreSheet
from scoring.selectors import template_leaves
from tests.factories import EnterpriseMemberFactory, ReviewerFactory, StaffFactory
from tests.pilots.factories import AcceptanceReviewFactory
from tests.scoring.factories import PanelFactory, PanelMemberFactory, ScoreSheetFactory

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, REDIRECT = "ok", "login", "forbidden", "redirect"


@pytest.fixture
def scene():
    """A review in scoring with a declared reviewer (with a sheet), an undeclared one, a
    reviewer from elsewhere, a member of the pilot's organization and staff."""
    review = AcceptanceReviewFactory()
    sheet = ScoreSheetFactory(panel_member__panel=review.panel)
    undeclared = PanelMemberFactory(panel=review.panel, declaration=Declaration.PENDING)
    return {
        "review": review,
        "sheet": sheet,
        "member_id": undeclared.pk,
        "users": {
            "anonymous": None,
            "staff": StaffFactory(),
            "panel": sheet.panel_member.reviewer,
            "undeclared": undeclared.reviewer,
            "other_reviewer": ReviewerFactory(),
            "enterprise": EnterpriseMemberFactory(
                membership__organization=review.pilot.lead_organization
            ),
        },
    }


ROLES = ["anonymous", "staff", "panel", "undeclared", "other_reviewer", "enterprise"]
STAFF_ONLY = dict.fromkeys(ROLES, FORBIDDEN) | {"anonymous": LOGIN, "staff": OK}
MATRIX = [
    (
        "pilots:review-list",
        lambda s: [],
        "get",
        STAFF_ONLY | {"panel": OK, "undeclared": OK, "other_reviewer": OK},
    ),
    (
        "pilots:review-detail",
        lambda s: [s["review"].pk],
        "get",
        STAFF_ONLY | {"panel": OK, "undeclared": OK},
    ),
    ("pilots:review-schedule", lambda s: [s["review"].pilot.pk], "get", STAFF_ONLY),
    (
        "scoring:panel-declare",
        lambda s: [s["review"].panel.pk],
        "get",
        STAFF_ONLY | {"staff": FORBIDDEN, "panel": REDIRECT, "undeclared": OK},
    ),
    ("scoring:panel-member-add", lambda s: [s["review"].panel.pk], "get", STAFF_ONLY),
    (
        "scoring:panel-member-remove",
        lambda s: [s["review"].panel.pk, s["member_id"]],
        "get",
        STAFF_ONLY,
    ),
    ("pilots:review-conclude", lambda s: [s["review"].pk], "get", STAFF_ONLY),
    (
        "scoring:panel-start-scoring",
        lambda s: [s["review"].panel.pk],
        "post",
        STAFF_ONLY | {"staff": REDIRECT},
    ),
    ("scoring:panel-matrix-xlsx", lambda s: [s["review"].panel.pk], "get", STAFF_ONLY),
    (
        "scoring:panel-detail",
        lambda s: [s["review"].panel.pk],
        "get",
        STAFF_ONLY | {"staff": REDIRECT, "panel": REDIRECT, "undeclared": REDIRECT},
    ),
    ("scoring:sheet-detail", lambda s: [s["sheet"].pk], "get", STAFF_ONLY | {"panel": OK}),
    # The scene's sheet is a draft: there is nothing to reopen, even for staff.
    ("scoring:sheet-reopen", lambda s: [s["sheet"].pk], "get", STAFF_ONLY | {"staff": FORBIDDEN}),
    # Staff enter paper records: the undeclared member's declaration, the draft sheet.
    (
        "scoring:panel-paper-declaration",
        lambda s: [s["review"].panel.pk, s["member_id"]],
        "get",
        STAFF_ONLY,
    ),
    ("scoring:sheet-paper", lambda s: [s["sheet"].pk], "get", STAFF_ONLY),
    (
        "pilots:pilot-detail",
        lambda s: [s["review"].pilot.pk],
        "get",
        STAFF_ONLY | {"panel": OK, "enterprise": OK},
    ),
]
CASES = [
    pytest.param(name, args, method, role, expected[role], id=f"{name}-{role}")
    for name, args, method, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "args", "method", "role", "expected"), CASES)
def test_permission_matrix(client, scene, name, args, method, role, expected):
    user = scene["users"][role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(reverse(name, args=args(scene)))
    if expected == OK:
        assert response.status_code == 200
    elif expected == FORBIDDEN:
        assert response.status_code == 403
    elif expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == 302
        assert not response.url.startswith(reverse("login"))


def test_reviewer_list_shows_only_their_panels(client, scene):
    AcceptanceReviewFactory()
    client.force_login(scene["users"]["panel"])
    response = client.get(reverse("pilots:review-list"))
    assert list(response.context["object_list"]) == [scene["review"]]


def test_enterprise_sees_the_result_but_no_sheets_or_names(client, scene):
    client.force_login(scene["users"]["enterprise"])
    content = client.get(scene["review"].pilot.get_absolute_url()).content.decode()
    assert (
        scene["review"].organizer.name in content
        or scene["review"].organizer.display_name in content
    )
    assert scene["users"]["panel"].get_full_name() not in content
    assert reverse("pilots:review-detail", args=[scene["review"].pk]) not in content


def sheet_post(sheet, values, action="save", comments=None):
    data = {action: "1"}
    for index, leaf in enumerate(template_leaves(sheet.panel_member.panel.template)):
        data[f"points_{leaf.pk}"] = values[index]
        data[f"comment_{leaf.pk}"] = (comments or {}).get(index, "")
    return data


def test_sheet_errors_sit_next_to_the_item_and_keep_input(client, scene):
    sheet = scene["sheet"]
    client.force_login(scene["users"]["panel"])
    leaves = template_leaves(sheet.panel_member.panel.template)
    response = client.post(
        sheet.get_absolute_url(),
        sheet_post(sheet, ["25", "12.345", ""], "submit", comments={0: "资料齐全"}),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[f"points_{leaves[0].pk}"] == ["确保该值小于或等于20.00。"]
    assert form.errors[f"points_{leaves[1].pk}"] == ["确认小数不超过 2 位."]
    assert form.errors[f"points_{leaves[2].pk}"] == ["提交前请为此项评分。"]
    assert form[f"comment_{leaves[0].pk}"].value() == "资料齐全"
    assert form[f"points_{leaves[1].pk}"].value() == "12.345"
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT


def test_sheet_save_draft_then_submit(client, scene):
    sheet = scene["sheet"]
    client.force_login(scene["users"]["panel"])
    client.post(sheet.get_absolute_url(), sheet_post(sheet, ["18", "", ""]))
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT
    response = client.post(
        sheet.get_absolute_url(), sheet_post(sheet, ["18", "27.5", "45"], "submit")
    )
    sheet.refresh_from_db()
    assert response.url == sheet.get_absolute_url()
    assert (sheet.status, sheet.total) == (SheetStatus.SUBMITTED, D("90.50"))
    page = client.get(sheet.get_absolute_url())
    assert page.context["editable"] is False


def test_staff_cannot_write_a_reviewers_sheet(client, scene):
    client.force_login(scene["users"]["staff"])
    response = client.post(
        scene["sheet"].get_absolute_url(), sheet_post(scene["sheet"], ["1", "1", "1"])
    )
    assert response.status_code == 403


def test_declaration_with_conflict_needs_an_explanation(client, scene):
    client.force_login(scene["users"]["undeclared"])
    url = reverse("scoring:panel-declare", args=[scene["review"].panel.pk])
    response = client.post(url, {"declaration": "conflict", "note": ""})
    assert response.context["form"].errors == {"note": ["请简要说明利益冲突的情况。"]}
    response = client.post(url, {"declaration": "no_conflict", "note": ""})
    assert response.url == scene["review"].get_absolute_url()


def test_staff_panel_matrix_flags_far_sheets_and_exports_xlsx(client, scene):
    review = scene["review"]
    scoring_services.submit_score_sheet(
        sheet=scene["sheet"],
        scores={leaf.pk: (leaf.max_points, "") for leaf in template_leaves(review.panel.template)},
        actor=scene["users"]["panel"],
    )
    low = ScoreSheetFactory(panel_member__panel=review.panel)
    scoring_services.submit_score_sheet(
        sheet=low,
        scores={leaf.pk: (D("5"), "") for leaf in template_leaves(review.panel.template)},
        actor=low.panel_member.reviewer,
    )
    client.force_login(scene["users"]["staff"])
    matrix = client.get(review.get_absolute_url()).context["matrix"]
    assert matrix.totals == [D("100.00"), D("15.00")]
    assert [row.mean for row in matrix.rows if row.row.is_leaf] == [
        D("12.50"),
        D("17.50"),
        D("27.50"),
    ]

    response = client.get(reverse("scoring:panel-matrix-xlsx", args=[review.panel.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[-1][-1] == 57.5


def test_conclude_page_concludes_and_moves_the_pilot(client, scene):
    review = scene["review"]
    scoring_services.submit_score_sheet(
        sheet=scene["sheet"],
        scores={leaf.pk: (leaf.max_points, "") for leaf in template_leaves(review.panel.template)},
        actor=scene["users"]["panel"],
    )
    client.force_login(scene["users"]["staff"])
    url = reverse("pilots:review-conclude", args=[review.pk])
    response = client.post(url, {"concluded_on": "2013-09-26", "opinion": "同意"})
    assert response.status_code == 200
    assert "等待" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["opinion"].value() == "同意"

    scoring_services.remove_panel_member(
        member=review.panel.members.get(declaration=Declaration.PENDING),
        reason="未到场",
        actor=scene["users"]["staff"],
    )
    response = client.post(url, {"concluded_on": "2013-09-26", "opinion": "同意"})
    assert response.url == review.get_absolute_url()
    review.refresh_from_db()
    review.pilot.refresh_from_db()
    assert (review.panel.score, review.pilot.status) == (D("100.00"), "passed")


@pytest.mark.parametrize("rows", [1, 5])
def test_review_list_query_count(client, django_assert_num_queries, rows):
    AcceptanceReviewFactory.create_batch(rows)
    client.force_login(StaffFactory())
    # session, user, groups, pending registrations, count, page,
    # unread notifications
    with django_assert_num_queries(7):
        response = client.get(reverse("pilots:review-list"))
    assert len(response.context["object_list"]) == rows


def test_reviewer_home_counts_open_reviews(client, scene):
    AcceptanceReviewFactory(panel__status="concluded")
    client.force_login(scene["users"]["panel"])
    response = client.get(reverse("portal:home"))
    assert response.context["open_review_count"] == 1


@pytest.mark.parametrize(
    ("old_path", "target", "with_member"),
    [
        ("/reviews/{review}/panel/add/", "scoring:panel-member-add", False),
        ("/reviews/{review}/panel/{member}/remove/", "scoring:panel-member-remove", True),
        ("/reviews/{review}/declare/", "scoring:panel-declare", False),
        ("/reviews/{review}/matrix.xlsx", "scoring:panel-matrix-xlsx", False),
    ],
)
def test_old_panel_addresses_lead_to_the_panel(client, scene, old_path, target, with_member):
    PanelFactory()  # a panel of no review, so that the review's and its panel's ids differ
    review = AcceptanceReviewFactory()
    member = PanelMemberFactory(panel=review.panel)
    assert review.pk != review.panel.pk
    client.force_login(scene["users"]["staff"])

    response = client.get(old_path.format(review=review.pk, member=member.pk))

    args = [review.panel.pk, member.pk] if with_member else [review.panel.pk]
    assert (response.status_code, response.url) == (301, reverse(target, args=args))


def test_old_panel_address_is_refused_to_a_stranger(client, scene):
    client.force_login(scene["users"]["other_reviewer"])
    response = client.get(f"/reviews/{scene['review'].pk}/declare/")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("status", "message"),
    [("concluded", "该考核验收已经结束。"), ("scheduled", "评分尚未开始，没有可结束的内容。")],
)
def test_conclude_page_of_a_review_not_being_scored_leads_back(client, status, message):
    review = AcceptanceReviewFactory(panel__status=status)
    client.force_login(StaffFactory())

    response = client.get(reverse("pilots:review-conclude", args=[review.pk]), follow=True)

    assert response.redirect_chain == [(review.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [message]


def test_schedule_form_does_not_offer_a_reviewer_employed_by_the_pilots_organizations(client):
    from pilots.forms import ReviewScheduleForm
    from tests.pilots.factories import PilotProjectFactory

    pilot = PilotProjectFactory(status="acceptance_requested")
    outsider = ReviewerFactory()
    insider = ReviewerFactory(reviewer_profile__employer=pilot.lead_organization)

    form = ReviewScheduleForm(pilot=pilot)

    offered = set(form.fields["reviewers"].queryset)
    assert (outsider in offered, insider in offered) == (True, False)


def test_conclude_page_shows_the_checklist_and_no_form_while_sheets_are_out(client, scene):
    client.force_login(scene["users"]["staff"])

    response = client.get(reverse("pilots:review-conclude", args=[scene["review"].pk]))

    page = response.content.decode()
    assert [member.reviewer for member in response.context["waiting"]] == [
        scene["users"]["panel"],
        scene["users"]["undeclared"],
    ]
    assert ("核对清单" in page, 'name="opinion"' in page, "试点将登记为通过验收。" in page) == (
        True,
        False,
        False,
    )


def test_staff_record_a_paper_declaration_dated_the_day_it_was_signed(client, scene):
    review, staff = scene["review"], scene["users"]["staff"]
    client.force_login(staff)
    url = reverse("scoring:panel-paper-declaration", args=[review.panel.pk, scene["member_id"]])

    response = client.post(
        url, {"declaration": "no_conflict", "note": "", "occurred_on": "2013-09-26"}
    )

    assert response.url == review.get_absolute_url()
    member = review.panel.members.get(pk=scene["member_id"])
    event = review.panel.events.get(note_code="no_conflict")
    assert (member.declaration, event.occurred_on, event.actor) == (
        "no_conflict",
        datetime.date(2013, 9, 26),
        staff,
    )
    assert client.get(url).status_code == 404  # declared: nothing left to record


def test_staff_enter_a_paper_sheet_on_the_reviewers_behalf(client, scene):
    review, sheet, staff = scene["review"], scene["sheet"], scene["users"]["staff"]
    leaves = template_leaves(review.panel.template)
    data = {f"points_{leaf.pk}": str(leaf.max_points) for leaf in leaves}
    client.force_login(staff)

    response = client.post(
        reverse("scoring:sheet-paper", args=[sheet.pk]), data | {"occurred_on": "2013-09-26"}
    )

    sheet.refresh_from_db()
    event = review.panel.events.get(note_code="submitted")
    assert response.url == review.get_absolute_url()
    assert (sheet.status, sheet.total, event.occurred_on, event.actor) == (
        "submitted",
        D("100.00"),
        datetime.date(2013, 9, 26),
        staff,
    )
    assert client.get(reverse("scoring:sheet-paper", args=[sheet.pk])).status_code == 403


def test_a_paper_sheet_keeps_what_was_typed_when_an_item_is_missing(client, scene):
    review, sheet = scene["review"], scene["sheet"]
    first = template_leaves(review.panel.template)[0]
    client.force_login(scene["users"]["staff"])

    response = client.post(
        reverse("scoring:sheet-paper", args=[sheet.pk]),
        {f"points_{first.pk}": "12.5", "occurred_on": "2013-09-26"},
    )

    assert response.status_code == 200
    assert response.context["form"][f"points_{first.pk}"].value() == "12.5"
    assert ScoreSheet.objects.get(pk=sheet.pk).status == "draft"


def test_sheet_errors_are_tied_to_their_fields_and_listed_at_the_top(client, scene):
    sheet = scene["sheet"]
    client.force_login(scene["users"]["panel"])
    leaf = template_leaves(sheet.panel_member.panel.template)[0]

    response = client.post(sheet.get_absolute_url(), sheet_post(sheet, ["25", "", ""]))

    html = response.content.decode()
    field = f"id_points_{leaf.pk}"
    assert f'aria-invalid="true" aria-describedby="{field}_error"' in html
    assert (
        f'<div class="invalid-feedback d-block" id="{field}_error">确保该值小于或等于20.00。</div>'
        in html
    )
    assert html.count("data-error-summary") == 1
    assert f'href="#{field}">{leaf.code} {leaf.title}: 确保该值小于或等于20.00。</a>' in html
    assert "red" not in html


def test_declaration_errors_are_listed_at_the_top_with_a_link_to_the_field(client, scene):
    client.force_login(scene["users"]["undeclared"])

    response = client.post(
        reverse("scoring:panel-declare", args=[scene["review"].panel.pk]),
        {"declaration": "conflict", "note": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    html = response.content.decode()
    assert html.count("data-error-summary") == 1
    assert 'href="#id_note">' in html
    assert 'aria-invalid="true" aria-describedby="id_note_helptext id_note_error"' in html


def test_staff_find_a_reviewer_to_add_by_name_specialty_or_employer(client, scene, monkeypatch):
    from scoring.forms import PanelMemberAddForm

    panel = scene["review"].panel
    wanted = ReviewerFactory(full_name="欧阳明", reviewer_profile__specialty="油茶栽培")
    for _ in range(3):
        ReviewerFactory()
    monkeypatch.setattr(PanelMemberAddForm, "SHOWN", 2)
    client.force_login(scene["users"]["staff"])
    url = reverse("scoring:panel-member-add", args=[panel.pk])

    everyone = client.get(url)
    by_specialty = client.get(url, {"q": "油茶"})
    nobody = client.get(url, {"q": "不存在的专家"})

    assert len(everyone.context["form"].fields["reviewer"].choices) == 2
    assert everyone.context["form"].more
    assert [pk for pk, _label in by_specialty.context["form"].fields["reviewer"].choices] == [
        wanted.pk
    ]
    assert "data-refusal" not in nobody.content.decode()
    assert nobody.context["form"].fields["reviewer"].choices == []
    # Whoever is eligible may be added, listed or not.
    response = client.post(url, {"reviewer": wanted.pk})
    assert response.status_code == 302
    assert panel.members.filter(reviewer=wanted).exists()


def test_the_review_page_links_to_the_add_page_instead_of_listing_every_reviewer(client, scene):
    client.force_login(scene["users"]["staff"])
    other = scene["users"]["other_reviewer"]

    content = client.get(scene["review"].get_absolute_url()).content.decode()

    assert reverse("scoring:panel-member-add", args=[scene["review"].panel.pk]) in content
    assert other.get_full_name() not in content
