from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from brands.models import Brand, BrandOutput, BrandReminder, BrandTitle, CountyIndustrialOutput


@admin.register(BrandTitle)
class BrandTitleAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "awarded_by"]
    search_fields = ["name", "name_en"]


class BrandOutputInline(admin.TabularInline):
    model = BrandOutput
    extra = 0


class BrandReminderInline(admin.TabularInline):
    model = BrandReminder
    extra = 0
    readonly_fields = ["valid_until", "sent_on", "recipient_count"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Brand)
class BrandAdmin(SimpleHistoryAdmin):
    list_display = ["product", "holder", "title", "certificate_number", "valid_from", "valid_until"]
    list_filter = ["title", "is_sample"]
    search_fields = ["product", "holder__name", "certificate_number"]
    autocomplete_fields = ["holder"]
    inlines = [BrandOutputInline, BrandReminderInline]


@admin.register(CountyIndustrialOutput)
class CountyIndustrialOutputAdmin(admin.ModelAdmin):
    list_display = ["year", "output", "source_note"]
