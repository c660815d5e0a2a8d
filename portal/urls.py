from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from portal import views

portal_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/done/", views.RegisterDoneView.as_view(), name="register-done"),
    path("account/", views.ProfileView.as_view(), name="profile"),
    path("account/edit/", views.ProfileUpdateView.as_view(), name="profile-edit"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("organizations/new/", views.OrganizationCreateView.as_view(), name="organization-create"),
    path(
        "organizations/<int:pk>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path(
        "organizations/<int:pk>/edit/",
        views.OrganizationUpdateView.as_view(),
        name="organization-edit",
    ),
    path(
        "organizations/<int:pk>/contacts/",
        views.OrganizationContactsUpdateView.as_view(),
        name="organization-contacts",
    ),
    path(
        "organizations/<int:pk>/history/",
        views.OrganizationHistoryView.as_view(),
        name="organization-history",
    ),
    path(
        "organizations/<int:pk>/delete/",
        views.OrganizationDeleteView.as_view(),
        name="organization-delete",
    ),
    path("my-organization/", views.MyOrganizationView.as_view(), name="my-organization"),
    path("registrations/", views.RegistrationListView.as_view(), name="registration-list"),
    path(
        "registrations/<int:pk>/",
        views.RegistrationDetailView.as_view(),
        name="registration-detail",
    ),
    path(
        "registrations/<int:pk>/approve/",
        views.RegistrationApproveView.as_view(),
        name="registration-approve",
    ),
    path(
        "registrations/<int:pk>/reject/",
        views.RegistrationRejectView.as_view(),
        name="registration-reject",
    ),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("", include("pilots.urls")),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"/{settings.STATIC_URL}img/favicon.svg", permanent=True),
    ),
]

admin.site.site_header = admin.site.site_title = settings.BUREAU_NAME
