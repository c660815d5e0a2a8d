from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pilots.dates import declaration_date, pilot_date_errors
from pilots.models import (
    Activity,
    Photo,
    PilotDocument,
    PilotProject,
    PilotStandard,
    PilotTransition,
    Standard,
)


class PilotStandardInline(admin.TabularInline):
    model = PilotStandard
    extra = 0
    autocomplete_fields = ["standard"]


class PilotTransitionInline(admin.TabularInline):
    model = PilotTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "occurred_on", "recorded", "comment"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PilotProjectAdminForm(forms.ModelForm):
    """The admin's form keeps the pilot's date rules (``pilots.dates``) too (the admin gives
    it its model and fields)."""

    def clean(self):
        cleaned = super().clean()
        errors = pilot_date_errors(
            status=self.instance.status,
            declared_on=declaration_date(self.instance),
            approval_date=cleaned.get("approval_date"),
            planned_completion=cleaned.get("planned_completion"),
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


@admin.register(PilotProject)
class PilotProjectAdmin(SimpleHistoryAdmin):
    form = PilotProjectAdminForm
    list_display = ["name", "category", "level", "status", "approval_date"]
    list_filter = ["category", "level", "status"]
    search_fields = ["name", "lead_organization__name"]
    autocomplete_fields = ["lead_organization", "participants", "region"]
    readonly_fields = ["status"]
    inlines = [PilotStandardInline, PilotTransitionInline]


@admin.register(Standard)
class StandardAdmin(SimpleHistoryAdmin):
    list_display = ["designation", "title", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["designation", "title"]
    readonly_fields = ["kind"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["caption", "original_name", "width", "height"]
    readonly_fields = ["original_name", "width", "height"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "title", "pilot", "participants_count", "materials_count"]
    list_filter = ["kind"]
    search_fields = ["title", "place", "pilot__name"]
    inlines = [PhotoInline]


@admin.register(PilotDocument)
class PilotDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "pilot", "uploaded"]
    list_filter = ["kind"]
