from django.contrib import admin

from scoring.models import Criterion, Panel, PanelMember, ScoringTemplate


class CriterionInline(admin.TabularInline):
    model = Criterion
    fk_name = "template"
    extra = 0
    fields = ["parent", "code", "title", "max_points", "position"]


@admin.register(ScoringTemplate)
class ScoringTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "total_points", "pass_mark", "aggregation", "is_frozen"]
    search_fields = ["name"]
    inlines = [CriterionInline]


class PanelMemberInline(admin.TabularInline):
    model = PanelMember
    extra = 0
    fields = ["reviewer", "is_chair", "declaration", "removed"]
    readonly_fields = ["declaration", "removed"]


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "template", "status", "score", "concluded_on"]
    list_filter = ["status"]
    readonly_fields = ["status", "score", "passed", "opinion", "concluded_on"]
    inlines = [PanelMemberInline]
