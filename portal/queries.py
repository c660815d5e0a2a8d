"""Query expressions shared by the apps' selectors."""

from django.db.models import IntegerField, Subquery


class SubqueryCount(Subquery):
    """``SubqueryCount(Photo.objects.filter(activity=OuterRef("pk")).values("pk"))``: how many
    rows the correlated queryset has, for each row of the outer query.

    A list page counts the related rows of the twenty rows it shows, instead of grouping the
    whole table (``annotate(Count(...))``) before the page is cut out. For a count of distinct
    values, pass ``.values("field").distinct()``.
    """

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()
