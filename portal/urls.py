from django.conf import settings
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from portal.forms import AdminLoginForm
from portal.views import (
    accounts,
    notifications,
    organizations,
    registrations,
    reviewers,
    staff_accounts,
)

portal_patterns = [
    path("", accounts.HomeView.as_view(), name="home"),
    path("register/", accounts.RegisterView.as_view(), name="register"),
    path("register/done/", accounts.RegisterDoneView.as_view(), name="register-done"),
    path("account/", accounts.ProfileView.as_view(), name="profile"),
    path("account/edit/", accounts.ProfileUpdateView.as_view(), name="profile-edit"),
    path("organizations/", organizations.OrganizationListView.as_view(), name="organization-list"),
    path(
        "organizations/new/",
        organizations.OrganizationCreateView.as_view(),
        name="organization-create",
    ),
    path(
        "organizations/<int:pk>/",
        organizations.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path(
        "organizations/<int:pk>/edit/",
        organizations.OrganizationUpdateView.as_view(),
        name="organization-edit",
    ),
    path(
        "organizations/<int:pk>/contacts/",
        organizations.OrganizationContactsUpdateView.as_view(),
        name="organization-contacts",
    ),
    path(
        "organizations/<int:pk>/history/",
        organizations.OrganizationHistoryView.as_view(),
        name="organization-history",
    ),
    path(
        "organizations/<int:pk>/delete/",
        organizations.OrganizationDeleteView.as_view(),
        name="organization-delete",
    ),
    path("my-organization/", organizations.MyOrganizationView.as_view(), name="my-organization"),
    path("experts/", reviewers.ReviewerListView.as_view(), name="reviewer-list"),
    path("experts/new/", reviewers.ReviewerFormView.as_view(), name="reviewer-create"),
    path("experts/<int:pk>/edit/", reviewers.ReviewerFormView.as_view(), name="reviewer-edit"),
    path(
        "experts/<int:pk>/deactivate/",
        reviewers.ReviewerDeactivateView.as_view(),
        name="reviewer-deactivate",
    ),
    path(
        "experts/<int:pk>/reactivate/",
        reviewers.ReviewerReactivateView.as_view(),
        name="reviewer-reactivate",
    ),
    path(
        "staff-accounts/",
        staff_accounts.StaffAccountListView.as_view(),
        name="staff-account-list",
    ),
    path(
        "staff-accounts/new/",
        staff_accounts.StaffAccountFormView.as_view(),
        name="staff-account-create",
    ),
    path(
        "staff-accounts/<int:pk>/edit/",
        staff_accounts.StaffAccountFormView.as_view(),
        name="staff-account-edit",
    ),
    path(
        "staff-accounts/<int:pk>/deactivate/",
        staff_accounts.StaffAccountDeactivateView.as_view(),
        name="staff-account-deactivate",
    ),
    path(
        "staff-accounts/<int:pk>/reactivate/",
        staff_accounts.StaffAccountReactivateView.as_view(),
        name="staff-account-reactivate",
    ),
    path("notifications/", notifications.NotificationListView.as_view(), name="notification-list"),
    path(
        "notifications/<int:pk>/",
        notifications.NotificationOpenView.as_view(),
        name="notification-open",
    ),
    path(
        "notifications/read/",
        notifications.NotificationsReadView.as_view(),
        name="notifications-read",
    ),
    path("registrations/", registrations.RegistrationListView.as_view(), name="registration-list"),
    path(
        "registrations/<int:pk>/",
        registrations.RegistrationDetailView.as_view(),
        name="registration-detail",
    ),
    path(
        "registrations/<int:pk>/approve/",
        registrations.RegistrationApproveView.as_view(),
        name="registration-approve",
    ),
    path(
        "registrations/<int:pk>/reject/",
        registrations.RegistrationRejectView.as_view(),
        name="registration-reject",
    ),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("", include("scoring.urls")),
    path("", include("pilots.urls")),
    path("", include("brands.urls")),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "favicon.ico",
        # Resolved per request: the hashed name exists only once static files are collected.
        lambda request: HttpResponsePermanentRedirect(static("img/favicon.svg")),
    ),
]

admin.site.site_header = admin.site.site_title = settings.BUREAU_NAME
admin.site.login_form = AdminLoginForm
