from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from django_filters.views import FilterView

from pilots import selectors
from pilots.filters import PublicPilotFilter
from portal.collation import Pinyin


class PublicPilotListView(FilterView):
    """Approved and passed pilots, for everyone; no internal fields."""

    filterset_class = PublicPilotFilter
    template_name = "pilots/public_pilot_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.pilots_for_public()


class PublicPilotDetailView(DetailView):
    template_name = "pilots/public_pilot_detail.html"
    context_object_name = "pilot"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.pilots_for_public(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups, _missing = selectors.pilot_standard_system(self.object)
        context.update(
            system_groups=[group for group in groups if group.entries],
            totals=selectors.activity_totals(self.object),
            participants=self.object.participants.order_by(Pinyin("name")),
            passed_on=selectors.date_of_status(self.object, "passed"),
        )
        return context
