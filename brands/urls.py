from django.urls import path

from brands.views import applications, brands, decisions, notices, outputs, programs, public, titles

app_name = "brands"

urlpatterns = [
    path("brands/", brands.BrandListView.as_view(), name="brand-list"),
    path("brands/new/", brands.BrandCreateView.as_view(), name="brand-create"),
    path("brands/expiring/", brands.ExpiringBrandListView.as_view(), name="brand-expiring"),
    path("brands/<int:pk>/", brands.BrandDetailView.as_view(), name="brand-detail"),
    path("brands/<int:pk>/edit/", brands.BrandUpdateView.as_view(), name="brand-edit"),
    path("brands/<int:pk>/delete/", brands.BrandDeleteView.as_view(), name="brand-delete"),
    path("brands/<int:pk>/history/", brands.BrandHistoryView.as_view(), name="brand-history"),
    path(
        "brands/<int:pk>/outputs/add/",
        outputs.BrandOutputFormView.as_view(),
        name="brand-output-add",
    ),
    path(
        "brands/<int:pk>/outputs/<int:output>/edit/",
        outputs.BrandOutputFormView.as_view(),
        name="brand-output-edit",
    ),
    path(
        "brands/<int:pk>/outputs/<int:output>/remove/",
        outputs.BrandOutputDeleteView.as_view(),
        name="brand-output-remove",
    ),
    path("brands/titles/", titles.TitleListView.as_view(), name="title-list"),
    path("brands/titles/new/", titles.TitleCreateView.as_view(), name="title-create"),
    path("brands/titles/<int:pk>/edit/", titles.TitleUpdateView.as_view(), name="title-edit"),
    path("brands/titles/<int:pk>/delete/", titles.TitleDeleteView.as_view(), name="title-delete"),
    path(
        "brands/county-output/",
        outputs.CountyOutputListView.as_view(),
        name="county-output-list",
    ),
    path(
        "brands/county-output/new/",
        outputs.CountyOutputCreateView.as_view(),
        name="county-output-create",
    ),
    path(
        "brands/county-output/<int:pk>/edit/",
        outputs.CountyOutputUpdateView.as_view(),
        name="county-output-edit",
    ),
    path("brands/programs/", programs.ProgramListView.as_view(), name="program-list"),
    path("brands/programs/new/", programs.ProgramCreateView.as_view(), name="program-create"),
    path("brands/programs/<int:pk>/", programs.ProgramDetailView.as_view(), name="program-detail"),
    path(
        "brands/programs/<int:pk>/edit/", programs.ProgramUpdateView.as_view(), name="program-edit"
    ),
    path(
        "brands/programs/<int:pk>/delete/",
        programs.ProgramDeleteView.as_view(),
        name="program-delete",
    ),
    path(
        "brands/programs/<int:pk>/materials/add/",
        programs.MaterialFormView.as_view(),
        name="program-material-add",
    ),
    path(
        "brands/programs/<int:pk>/materials/<int:material>/edit/",
        programs.MaterialFormView.as_view(),
        name="program-material-edit",
    ),
    path(
        "brands/programs/<int:pk>/materials/<int:material>/remove/",
        programs.MaterialDeleteView.as_view(),
        name="program-material-remove",
    ),
    path("programs/open/", programs.OpenProgramListView.as_view(), name="open-program-list"),
    path("public/brands/", public.PublicBrandListView.as_view(), name="public-brand-list"),
    path("public/notices/", notices.NoticeListView.as_view(), name="notice-list"),
    path("public/notices/<int:pk>/", notices.NoticeDetailView.as_view(), name="notice-detail"),
    # Award applications
    path(
        "programs/<int:pk>/apply/",
        applications.ApplicationStartView.as_view(),
        name="application-start",
    ),
    path("applications/", applications.ApplicationListView.as_view(), name="application-list"),
    path(
        "applications/<int:pk>/",
        applications.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
    path(
        "applications/<int:pk>/edit/<slug:section>/",
        applications.ApplicationSectionView.as_view(),
        name="application-section",
    ),
    path(
        "applications/<int:pk>/materials/<int:required>/upload/",
        applications.MaterialUploadView.as_view(),
        name="material-upload",
    ),
    path(
        "applications/materials/<int:pk>/remove/",
        applications.MaterialRemoveView.as_view(),
        name="material-remove",
    ),
    path(
        "applications/materials/<int:pk>/file/",
        applications.MaterialFileView.as_view(),
        name="material-file",
    ),
    path(
        "applications/<int:pk>/submit/",
        applications.ApplicationSubmitView.as_view(),
        name="application-submit",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.ApplicationWithdrawView.as_view(),
        name="application-withdraw",
    ),
    path(
        "applications/<int:pk>/versions/<int:number>/",
        applications.ApplicationVersionView.as_view(),
        name="application-version",
    ),
    path(
        "applications/<int:pk>/record/",
        applications.ApplicationRecordView.as_view(),
        name="application-record",
    ),
    path(
        "applications/<int:pk>/check/",
        decisions.CompletenessCheckView.as_view(),
        name="application-check",
    ),
    path(
        "applications/<int:pk>/extend/",
        decisions.ExtendDeadlineView.as_view(),
        name="application-extend",
    ),
    path(
        "applications/<int:pk>/panel/",
        decisions.AssignPanelView.as_view(),
        name="application-panel",
    ),
    path(
        "applications/<int:pk>/decide/", decisions.DecideView.as_view(), name="application-decide"
    ),
    path(
        "applications/<int:pk>/publish/",
        decisions.PublishView.as_view(),
        name="application-publish",
    ),
    path(
        "applications/<int:pk>/finalise/",
        decisions.FinaliseView.as_view(),
        name="application-finalise",
    ),
    path(
        "applications/<int:pk>/visits/add/",
        decisions.VisitCreateView.as_view(),
        name="application-visit-add",
    ),
    path(
        "applications/visit-photos/<int:pk>/",
        decisions.VisitPhotoView.as_view(),
        name="visit-photo",
    ),
    path(
        "applications/visit-photos/<int:pk>/thumbnail/",
        decisions.VisitPhotoView.as_view(thumbnail=True),
        name="visit-photo-thumbnail",
    ),
]
