"""Small database helpers shared by the apps' querysets."""

from typing import Any

from django.db.models import Aggregate, JSONField, OuterRef, QuerySet, Subquery


class JSONArrayAgg(Aggregate):
    """Values gathered into a JSON array: SQLite's ``json_group_array``, PostgreSQL's
    ``jsonb_agg`` (which Django reads back as text, like any JSONField)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def slugs_of(related: QuerySet[Any], link: str) -> Subquery:
    """The slugs of ``related`` rows whose ``link`` is the outer row, as one JSON array.

    One column of the outer query instead of a prefetch query and a manager per row: lists
    that only name their related items by slug stay at a fixed, small number of queries.
    NULL when there are none.
    """
    rows = related.filter(**{link: OuterRef("pk")}).order_by().values(link)
    return Subquery(
        rows.annotate(slugs=JSONArrayAgg("slug")).values("slugs"), output_field=JSONField()
    )
