"""A Django admin of the models whose lists the portal has but the project's admin does not
register (acceptance reviews, award programmes, award applications): the changelists the
benchmark compares those lists with. Each is the plain ModelAdmin one would write for it:
columns, a filter or two, a search."""

from django.contrib import admin

from brands.models import AwardApplication, AwardProgram
from pilots.models import AcceptanceReview
from portal.forms import AdminLoginForm

site = admin.AdminSite(name="benchadmin")
site.login_form = AdminLoginForm


@admin.register(AcceptanceReview, site=site)
class AcceptanceReviewAdmin(admin.ModelAdmin):
    list_display = ["pilot", "scheduled_for", "organizer"]
    search_fields = ["pilot__name"]


@admin.register(AwardProgram, site=site)
class AwardProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "round", "level", "kind", "opens_on", "closes_on"]
    list_filter = ["level", "kind"]
    search_fields = ["name"]


@admin.register(AwardApplication, site=site)
class AwardApplicationAdmin(admin.ModelAdmin):
    list_display = ["id", "organization", "program", "product", "status", "submitted_on"]
    list_filter = ["status", "program"]
    search_fields = ["organization__name", "product"]
