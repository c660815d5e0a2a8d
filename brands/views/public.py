from django.conf import settings
from django_filters.views import FilterView

from brands import selectors
from brands.filters import PublicBrandFilter
from portal.collation import Pinyin


class PublicBrandListView(FilterView):
    """Titles within their validity period today, for everyone: product, holder, title,
    certificate and end of validity; no output figures but the county-wide share."""

    filterset_class = PublicBrandFilter
    template_name = "brands/public_brand_list.html"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return selectors.brands_for_public().order_by("title_id", Pinyin("product"), "pk")

    def get_context_data(self, **kwargs):
        year = selectors.latest_county_output_year()
        return super().get_context_data(
            figure_year=year,
            figure=selectors.brand_output_share(year) if year else None,
            **kwargs,
        )
