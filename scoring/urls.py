from django.urls import path

from scoring.views import panels, sheets, templates

app_name = "scoring"

urlpatterns = [
    path("templates/", templates.TemplateListView.as_view(), name="template-list"),
    path("templates/new/", templates.TemplateCreateView.as_view(), name="template-create"),
    path("templates/<int:pk>/", templates.TemplateDetailView.as_view(), name="template-detail"),
    path("templates/<int:pk>/edit/", templates.TemplateUpdateView.as_view(), name="template-edit"),
    path(
        "templates/<int:pk>/delete/",
        templates.TemplateDeleteView.as_view(),
        name="template-delete",
    ),
    path("templates/<int:pk>/copy/", templates.TemplateCopyView.as_view(), name="template-copy"),
    path(
        "templates/<int:pk>/criteria/new/",
        templates.CriterionCreateView.as_view(),
        name="criterion-create",
    ),
    path(
        "templates/criteria/<int:pk>/edit/",
        templates.CriterionUpdateView.as_view(),
        name="criterion-edit",
    ),
    path(
        "templates/criteria/<int:pk>/delete/",
        templates.CriterionDeleteView.as_view(),
        name="criterion-delete",
    ),
    path("panels/<int:pk>/", panels.PanelView.as_view(), name="panel-detail"),
    path(
        "panels/<int:pk>/members/add/",
        panels.PanelMemberAddView.as_view(),
        name="panel-member-add",
    ),
    path(
        "panels/<int:pk>/members/<int:member>/remove/",
        panels.PanelMemberRemoveView.as_view(),
        name="panel-member-remove",
    ),
    path("panels/<int:pk>/declare/", panels.DeclarationView.as_view(), name="panel-declare"),
    path(
        "panels/<int:pk>/members/<int:member>/paper-declaration/",
        panels.PaperDeclarationView.as_view(),
        name="panel-paper-declaration",
    ),
    path(
        "panels/<int:pk>/start-scoring/",
        panels.StartScoringView.as_view(),
        name="panel-start-scoring",
    ),
    path(
        "panels/<int:pk>/matrix.xlsx",
        panels.PanelMatrixExportView.as_view(),
        name="panel-matrix-xlsx",
    ),
    path("sheets/<int:pk>/", sheets.SheetView.as_view(), name="sheet-detail"),
    path("sheets/<int:pk>/reopen/", sheets.SheetReopenView.as_view(), name="sheet-reopen"),
    path("sheets/<int:pk>/paper/", sheets.PaperSheetView.as_view(), name="sheet-paper"),
]
